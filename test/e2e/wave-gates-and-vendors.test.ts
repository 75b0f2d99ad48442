import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventOf } from '../../src/events.js';
import { blameOf } from '../../src/domain/gate-blame.js';
import { validateSession } from '../../src/formats/validate-session.js';
import { SCRIPTED_AGENT, makeRepo } from '../support/git-repo.js';
import { logFiles, readLog, wave, writePlan } from '../support/wave-cli.js';

/** A gate that is red until the auto-fix agent of wave 1 (task fix-1-1) has edited src/greet.js. */
const FIXABLE_GATE = `[node, -e, "process.exit(require('fs').readFileSync('src/greet.js', 'utf8').includes('fix-1-1') ? 0 : 1)"]`;

const plan = (gate: string, autoFix: string) => `session:
  type: feature
  intent: Add a greeting module
config:
  verification-auto-fix: ${autoFix}
  quality-gates:
    test: ${gate}
waves:
  - role: Impl-Core
    tasks:
      - { id: m-1, task: Write greet, files: [src/greet.js] }
  - role: Finalization
    tasks:
      - { id: m-2, task: Changelog, files: [CHANGELOG.md] }
`;

/** Alive and not a zombie. */
function processAlive(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return false;
  const state = readFileSync(stat, 'utf8').split(') ')[1]?.[0];
  return state !== 'Z' && state !== 'X';
}

async function replayMatches(repo: string): Promise<boolean> {
  return (await wave(['replay', logFiles(repo)[0] as string, '--check'], { cwd: repo })).code === 0;
}

