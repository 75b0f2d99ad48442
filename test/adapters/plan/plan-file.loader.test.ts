import { describe, expect, it } from 'vitest';
import { formatIssues } from '../../../src/adapters/plan/issue-list.js';
import { checkPlanDocument, parsePlanText } from '../../../src/adapters/plan/plan-file.loader.js';

/** Formatted issues of a plan text (`ok` when none). */
function check(text: string, file = 'plan.yaml'): string {
  const raw = parsePlanText(text, file);
  if (raw.issues.length > 0) return formatIssues(raw.issues);
  const r = checkPlanDocument(raw.data, file, raw.locate);
  return r.ok ? 'ok' : formatIssues(r.issues);
}

const HEAD = `session:
  type: feature
  intent: Add rate limiting
waves:
  - role: Discovery
    tasks:
      - id: m-1
        task: Map the routes
        files: [src/routes/]
`;

describe('plan file: valid input', () => {
  it('accepts the plan of plan-and-cli.md', () => {
    const text = `session:
  type: feature
  intent: Add rate limiting to the public API
  issues: [12, 14]
  focus: focus on API endpoints
config:
  agents-per-wave: 4
  max-turns: auto
  isolation: auto
  enforcement: warn
  persistence: true
  worker-pool: { max-parallel: 4, drain-timeout-ms: 10000 }
  verification-auto-fix: { enabled: true, max-retries: 2 }
  quality-gates:
    lint: npm run lint
    typecheck: npx tsc --noEmit
    test: [sh, -c, "npm test"]
runners:
  default: { kind: claude }
  scripted: { kind: command, argv: [node, agents/fake.mjs], format: claude-stream-json }
waves:
  - role: Discovery
    tasks:
      - id: m-1
        task: Map the API routes and their middleware
        files: [src/routes/]
        acceptance: A list of routes
  - role: Impl-Core
    collision-risk: low
    tasks:
      - id: m-2
        task: Add a token-bucket middleware
        files: [src/middleware/rate-limit.ts, "test/**/*.test.ts"]
        acceptance: test passes
        depends-on: [m-1]
        runner: scripted
        max-turns: 12
        contract-lock: false
`;
    expect(check(text)).toBe('ok');
  });
});

