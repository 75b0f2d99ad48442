/**
 * `wave hook pre-tool-use` as Claude Code runs it: the built CLI as a child process, the real
 * PreToolUse payloads of test/fixtures/hooks/ on stdin (see its README for where the shape comes
 * from), a real temporary repository with a `.claude/wave-scope.json`, real symlinks.
 */
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WAVE_BIN } from '../support/wave-cli.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/hooks');

interface Answer {
  code: number;
  stdout: string;
  stderr: string;
  json: unknown;
}

let root = '';
let outside = '';

function manifest(body: Record<string, unknown>): void {
  const full = {
    wave: 2,
    role: 'Impl-Core',
    enforcement: 'strict',
    allowedPaths: ['src/a.ts', 'src/b/', 'notebooks/analysis.ipynb'],
    blockedCommands: ['git reset --hard', 'rm -rf'],
    ...body,
  };
  writeFileSync(join(root, '.claude/wave-scope.json'), JSON.stringify(full, null, 2));
}

function payload(fixture: string, vars: Record<string, string>): string {
  let text = readFileSync(join(FIXTURES, `${fixture}.json`), 'utf8');
  for (const [k, v] of Object.entries({ ROOT: root, ...vars }))
    text = text.replaceAll(`\${${k}}`, JSON.stringify(v).slice(1, -1));
  return text;
}

function hook(stdin: string, env: Record<string, string> = {}): Answer {
  const r = spawnSync(process.execPath, [WAVE_BIN, 'hook', 'pre-tool-use'], {
    input: stdin,
    encoding: 'utf8',
    cwd: root,
    env: { ...process.env, CLAUDE_PROJECT_DIR: root, ...env },
  });
  const json: unknown = r.stdout.trim() === '' ? null : JSON.parse(r.stdout);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json };
}

const call = (fixture: string, target: string): Answer =>
  hook(payload(fixture, { TARGET: target.startsWith('/') ? target : join(root, target) }));
const bash = (command: string): Answer => hook(payload('bash', { COMMAND: command }));

const deny = (reason: string) => ({
  hookSpecificOutput: {
    hookEventName: 'PreToolUse',
    permissionDecision: 'deny',
    permissionDecisionReason: reason,
  },
  systemMessage: `⛔ ${reason.length > 200 ? `${reason.slice(0, 199)}…` : reason}`,
});
const allowed = 'src/a.ts, src/b/, notebooks/analysis.ipynb';
const notAllowed = (rel: string): string =>
  `Scope violation: '${rel}' not in allowed paths [${allowed}] — Allowed paths: [${allowed}]. If '${rel}' belongs to this wave, add its directory to the plan's wave scope and restart.`;

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'wave-hook-')));
  outside = realpathSync(mkdtempSync(join(tmpdir(), 'wave-hook-outside-')));
  mkdirSync(join(root, '.claude'));
  mkdirSync(join(root, 'src/b'), { recursive: true });
  writeFileSync(join(root, 'README.md'), '# repo\n');
  symlinkSync(outside, join(root, 'src/b/escape'));
  symlinkSync(join(root, 'README.md'), join(root, 'src/b/readme-alias.md'));
});