describe('quality gates with real commands and a real auto-fix agent', () => {
  it('a red gate is fixed by the auto-fix agent on retry (D2), the session completes green', async () => {
    const repo = makeRepo();
    writePlan(repo, plan(FIXABLE_GATE, '{ enabled: true, max-retries: 2 }'));
    const r = await wave(['run', 'plan.yaml', '--allow-dirty'], { cwd: repo });
    expect(r.stderr).not.toContain('unexpected error');
    expect(r.code).toBe(0);
    const log = readLog(repo);
    expect(log.find((e) => e.type === 'gate.failed')?.data).toMatchObject({
      wave: 1,
      attempt: 1,
      gate: 'test',
      exitCode: 1,
      // The only implementation wave of a plan without a Quality wave: the Full Gate.
      kind: 'full',
      changedSinceGreen: ['src/greet.js'],
    });
    // The baseline ran first, before any agent, and was red (src/greet.js did not exist yet).
    const baseline = log.findIndex((e) => e.type === 'gate.baseline_recorded');
    expect(baseline).toBeGreaterThan(-1);
    expect(baseline).toBeLessThan(log.findIndex((e) => e.type === 'agent.dispatched'));
    expect(log.find((e) => e.type === 'gate.fix_dispatched')?.data).toMatchObject({
      taskId: 'fix-1-1',
      agentId: 'w1-fix-1-1-a1',
    });
    expect(log.find((e) => e.type === 'gate.passed')?.data).toMatchObject({
      wave: 1,
      attempt: 2,
      kind: 'full',
    });
    const state = readFileSync(join(repo, '.claude/STATE.md'), 'utf8');
    expect(state).toContain(
      'Wave 1 auto-fix succeeded after 2 attempts (max-retries config: 2). Failed gate(s): test. Final pass on attempt 2.',
    );
    expect(await replayMatches(repo)).toBe(true);
  });

  it('an exhausted gate aborts the session (exit 3, D3, STATE.md paused, a valid sessions.jsonl line)', async () => {
    const repo = makeRepo();
    // The failing gate prints a GitHub token and an API key (built at run time: the plan file
    // holds neither): the log and the diagnostics bundle must not.
    const github = `ghp_${'a1B2'.repeat(9)}`;
    const apiKey = `sk-proj-${'x9Y8'.repeat(10)}`;
    writePlan(
      repo,
      plan(
        `[node, -e, "console.log('auth ghp_' + 'a1B2'.repeat(9) + ' key sk-proj-' + 'x9Y8'.repeat(10)); process.exit(2)"]`,
        '{ enabled: true, max-retries: 1 }',
      ),
    );
    const r = await wave(['run', 'plan.yaml', '--allow-dirty'], { cwd: repo });
    expect(r.code).toBe(3);
    const logText = readFileSync(logFiles(repo)[0] as string, 'utf8');
    expect(logText).toContain('auth ***GITHUB_PAT***');
    expect(logText).not.toContain(github);
    expect(logText).not.toContain(apiKey);
    const log = readLog(repo);
    expect(log.filter((e) => e.type === 'gate.failed')).toHaveLength(2);
    expect(log.find((e) => e.type === 'gate.exhausted')?.data).toMatchObject({
      wave: 1,
      attempts: 2,
      maxRetries: 1,
      gate: 'test',
    });
    expect(log.at(-1)).toMatchObject({
      type: 'session.aborted',
      data: { cause: 'gate-exhausted' },
    });
    expect(log.some((e) => e.type === 'wave.started' && e.data.wave === 2)).toBe(false);
    const state = readFileSync(join(repo, '.claude/STATE.md'), 'utf8');
    expect(state).toContain('status: paused');
    expect(state).toContain(
      'Wave 1 auto-fix exhausted retries after 2 attempts (max-retries config: 1). Failed gate: test.',
    );
    const bundlePath = /Diagnostics bundle: (\S+\.json)\./.exec(state)?.[1] as string;
    const bundle = JSON.parse(readFileSync(join(repo, bundlePath), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(bundle).toMatchObject({
      wave: 'W1',
      gate: 'test',
      retryAttempts: 2,
      maxRetries: 1,
      repoRoot: repo,
    });
    expect(bundle.failures).toHaveLength(2);
    expect(bundle.changedFiles).toEqual(['src/greet.js']);
    const bundleText = readFileSync(join(repo, bundlePath), 'utf8');
    expect(bundleText).toContain('auth ***GITHUB_PAT***');
    expect(bundleText).not.toContain(github);
    expect(bundleText).not.toContain(apiKey);
    expect(bundleText).not.toMatch(/ghp_[A-Za-z0-9]{36}|sk-proj-[A-Za-z0-9]{20}/);
    const line = readFileSync(join(repo, '.orchestrator/metrics/sessions.jsonl'), 'utf8').trim();
    expect(validateSession(JSON.parse(line)).ok).toBe(true);
    expect(await replayMatches(repo)).toBe(true);
  });

  it('a red baseline is recorded before any agent, and the same failure after the wave is judged pre-existing', async () => {
    const repo = makeRepo({
      'README.md': '# demo\n',
      'test/old.test.mjs':
        'import test from "node:test";\nimport assert from "node:assert";\ntest("ok", () => {});\ntest("broken before the session", () => assert.equal(1, 2));\n',
    });
    writePlan(
      repo,
      plan('[node, --test, --test-reporter=tap, test/old.test.mjs]', '{ enabled: false }'),
    );
    const r = await wave(['run', 'plan.yaml', '--allow-dirty'], { cwd: repo });
    expect(r.stderr).not.toContain('unexpected error');
    const log = readLog(repo);
    const at = log.findIndex((e) => e.type === 'gate.baseline_recorded');
    expect(at).toBeGreaterThan(-1);
    expect(at).toBeLessThan(log.findIndex((e) => e.type === 'agent.dispatched'));
    const baseline = log[at] as EventOf<'gate.baseline_recorded'>;
    expect(baseline.data.headRef).toMatch(/^[0-9a-f]{40}$/);
    expect(baseline.data).toMatchObject({
      green: false,
      gates: [
        {
          name: 'test',
          ok: false,
          exitCode: 1,
          timedOut: false,
          counts: { passed: 1, failed: 1, total: 2 },
        },
      ],
    });
    expect(baseline.data.gates[0]?.output).toContain('# fail 1');
    // The wave's agent touched src/greet.js only: the gate fails exactly as it did at the start.
    const failed = log.find((e) => e.type === 'gate.failed') as EventOf<'gate.failed'>;
    expect(failed.data).toMatchObject({ wave: 1, counts: { passed: 1, failed: 1, total: 2 } });
    expect(blameOf(failed.data, baseline.data.gates)).toBe('pre-existing');
    expect(await replayMatches(repo)).toBe(true);
  });

  it('Quality-Lite gets the changed files through {changed}; the Quality wave runs the Full Gate', async () => {
    const repo = makeRepo();
    const out = join(mkdtempSync(join(tmpdir(), 'wave-lite-')), 'runs.txt');
    const record = (what: string) =>
      `[node, -e, "require('fs').appendFileSync(${JSON.stringify(out).replace(/"/g, "'")}, ${what} + String.fromCharCode(10))"`;
    writePlan(
      repo,
      `session: { type: feature, intent: Greeting with tests }
config:
  quality-gates:
    lint:
      command: ${record("'full'")}]
      lite: ${record("'lite ' + process.argv.slice(1).join(' ')")}, "{changed:js}"]
waves:
  - role: Impl-Core
    tasks:
      - { id: m-1, task: Write greet, files: [src/greet.js, docs/greet.md] }
  - role: Quality
    tasks:
      - { id: m-2, task: Test greet, files: [test/greet.test.js] }
`,
    );
    const r = await wave(['run', 'plan.yaml', '--allow-dirty'], { cwd: repo });
    expect(r.stderr).not.toContain('unexpected error');
    expect(r.code).toBe(0);
    // Baseline (full command), wave 1 Quality-Lite on the changed .js file only, wave 2 Full Gate.
    expect(readFileSync(out, 'utf8')).toBe('full\nlite src/greet.js\nfull\n');
    const kinds = readLog(repo)
      .filter((e) => e.type === 'gate.passed')
      .map((e) => [e.data.wave, e.data.kind]);
    expect(kinds).toEqual([
      [1, 'lite'],
      [2, 'full'],
    ]);
  });

  it('a hanging gate is killed with its process group at gate-timeout-ms, in the baseline and after the wave', async () => {
    const repo = makeRepo();
    const pidFile = join(mkdtempSync(join(tmpdir(), 'wave-hang-')), 'child.pid');
    const hang = `[sh, -c, "sleep 600 & echo $! > ${pidFile}; wait"]`;
    writePlan(
      repo,
      plan(hang, '{ enabled: false }').replace('config:\n', 'config:\n  gate-timeout-ms: 1500\n'),
    );
    const started = Date.now();
    const r = await wave(['run', 'plan.yaml', '--allow-dirty'], { cwd: repo });
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(r.code).toBe(3);
    const log = readLog(repo);
    const baseline = log.find((e) => e.type === 'gate.baseline_recorded')
      ?.data as EventOf<'gate.baseline_recorded'>['data'];
    expect(baseline.gates[0]).toMatchObject({ name: 'test', ok: false, timedOut: true });
    expect(log.find((e) => e.type === 'gate.failed')?.data).toMatchObject({
      wave: 1,
      gate: 'test',
      timedOut: true,
      exitCode: null,
    });
    // The background `sleep` of the gate's shell died with its process group.
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(pid).toBeGreaterThan(0);
    expect(processAlive(pid)).toBe(false);
  });

  it('sees a spiral in the tool-call stream, records it, and re-dispatches with a narrowed scope', async () => {
    const repo = makeRepo();
    writePlan(repo, plan('[node, -e, "process.exit(0)"]', '{ enabled: false }'));
    const r = await wave(['run', 'plan.yaml', '--allow-dirty'], {
      cwd: repo,
      env: { SCRIPTED_AGENT_MODE_M_1: 'spiral' },
    });
    expect(r.code).toBe(1);
    const log = readLog(repo);
    // The loop shows only on the agent's last call, so its verdict comes with the agent's end
    // (test/e2e/live-supervision.test.ts stops agents that keep looping).
    expect(log.find((e) => e.type === 'agent.loop_detected')?.data).toMatchObject({
      agentId: 'w1-m-1-a1',
      verdict: 'spiral',
      file: 'src/greet.js',
    });
    expect(
      log.find((e) => e.type === 'agent.finished' && e.data.agentId === 'w1-m-1-a1')?.data,
    ).toMatchObject({ status: 'spiral' });
    expect(
      log.find((e) => e.type === 'agent.dispatched' && e.data.agentId === 'w2-m-1-a2')?.data,
    ).toMatchObject({ reason: 'carryover' });
    const events = readFileSync(join(repo, '.orchestrator/metrics/events.jsonl'), 'utf8');
    expect(events).toContain('"event":"stagnation_detected"');
    expect(await replayMatches(repo)).toBe(true);
  });
});

describe('every vendor stream format through the real runtime', () => {
  it('runs claude, codex and gemini runners (the scripted agent as their bin) in one session', async () => {
    const repo = makeRepo();
    writePlan(
      repo,
      `session: { type: feature, intent: Three vendors }
runners:
  default: { kind: claude, bin: ${JSON.stringify(SCRIPTED_AGENT)} }
  codex: { kind: codex, bin: ${JSON.stringify(SCRIPTED_AGENT)} }
  gemini: { kind: gemini, bin: ${JSON.stringify(SCRIPTED_AGENT)} }
waves:
  - role: Impl-Core
    tasks:
      - { id: m-1, task: Claude task, files: [src/a.js] }
      - { id: m-2, task: Codex task, files: [src/b.js], runner: codex }
      - { id: m-3, task: Gemini task, files: [src/c.js], runner: gemini }
`,
    );
    const r = await wave(['run', 'plan.yaml', '--allow-dirty', '--json'], { cwd: repo });
    expect(r.stderr).not.toContain('unexpected error');
    expect(r.code).toBe(0);
    const stdout = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; data: Record<string, unknown> });
    const finished = stdout.filter((e) => e.type === 'agent.finished');
    const outcomes = finished.map((e) => [e.data.agentId, e.data.status, e.data.filesChanged]);
    expect(outcomes.sort()).toEqual([
      ['w1-m-1-a1', 'done', ['src/a.js']],
      ['w1-m-2-a1', 'done', ['src/b.js']],
      ['w1-m-3-a1', 'done', ['src/c.js']],
    ]);
    expect(finished).toHaveLength(3);
    const started = stdout
      .filter((e) => e.type === 'agent.started')
      .map((e) => (e.data.argv as string[]).slice(1).join(' '));
    expect(started.some((a) => a.includes('--output-format stream-json --verbose'))).toBe(true);
    expect(started.some((a) => a.startsWith('exec --json'))).toBe(true);
    // Gemini: no deprecated `-p`; the prompt goes on stdin (never in argv, for any vendor).
    expect(started.some((a) => a.startsWith('--output-format stream-json'))).toBe(true);
    expect(started.filter((a) => a.includes('You are a coding agent'))).toEqual([]);
    expect(stdout.map((e) => JSON.stringify(e))).toEqual(
      readFileSync(logFiles(repo)[0] as string, 'utf8')
        .trim()
        .split('\n'),
    );
  }, 60_000);
});