describe('plan file: bad input, one exact line per problem', () => {
  it('unknown key, at the key', () => {
    expect(check(HEAD.replace('  intent:', '  tpye: x\n  intent:'))).toBe(
      'plan.yaml:3:3: session.tpye: unknown key "tpye" (did you mean "type"?)',
    );
    expect(check(HEAD + '        acceptence: done\n')).toBe(
      'plan.yaml:10:9: waves[0].tasks[0].acceptence: unknown key "acceptence" (did you mean "acceptance"?)',
    );
  });

  it('missing required key', () => {
    expect(check(HEAD.replace('  intent: Add rate limiting\n', ''))).toBe(
      'plan.yaml:2:3: session.intent: is required',
    );
  });

  it('wrong session type', () => {
    expect(check(HEAD.replace('type: feature', 'type: featur'))).toBe(
      'plan.yaml:2:9: session.type: must be one of housekeeping, feature, deep; got "featur"',
    );
  });

  it('wrong role', () => {
    expect(check(HEAD.replace('role: Discovery', 'role: Research'))).toBe(
      'plan.yaml:5:11: waves[0].role: must be one of Discovery, Impl-Core, Impl-Polish, Quality, Finalization, Docs; got "Research"',
    );
  });

  it('wrong collision-risk and isolation', () => {
    const text = HEAD.replace(
      '  - role: Discovery\n',
      '  - role: Discovery\n    collision-risk: extreme\n    isolation: docker\n',
    );
    expect(check(text)).toBe(
      [
        'plan.yaml:6:21: waves[0].collision-risk: must be one of low, medium, high; got "extreme"',
        'plan.yaml:7:16: waves[0].isolation: must be one of auto, worktree, none; got "docker"',
      ].join('\n'),
    );
  });

  it('wrong enforcement in config', () => {
    expect(check(HEAD + 'config:\n  enforcement: loose\n')).toBe(
      'plan.yaml:11:16: config.enforcement: must be one of strict, warn, off; got "loose"',
    );
  });

  it('wrong runner kind and format', () => {
    const text =
      HEAD +
      'runners:\n  default: { kind: ollama }\n  x: { kind: command, argv: [a], format: xml }\n';
    expect(check(text)).toBe(
      [
        'plan.yaml:11:20: runners.default.kind: must be one of claude, codex, gemini, command; got "ollama"',
        'plan.yaml:12:42: runners.x.format: must be one of claude-stream-json, codex-json, gemini-stream-json, text; got "xml"',
      ].join('\n'),
    );
  });

  it('duplicate task id', () => {
    const text = HEAD + '      - id: m-1\n        task: Again\n';
    expect(check(text)).toBe(
      'plan.yaml:10:13: waves[0].tasks[1].id: duplicate task id "m-1" (first used at waves[0].tasks[0])',
    );
  });

  it('id not matching the mission id pattern', () => {
    expect(check(HEAD.replace('id: m-1', 'id: Task_1'))).toBe(
      'plan.yaml:7:13: waves[0].tasks[0].id: invalid mission id "Task_1": must match ^[a-z][a-z0-9]*(-[a-z0-9]+)*-\\d+$ (e.g. m-1)',
    );
  });

  it('absolute file scope', () => {
    expect(check(HEAD.replace('[src/routes/]', '[/etc/passwd]'))).toBe(
      'plan.yaml:9:17: waves[0].tasks[0].files[0]: file scope "/etc/passwd" is absolute; scopes are relative to the repository',
    );
  });

  it('file scope with a .. segment', () => {
    expect(check(HEAD.replace('[src/routes/]', '[src/ok.ts, src/../../x]'))).toBe(
      'plan.yaml:9:28: waves[0].tasks[0].files[1]: file scope "src/../../x" contains a ".." segment; scopes must stay inside the repository',
    );
  });

  it('depends-on an unknown id', () => {
    expect(check(HEAD + '        depends-on: [m-9]\n')).toBe(
      'plan.yaml:10:22: waves[0].tasks[0].depends-on[0]: depends-on "m-9" names no task of this plan',
    );
  });

  it('depends-on a task of the same wave', () => {
    const text = HEAD + '      - id: m-2\n        task: Next\n        depends-on: [m-1]\n';
    expect(check(text)).toBe(
      'plan.yaml:12:22: waves[0].tasks[1].depends-on[0]: depends-on "m-1" is in the same wave; a task may depend only on tasks of earlier waves',
    );
  });

  it('depends-on pointing forward', () => {
    const text =
      HEAD +
      '        depends-on: [m-2]\n  - role: Impl-Core\n    tasks:\n      - id: m-2\n        task: Build\n';
    expect(check(text)).toBe(
      'plan.yaml:10:22: waves[0].tasks[0].depends-on[0]: depends-on "m-2" points forward (to wave 2); a task may depend only on tasks of earlier waves',
    );
  });

  it('unknown runner', () => {
    expect(check(HEAD + '        runner: scripted\n')).toBe(
      'plan.yaml:10:17: waves[0].tasks[0].runner: unknown runner "scripted" (defined: default)',
    );
  });

  it('no default runner while a task relies on it', () => {
    const text = HEAD + 'runners:\n  scripted: { kind: command, argv: [node, a.mjs] }\n';
    expect(check(text)).toBe(
      'plan.yaml:7:9: waves[0].tasks[0]: the task names no runner and runners has no "default" (defined: scripted)',
    );
  });

  it('command runner without argv; argv on another kind', () => {
    const text = HEAD + 'runners:\n  default: { kind: command }\n  c: { kind: codex, argv: [x] }\n';
    expect(check(text)).toBe(
      [
        'plan.yaml:11:12: runners.default: a "command" runner needs argv',
        'plan.yaml:12:21: runners.c.argv: argv is only for "command" runners (use bin and args)',
      ].join('\n'),
    );
  });

  it('max-turns not a positive integer', () => {
    expect(check(HEAD + '        max-turns: 0\n')).toBe(
      'plan.yaml:10:20: waves[0].tasks[0].max-turns: must be a positive integer; got 0',
    );
    expect(check(HEAD + 'config:\n  max-turns: lots\n')).toBe(
      'plan.yaml:11:14: config.max-turns: must be "auto" or a positive integer; got "lots"',
    );
  });

  it('wrong types', () => {
    const text = HEAD.replace('[src/routes/]', 'src') + '        contract-lock: yes\n';
    expect(check(text)).toBe(
      [
        'plan.yaml:9:16: waves[0].tasks[0].files: expected a list, got "src"',
        'plan.yaml:10:24: waves[0].tasks[0].contract-lock: expected true or false, got "yes"',
      ].join('\n'),
    );
  });

  it('bad quality gate commands', () => {
    const text = HEAD + 'config:\n  quality-gates:\n    lint: "eslint \'src"\n    test: 3\n';
    expect(check(text)).toBe(
      [
        "plan.yaml:12:11: config.quality-gates.lint: unterminated ' quote in command",
        'plan.yaml:13:11: config.quality-gates.test: must be a command string, a list of argv strings or { command, lite }; got 3',
      ].join('\n'),
    );
  });

  it('a gate with a Quality-Lite command: { command, lite }, unknown keys refused', () => {
    const text =
      HEAD +
      'config:\n  quality-gates:\n    lint: { command: eslint ., lite: "eslint {changed:ts}" }\n';
    expect(check(text)).toBe('ok');
    const bad = HEAD + 'config:\n  quality-gates:\n    lint: { command: eslint ., quick: x }\n';
    expect(check(bad)).toMatch(/^plan\.yaml:12:\d+: config\.quality-gates\.lint/);
  });

  it('YAML syntax errors: the first, with line and column from yaml, and how many followed', () => {
    expect(check('session:\n  type: feature\n  type: deep\nwaves: [\n')).toBe(
      'plan.yaml:3:3: invalid YAML: Map keys must be unique (and 1 more error(s) after it, most likely caused by this one)',
    );
  });

  it('one unquoted [ in a flow map is one problem, not dozens', () => {
    const rows = Array.from(
      { length: 30 },
      (_, i) => `      - { id: m-${i + 2}, task: t${i}, files: [src/f${i}.ts] }`,
    ).join('\n');
    const text = `${HEAD}waves:\n  - role: Impl-Core\n    tasks:\n      - { id: m-1, task: [oops, files: [a] }\n${rows}\n`;
    const out = check(text).split('\n');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(
      /^plan\.yaml:\d+:\d+: invalid YAML: .* \(and \d+ more error\(s\) after it/,
    );
  });

  it('did you mean: unknown keys and runner names', () => {
    const text =
      'session:\n  type: feature\n  intnet: x\n  intent: y\nrunners:\n  default: { kind: claude }\n  scripted: { kind: claude }\nwaves:\n  - role: Impl-Core\n    tasks:\n      - { id: m-1, task: a, files: [a], runner: scriptd, dependson: [] }\n';
    const out = check(text);
    expect(out).toContain('session.intnet: unknown key "intnet" (did you mean "intent"?)');
    expect(out).toContain('unknown runner "scriptd" (did you mean "scripted"?)');
    expect(out).toContain('unknown key "dependson" (did you mean "depends-on"?)');
    expect(check(text.replace('dependson', 'zzzzzz'))).not.toContain('did you mean "depends');
  });

  it('an empty file', () => {
    expect(check('')).toBe('plan.yaml:1:1: the plan is empty');
  });

  it('reports ALL problems, sorted by position', () => {
    const text = `waves:
  - role: Impl
    tasks:
      - id: M1
        task: ""
        files: [../x]
session:
  type: deep
  intent: x
  extra: 1
`;
    expect(check(text)).toBe(
      [
        'plan.yaml:2:11: waves[0].role: must be one of Discovery, Impl-Core, Impl-Polish, Quality, Finalization, Docs; got "Impl"',
        'plan.yaml:4:13: waves[0].tasks[0].id: invalid mission id "M1": must match ^[a-z][a-z0-9]*(-[a-z0-9]+)*-\\d+$ (e.g. m-1)',
        'plan.yaml:5:15: waves[0].tasks[0].task: must not be empty',
        'plan.yaml:6:17: waves[0].tasks[0].files[0]: file scope "../x" contains a ".." segment; scopes must stay inside the repository',
        'plan.yaml:10:3: session.extra: unknown key "extra"',
      ].join('\n'),
    );
  });
});

describe('plan file: JSON', () => {
  it('maps JSON problems to line and column too', () => {
    const json = JSON.stringify(
      {
        session: { type: 'feature', intent: 'x' },
        waves: [{ role: 'Discovery', tasks: [{ id: 'm-1', task: 't', runner: 'nope' }] }],
      },
      null,
      2,
    );
    expect(check(json, 'plan.json')).toBe(
      'plan.json:13:21: waves[0].tasks[0].runner: unknown runner "nope" (defined: default)',
    );
  });

  it('reports a JSON syntax error once, with its position', () => {
    expect(check('{\n  "session": {"type": "feature",}\n}\n', 'plan.json')).toBe(
      'plan.json:2:33: invalid JSON: Expected double-quoted property name',
    );
    expect(check('{\n  "session": {"type": "feature",\n', 'plan.json')).toBe(
      'plan.json:3:1: invalid JSON: Expected double-quoted property name',
    );
  });
});
