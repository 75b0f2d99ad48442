import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatIssues } from '../../../src/adapters/plan/issue-list.js';
import { parseSessionConfig } from '../../../src/adapters/config/session-config.parser.js';
import { effectiveInt } from '../../../src/adapters/config/session-config.defaults.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/reference/copied/config/', import.meta.url));
const read = (name: string) => readFileSync(FIXTURES + name, 'utf8');
const parse = (text: string) => parseSessionConfig(text, 'CLAUDE.md');
const errors = (text: string) => formatIssues(parse(text).issues);

describe('Session Config fixtures of the reference', () => {
  it('config-full.md: flat keys, shell commands run through sh -c, plain commands split', () => {
    const r = parseSessionConfig(read('config-full.md'), 'config-full.md');
    expect(r.found).toBe(true);
    expect(r.issues).toEqual([]);
    expect(r.config.persistence).toBe(true);
    expect(r.config.enforcement).toBe('warn');
    expect(r.config.gates).toEqual({
      test: ['sh', '-c', 'for f in scripts/test/test-*.sh; do bash "$f" || exit 1; done'],
      typecheck: ['false'],
      lint: ['false'],
    });
  });

  it('config-minimal.md: only persistence is set', () => {
    const r = parse(read('config-minimal.md'));
    expect(r.issues).toEqual([]);
    expect(r.config).toEqual({
      persistence: true,
      gates: {},
      liteGates: {},
      verificationAutoFix: {},
      workerPool: {},
    });
  });

  it('config-crlf.md: CRLF line endings are read like LF', () => {
    const text = read('config-crlf.md');
    expect(text).toContain('\r\n');
    const r = parse(text);
    expect(r.found).toBe(true);
    expect(r.config.persistence).toBe(true);
  });

  it('config-invalid-enum.md: names enforcement, its line and column', () => {
    const r = parseSessionConfig(read('config-invalid-enum.md'), 'config-invalid-enum.md');
    expect(formatIssues(r.issues)).toBe(
      'config-invalid-enum.md:3:14: enforcement: must be one of strict, warn, off; got "loose"',
    );
  });

  it('config-no-block.md: no section, so nothing is set', () => {
    const r = parse(read('config-no-block.md'));
    expect(r.found).toBe(false);
    expect(r.issues).toEqual([]);
    expect(r.config.persistence).toBeUndefined();
  });

  it("the reference repo's CLAUDE.md: override form, gates, nested blocks", () => {
    const r = parse(read('reference-repo-CLAUDE-session-config.md'));
    expect(r.issues).toEqual([]);
    const c = r.config;
    expect(c.agentsPerWave).toEqual({ default: 6, overrides: { deep: 18 } });
    expect(effectiveInt(c.agentsPerWave ?? 0, 'deep')).toBe(18);
    expect(effectiveInt(c.agentsPerWave ?? 0, 'feature')).toBe(6);
    expect(c.waves).toBe(5);
    expect(c.enforcement).toBe('warn');
    expect(c.gates).toEqual({
      test: ['npm', 'test'],
      typecheck: ['npm', 'run', 'typecheck'],
      lint: ['npm', 'run', 'lint'],
    });
    expect(c.verificationAutoFix).toEqual({ enabled: false, maxRetries: 2 });
    expect(c.workerPool).toEqual({});
  });

  it('examples/integration-test-config.md: bold bullets inside a fenced block', () => {
    const c = parse(read('examples/integration-test-config.md')).config;
    expect(c).toMatchObject({
      agentsPerWave: 6,
      waves: 5,
      persistence: true,
      enforcement: 'strict',
      isolation: 'worktree',
      maxTurns: 15,
    });
    expect(c.gates).toEqual({
      test: ['npm', 'test:integration'],
      typecheck: ['npx', 'tsc', '--noEmit'],
      lint: ['npx', 'eslint', '.'],
    });
  });

  it('examples/swift-ios-config.md: quotes and comments stripped, quoted argv kept whole', () => {
    const r = parse(read('examples/swift-ios-config.md'));
    expect(r.issues).toEqual([]);
    expect(r.config.agentsPerWave).toBe(3);
    expect(r.config.waves).toBe(3);
    expect(r.config.gates).toEqual({
      test: [
        'xcodebuild',
        'test',
        '-scheme',
        'MyApp',
        '-destination',
        'platform=iOS Simulator,name=iPhone 16',
      ],
      typecheck: ['true'],
    });
  });

  it('examples/nextjs-config.md and express-api-config.md', () => {
    const next = parse(read('examples/nextjs-config.md'));
    expect(next.issues).toEqual([]);
    expect(next.config.gates).toEqual({ test: ['pnpm', 'test'], typecheck: ['pnpm', 'typecheck'] });
    const express = parse(read('examples/express-api-config.md'));
    expect(express.issues).toEqual([]);
    expect(express.config).toMatchObject({ agentsPerWave: 4, waves: 5, gates: {} });
  });
});