describe('wave hook pre-tool-use (strict)', () => {
  beforeAll(() => manifest({}));

  it('allows in-scope writes of every write tool: exit 0, nothing on stdout', () => {
    for (const [fixture, target] of [
      ['write', 'src/a.ts'],
      ['edit', 'src/b/c.ts'],
      ['multi-edit', 'src/b/deep/new.ts'],
      ['notebook-edit', 'notebooks/analysis.ipynb'],
    ] as const) {
      expect(call(fixture, target), `${fixture} ${target}`).toMatchObject({ code: 0, stdout: '' });
    }
  });

  it('denies out-of-scope writes of every write tool with the PreToolUse decision JSON', () => {
    for (const [fixture, target] of [
      ['write', 'src/c.ts'],
      ['edit', 'README.md'],
      ['multi-edit', 'src/bb/x.ts'],
      ['notebook-edit', 'notebooks/other.ipynb'],
    ] as const) {
      const answer = call(fixture, target);
      expect(answer.code, fixture).toBe(0);
      expect(answer.stdout.endsWith('}\n') && answer.stdout.split('\n').length === 2).toBe(true);
      expect(answer.json, fixture).toEqual(deny(notAllowed(target)));
    }
  });

  it('resolves ../ before matching: neither a scoped prefix nor the project root is escaped', () => {
    expect(call('edit', `${root}/src/b/../../README.md`).json).toEqual(
      deny(notAllowed('README.md')),
    );
    const escape = call('write', `${root}/src/b/../../../etc-copy/passwd`);
    expect(escape.json).toEqual(
      deny(
        `Scope violation: path outside project root — Allowed paths: [${allowed}]. If '${root}/src/b/../../../etc-copy/passwd' belongs to this wave, add its directory to the plan's wave scope and restart.`,
      ),
    );
  });

  it('resolves symlinks: a link inside an allowed directory cannot lead outside it', () => {
    const viaLink = call('write', 'src/b/escape/new-file.ts');
    expect(
      (viaLink.json as ReturnType<typeof deny>).hookSpecificOutput.permissionDecisionReason,
    ).toMatch(/^Scope violation: path outside project root — /);
    expect(call('edit', 'src/b/readme-alias.md').json).toEqual(deny(notAllowed('README.md')));
  });

  it('blocks a blocked command inside a && chain, allows the chain without it', () => {
    expect(bash('npm test && git reset --hard HEAD~1').json).toEqual(
      deny(
        "Blocked command: 'git reset --hard' found in command — Hard reset is blocked. Use 'git reset --soft' or 'git stash' to preserve work.",
      ),
    );
    expect(bash('npm ci; npm test | tail -5 && git status').json).toBeNull();
    expect(bash('git commit -m "never rm -rf"').json).toBeNull();
  });

  it('always allows STATE.md and the manifest itself', () => {
    expect(call('write', '.claude/STATE.md')).toMatchObject({ code: 0, stdout: '' });
    expect(call('edit', '.claude/wave-scope.json')).toMatchObject({ code: 0, stdout: '' });
  });

  it('answers exit 2 with the reason on stderr when the payload is not JSON', () => {
    const answer = hook('{"tool_name": "Write", ');
    expect(answer.code).toBe(2);
    expect(answer.stderr).toMatch(/^wave hook pre-tool-use: the hook input is not JSON/);
  });
});

describe('wave hook pre-tool-use (warn, off, Discovery, no manifest, broken manifest)', () => {
  it('warn: allows with a message to the user', () => {
    manifest({ enforcement: 'warn' });
    expect(call('write', 'src/c.ts')).toMatchObject({
      code: 0,
      json: { systemMessage: `⚠ ${notAllowed('src/c.ts')}` },
    });
    expect(bash('git reset --hard').json).toEqual({
      systemMessage:
        "⚠ Blocked command: 'git reset --hard' found in command — Hard reset is blocked. Use 'git reset --soft' or 'git stash' to preserve work.",
    });
  });

  it('off: allows everything', () => {
    manifest({ enforcement: 'off' });
    expect(call('write', '../outside.txt')).toMatchObject({ code: 0, stdout: '' });
    expect(bash('rm -rf src')).toMatchObject({ code: 0, stdout: '' });
  });

  it('Discovery: read-only, every write denied with the reason', () => {
    manifest({ role: 'Discovery', allowedPaths: [] });
    expect(call('write', 'src/a.ts').json).toEqual(
      deny(
        "Scope violation: 'src/a.ts' not in allowed paths [] — Discovery wave is read-only — no writes permitted. An empty allowedPaths is this role's deliberate contract (#256), not a misconfiguration: report 'src/a.ts' as a finding instead of editing it.",
      ),
    );
  });

  it('a manifest that is not JSON fails closed (strict, nothing allowed)', () => {
    writeFileSync(join(root, '.claude/wave-scope.json'), '{"wave": 2, ');
    const answer = call('write', 'src/a.ts');
    expect((answer.json as ReturnType<typeof deny>).hookSpecificOutput.permissionDecision).toBe(
      'deny',
    );
    expect(answer.stderr).toMatch(/wave-scope\.json/);
    expect(bash('npm test && rm -rf /').json).toMatchObject({
      hookSpecificOutput: { permissionDecision: 'deny' },
    });
  });

  it('no manifest: no wave is running, everything is allowed', () => {
    const bare = realpathSync(mkdtempSync(join(tmpdir(), 'wave-hook-bare-')));
    const r = spawnSync(process.execPath, [WAVE_BIN, 'hook', 'pre-tool-use'], {
      input: payload('write', { ROOT: bare, TARGET: join(bare, 'x.ts') }),
      encoding: 'utf8',
      env: { ...process.env, CLAUDE_PROJECT_DIR: bare },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
  });
});
