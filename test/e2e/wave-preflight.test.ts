/**
 * Environment failures stop the session instead of running it: a missing program fails `wave
 * validate` and `wave run` (exit 2, nothing written, the plan line named); a runner that cannot
 * run at run time (key refused) stops the session once (exit 3) instead of failing every task.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, makeRepo } from '../support/git-repo.js';
import { readLog, wave } from '../support/wave-cli.js';

const NODE_DIR = dirname(process.execPath);
/** A PATH with node, git and the shell tools, but no vendor CLI. */
const BARE_PATH = [NODE_DIR, '/usr/local/bin', '/usr/bin', '/bin'].join(':');

const PLAN = `session: { type: feature, intent: Add a greeting }
config:
  quality-gates: { test: no-such-test-runner-xyz run }
waves:
  - role: Impl-Core
    tasks:
      - { id: m-1, task: Write greet, files: [src/greet.js] }
`;

function fakeClaude(dir: string, transcript: string, exit: number): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'claude');
  writeFileSync(
    file,
    `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "2.1.3 (Claude Code)"; exit 0; fi\ncat ${JSON.stringify(transcript)}\nexit ${exit}\n`,
  );
  chmodSync(file, 0o755);
  return file;
}

describe('preflight of runner and gate programs', () => {
  it('wave validate: exit 2 naming the missing runner and gate with their plan lines', async () => {
    const repo = makeRepo();
    writeFileSync(join(repo, 'plan.yaml'), PLAN);
    const r = await wave(['validate', 'plan.yaml'], { cwd: repo, env: { PATH: BARE_PATH } });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      'plan.yaml:3:20: config.quality-gates.test: program "no-such-test-runner-xyz" of quality gate "test" not found on the PATH: install it, or change the gate command',
      'plan.yaml:7:9: waves[0].tasks[0]: program "claude" of runner "default" not found on the PATH: install it, or point the runner\'s "bin" at it',
      'wave validate: 2 problem(s); nothing was run',
    ]);
  });

  it('wave run: exit 2 and nothing written when a runner program is missing', async () => {
    const repo = makeRepo();
    writeFileSync(
      join(repo, 'plan.yaml'),
      `${PLAN.replace(/config:\n.*\n/, '')}runners:\n  default: { kind: claude }\n`,
    );
    const r = await wave(['run', 'plan.yaml', '--allow-dirty'], {
      cwd: repo,
      env: { PATH: BARE_PATH },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /plan\.yaml:7:3: runners\.default: program "claude" of runner "default" not found on the PATH/,
    );
    expect(existsSync(join(repo, '.orchestrator'))).toBe(false);
    expect(existsSync(join(repo, '.claude'))).toBe(false);
    expect(git(repo, 'status', '--porcelain')).toBe('?? plan.yaml\n');
  });

  it('wave run: a gate program missing inside a Session Config shell command is exit 2 at its line, nothing written', async () => {
    const repo = makeRepo({
      'README.md': '# demo\n',
      'CLAUDE.md':
        '# Project\n\n## Session Config\n\n- enforcement: warn\n- lint-command: CI=1 eslintx-missing . && node -e 0\n- test-lite-command: vitest-missing related {changed:js}\n- test-command: node -e 0\n',
    });
    writeFileSync(join(repo, 'plan.yaml'), PLAN.replace(/config:\n.*\n/, ''));
    const r = await wave(['run', 'plan.yaml', '--allow-dirty'], {
      cwd: repo,
      env: { PATH: BARE_PATH },
    });
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => l.includes('CLAUDE.md'));
    expect(lines).toEqual([
      expect.stringMatching(
        /CLAUDE\.md:6:3: lint-command: program "eslintx-missing" of quality gate "lint" not found on the PATH: install it, or change the gate command$/,
      ),
      expect.stringMatching(
        /CLAUDE\.md:7:3: test-lite-command: program "vitest-missing" of the Quality-Lite command of quality gate "test" not found on the PATH/,
      ),
    ]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(repo, '.orchestrator'))).toBe(false);
    expect(existsSync(join(repo, '.claude'))).toBe(false);
  });

  it('wave validate: lists each program with its version when all are installed', async () => {
    const repo = makeRepo();
    const bin = fakeClaude(join(repo, '.tools'), '/dev/null', 0);
    writeFileSync(
      join(repo, 'plan.yaml'),
      PLAN.replace('no-such-test-runner-xyz run', 'node --test'),
    );
    const r = await wave(['validate', 'plan.yaml'], {
      cwd: repo,
      env: { PATH: `${dirname(bin)}:${BARE_PATH}` },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`  runner default: claude → ${bin} (2.1.3 (Claude Code))\n`);
    expect(r.stdout).toMatch(/ {2}gate test: node → .*node \(v\d+\.\d+\.\d+\)\n/);
  });
});

describe('an environment failure at run time stops the session', () => {
  it('a refused API key: one clear message, exit 3, no fix agents, no further wave', async () => {
    const transcript = resolve('test/fixtures/transcripts/vendor/claude-auth-failure.jsonl');
    const repo = makeRepo();
    const bin = fakeClaude(join(repo, '.tools'), transcript, 1);
    writeFileSync(
      join(repo, 'plan.yaml'),
      `session: { type: feature, intent: Add a greeting }
config:
  worker-pool: { max-parallel: 1 }
  verification-auto-fix: { enabled: true, max-retries: 2 }
waves:
  - role: Impl-Core
    tasks:
      - { id: m-1, task: Write greet, files: [src/greet.js] }
      - { id: m-2, task: Write bye, files: [src/bye.js] }
  - role: Quality
    tasks:
      - { id: m-3, task: Test greet, files: [test/greet.test.js] }
`,
    );
    const r = await wave(['run', 'plan.yaml', '--allow-dirty', '--yes'], {
      cwd: repo,
      env: { PATH: `${dirname(bin)}:${BARE_PATH}` },
    });
    expect(r.code).toBe(3);
    const log = readLog(repo);
    const started = log.find((e) => e.type === 'session.started');
    expect(started?.data.preflight).toEqual([
      {
        kind: 'runner',
        name: 'default',
        program: 'claude',
        path: bin,
        version: '2.1.3 (Claude Code)',
      },
    ]);
    expect(log.filter((e) => e.type === 'agent.started')).toHaveLength(1);
    expect(log.filter((e) => e.type === 'agent.dispatched' && e.data.reason === 'fix')).toEqual([]);
    expect(log.filter((e) => e.type === 'wave.started').map((e) => e.data.wave)).toEqual([1]);
    const end = log.at(-1);
    expect(end?.type).toBe('session.aborted');
    expect(end?.data).toEqual({
      cause: 'error',
      reason:
        'environment failure: claude runner: Claude Code could not run: Invalid API key · Fix external API key',
    });
    expect(
      readFileSync(join(repo, '.orchestrator', 'metrics', 'sessions.jsonl'), 'utf8'),
    ).toContain('"aborted"');
  });
});
