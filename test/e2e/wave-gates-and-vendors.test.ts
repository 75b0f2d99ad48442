import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
    });
    expect(log.find((e) => e.type === 'gate.fix_dispatched')?.data).toMatchObject({
      taskId: 'fix-1-1',
      agentId: 'w1-fix-1-1-a1',
    });
    expect(log.find((e) => e.type === 'gate.passed')?.data).toMatchObject({ wave: 1, attempt: 2 });
    const state = readFileSync(join(repo, '.claude/STATE.md'), 'utf8');
    expect(state).toContain(
      'Wave 1 auto-fix succeeded after 2 attempts (max-retries config: 2). Failed gate(s): test. Final pass on attempt 2.',
    );
    expect(await replayMatches(repo)).toBe(true);
  });

  it('an exhausted gate aborts the session (exit 3, D3, STATE.md paused, a valid sessions.jsonl line)', async () => {
    const repo = makeRepo();
    writePlan(repo, plan('[node, -e, "process.exit(2)"]', '{ enabled: true, max-retries: 1 }'));
    const r = await wave(['run', 'plan.yaml', '--allow-dirty'], { cwd: repo });
    expect(r.code).toBe(3);
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
    const line = readFileSync(join(repo, '.orchestrator/metrics/sessions.jsonl'), 'utf8').trim();
    expect(validateSession(JSON.parse(line)).ok).toBe(true);
    expect(await replayMatches(repo)).toBe(true);
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
  });
});
