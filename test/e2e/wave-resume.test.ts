import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo } from '../support/git-repo.js';
import { logFiles, readLog, wave, waveBackground, writePlan } from '../support/wave-cli.js';
import { waitFor } from '../support/wait-for.js';

const PLAN = `session:
  type: feature
  intent: Add a greeting module
config:
  quality-gates:
    test: node -e "process.exit(0)"
waves:
  - role: Impl-Core
    tasks:
      - { id: m-1, task: Write greet, files: [src/greet.js] }
      - { id: m-2, task: Write farewell, files: [src/farewell.js] }
  - role: Impl-Polish
    tasks:
      - { id: m-3, task: Polish greet, files: [src/greet.js] }
  - role: Quality
    tasks:
      - { id: m-4, task: Review, files: [src/greet.js] }
`;

const SLOW = { SCRIPTED_AGENT_TOOLS: '6', SCRIPTED_AGENT_DELAY_MS: '150' };

function logHas(
  repo: string,
  test: (e: { type: string; data: Record<string, unknown> }) => boolean,
): boolean {
  try {
    return readLog(repo).some(test);
  } catch (_notYet) {
    return false;
  }
}

describe('kill -9 and wave resume; one live session per repository', () => {
  it('continues a session killed mid-wave from its log: nothing lost, nothing doubled', async () => {
    const repo = makeRepo();
    writePlan(repo, PLAN);
    const child = waveBackground(['run', 'plan.yaml', '--allow-dirty'], { cwd: repo, env: SLOW });
    await waitFor(() =>
      logHas(repo, (e) => e.type === 'agent.started' && String(e.data.agentId).startsWith('w2-')),
    );
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const before = readLog(repo);
    expect(before.some((e) => e.type === 'session.completed')).toBe(false);

    const r = await wave(['resume'], { cwd: repo, env: SLOW });
    expect(r.stderr).not.toContain('unexpected error');
    expect(r.code).toBe(0);
    const log = readLog(repo);
    expect(log.slice(0, before.length)).toEqual(before);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    const resumed = log.find((e) => e.type === 'session.resumed');
    expect(resumed?.data.inFlight).toEqual(expect.arrayContaining(['w2-m-3-a1']));
    const dispatched = log
      .filter((e) => e.type === 'agent.dispatched')
      .map((e) => String(e.data.agentId));
    expect(new Set(dispatched).size).toBe(dispatched.length);
    expect(dispatched).toContain('w2-m-3-a2');
    expect(log.filter((e) => e.type === 'session.completed')).toHaveLength(1);
    const state = readFileSync(join(repo, '.claude/STATE.md'), 'utf8');
    expect(state).toContain('status: completed');
    const check = await wave(['replay', logFiles(repo)[0] as string, '--check'], { cwd: repo });
    expect(check.code).toBe(0);
  });

  it('stops on Ctrl-C: agents killed, session paused (resumable), exit 3, log replays', async () => {
    const repo = makeRepo();
    writePlan(repo, PLAN);
    const child = waveBackground(['run', 'plan.yaml', '--allow-dirty'], { cwd: repo, env: SLOW });
    const exited = new Promise<number>((r) => child.once('exit', (code) => r(code ?? -1)));
    await waitFor(() => logHas(repo, (e) => e.type === 'agent.started'));
    child.kill('SIGINT');
    expect(await exited).toBe(3);
    const log = readLog(repo);
    // Paused, not ended: the last event says so and nothing ends the session.
    expect(log.at(-1)).toMatchObject({ type: 'session.paused' });
    expect(log.some((e) => e.type === 'session.aborted')).toBe(false);
    expect(readFileSync(join(repo, '.claude/STATE.md'), 'utf8')).toContain('status: paused');
    const check = await wave(['replay', logFiles(repo)[0] as string, '--check'], { cwd: repo });
    expect(check.code).toBe(0);
    // Resumable like a crashed session: the agents killed by the stop are re-dispatched.
    const r = await wave(['resume'], { cwd: repo });
    expect(r.code).toBe(0);
    const after = readLog(repo);
    expect(after.at(-1)).toMatchObject({ type: 'session.completed' });
    expect(after.filter((e) => e.type === 'session.resumed')).toHaveLength(1);
  }, 90_000);

  it('finds nothing to resume once the session has ended (exit 2, clear message)', async () => {
    const repo = makeRepo();
    writePlan(repo, PLAN);
    expect((await wave(['run', 'plan.yaml', '--allow-dirty'], { cwd: repo })).code).toBe(0);
    const r = await wave(['resume'], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`wave resume: ${repo}: no interrupted session to resume\n`);
  });

  it('refuses a second wave run while one is live (exit 4) and leaves the first undisturbed', async () => {
    const repo = makeRepo();
    writePlan(repo, PLAN);
    const first = waveBackground(['run', 'plan.yaml', '--allow-dirty'], { cwd: repo, env: SLOW });
    const exited = new Promise<number>((r) => first.once('exit', (code) => r(code ?? -1)));
    await waitFor(() => logHas(repo, (e) => e.type === 'agent.started'));
    const second = await wave(['run', 'plan.yaml', '--allow-dirty'], { cwd: repo });
    expect(second.code).toBe(4);
    expect(second.stderr).toContain('another live session');
    expect(await exited).toBe(0);
    expect(logFiles(repo)).toHaveLength(1);
    expect(readLog(repo).at(-1)?.type).toBe('session.completed');
  });
});