describe('Session Config forms', () => {
  it('reads `- key: value`, last match wins, inline comments and quotes stripped', () => {
    const c = parse(
      '## Session Config\n- waves: 4\nwaves: 6 # more\nisolation: "none"\n## Next\nwaves: 9\n',
    ).config;
    expect(c.waves).toBe(6);
    expect(c.isolation).toBe('none');
  });

  it('reads nested blocks, also in bold-bullet form', () => {
    const c = parse(
      [
        '## Session Config',
        'verification-auto-fix:',
        '  enabled: true',
        '  max-retries: 3 # retries',
        '- **worker-pool:**',
        '  - max-parallel: 4',
        "  - drain-timeout-ms: '500'",
        'persistence: false',
      ].join('\n'),
    ).config;
    expect(c.verificationAutoFix).toEqual({ enabled: true, maxRetries: 3 });
    expect(c.workerPool).toEqual({ maxParallel: 4, drainTimeoutMs: 500 });
    expect(c.persistence).toBe(false);
  });

  it('`skip` disables a gate; max-turns auto', () => {
    const c = parse('## Session Config\ntest-command: skip\nmax-turns: AUTO\n').config;
    expect(c.gates).toEqual({ test: null });
    expect(c.maxTurns).toBe('auto');
  });

  it('auto-commit-per-wave: a boolean, off unless set', () => {
    expect(parse('## Session Config\nauto-commit-per-wave: true\n').config.autoCommitPerWave).toBe(
      true,
    );
    expect(parse('## Session Config\nwaves: 5\n').config.autoCommitPerWave).toBeUndefined();
    expect(errors('## Session Config\nauto-commit-per-wave: yes\n')).toBe(
      'CLAUDE.md:2:23: auto-commit-per-wave: must be true or false; got "yes"',
    );
  });
});

describe('Session Config errors: one exact line per problem', () => {
  const S = '## Session Config\n';
  it('invalid boolean', () => {
    expect(errors(S + 'persistence: yes\n')).toBe(
      'CLAUDE.md:2:14: persistence: must be true or false; got "yes"',
    );
  });
  it('invalid isolation enum', () => {
    expect(errors(S + 'isolation: sometimes\n')).toBe(
      'CLAUDE.md:2:12: isolation: must be one of worktree, none, auto; got "sometimes"',
    );
  });
  it('invalid integer', () => {
    expect(errors(S + 'waves: five\n')).toBe(
      'CLAUDE.md:2:8: waves: must be an integer; got "five"',
    );
  });
  it('agents-per-wave below 2, also in an override', () => {
    expect(errors(S + 'agents-per-wave: 1\n')).toBe(
      'CLAUDE.md:2:18: agents-per-wave: must be at least 2; got 1',
    );
    expect(errors(S + 'agents-per-wave: 6 (deep: 1)\n')).toBe(
      'CLAUDE.md:2:18: agents-per-wave: override for deep must be at least 2; got 1',
    );
    expect(errors(S + 'agents-per-wave: 6 (deep 18)\n')).toBe(
      'CLAUDE.md:2:18: agents-per-wave: invalid override "deep 18": expected <session-type>: <integer>',
    );
  });
  it('waves below 3', () => {
    expect(errors(S + 'waves: 2\n')).toBe('CLAUDE.md:2:8: waves: must be at least 3; got 2');
  });
  it('max-turns not positive', () => {
    expect(errors(S + 'max-turns: 0\n')).toBe(
      'CLAUDE.md:2:12: max-turns: must be "auto" or a positive integer; got "0"',
    );
  });
  it('empty command and unterminated quote', () => {
    expect(errors(S + 'test-command: ""\nlint-command: eslint \'src\n')).toBe(
      [
        'CLAUDE.md:2:16: test-command: must not be empty (write "skip" to disable the gate)',
        "CLAUDE.md:3:15: lint-command: unterminated ' quote in command",
      ].join('\n'),
    );
  });
  it('nested block values, all problems sorted by line', () => {
    const text = [
      S + 'worker-pool:',
      '  max-parallel: 0',
      'verification-auto-fix:',
      '  max-retries: 11',
      '  enabled: maybe',
      'enforcement: loose',
    ].join('\n');
    expect(errors(text)).toBe(
      [
        'CLAUDE.md:3:17: worker-pool.max-parallel: must be at least 1; got 0',
        'CLAUDE.md:5:16: verification-auto-fix.max-retries: must be at most 10; got 11',
        'CLAUDE.md:6:12: verification-auto-fix.enabled: must be true or false; got "maybe"',
        'CLAUDE.md:7:14: enforcement: must be one of strict, warn, off; got "loose"',
      ].join('\n'),
    );
  });
  it('CRLF keeps columns right', () => {
    expect(errors('# P\r\n## Session Config\r\n\r\n- **enforcement:** loose\r\n')).toBe(
      'CLAUDE.md:4:20: enforcement: must be one of strict, warn, off; got "loose"',
    );
  });
});
