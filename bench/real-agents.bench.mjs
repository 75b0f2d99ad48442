// A session of real child processes (issue 12): N tasks in one wave, each agent `/bin/echo done`
// (text format) spawned by the real agent runner through the real worker pool, 6 in parallel,
// vs the floor: the same N `/bin/echo done` processes spawned through the same pool (runPool, 6
// in parallel) with nothing else. The session runs without worktrees (`isolation: none`): with 5 or
// more agents a wave's `auto` isolation gives each agent a git worktree, three more git processes
// per agent that the floor does not spawn. Target: session ≤ 1.3× the floor at 1,000 tasks; the overhead
// per agent ((session − floor) / N) flat from 100 to 1,000 tasks (≤ 1.5×). Cases alternate.
// The session starts its agents through the launcher process (src/actors/launcher/: a small
// process forks them, off the coordinator's event loop); the floor spawns them from this process
// with Node's spawn, the way a harness without a launcher would. Information: the session against
// the same processes started through the launcher and the same pool (the floor of that path), and
// the same session of in-process agents (no child process; the events an echo run logs), per
// agent, against one bare spawn: what the session itself costs per agent.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { newEvent } from '../dist/events.js';
import { doneEvent } from './lib/fake-data.mjs';
import { makeRepo } from './lib/session-log.mjs';
import { alternate, report } from './lib/stats.mjs';

const SIZES = (process.env.AGENT_SIZES ?? '100,1000').split(',').map(Number);
const ROUNDS = Number(process.env.AGENT_ROUNDS ?? 3);
const PARALLEL = 6;
const { createWaveExecutor } = await import('../dist/runtime.js');
const { ResolvedPlanSchema } = await import('../dist/domain/plan.schema.js');
const { runPool } = await import('../dist/actors/worker-pool.js');
const { sharedLauncher } = await import('../dist/actors/launcher/shared-launcher.js');

/**
 * An agent without a process (information: what the session costs per agent when nothing is
 * spawned): the events the /bin/echo runs log (started, one output line, finished).
 */
const inProcessRunner = {
  async run(request, emit) {
    const { agentId } = request;
    emit(newEvent('agent.started', { agentId, pid: null, argv: ['in-process'] }));
    await new Promise((resolve) => setImmediate(resolve));
    emit(newEvent('agent.output', { agentId, text: 'done' }));
    return { terminal: doneEvent(agentId, { summary: 'done' }), findings: [] };
  },
};

async function session(n, runners) {
  const plan = ResolvedPlanSchema.parse({
    session: { type: 'feature', intent: 'Real agents benchmark' },
    // No worktrees: from 5 agents a wave's `auto` isolation gives each agent a git worktree (three
    // more git processes per agent) that the spawn floor does not have; the bar is the session's
    // own cost per agent process.
    config: { agentsPerWave: PARALLEL, isolation: 'none' },
    runners: { default: { kind: 'command', argv: ['/bin/echo', 'done'], format: 'text' } },
    waves: [
      {
        wave: 1,
        role: 'Impl-Core',
        tasks: Array.from({ length: n }, (_, i) => ({
          id: `m-${i + 1}`,
          task: `Task ${i}`,
          files: [],
        })),
      },
    ],
  });
  const repo = makeRepo();
  try {
    const t0 = performance.now();
    const executor = await createWaveExecutor({ plan, repo, ...(runners ? { runners } : {}) });
    const outcome = await executor.run();
    const ms = performance.now() - t0;
    if (outcome.exitCode !== 0) throw new Error(`session failed: ${JSON.stringify(outcome)}`);
    return ms;
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

/** `n` `/bin/echo done` processes through the same pool, each started by `start`. */
async function spawnFloor(n, start) {
  const t0 = performance.now();
  await runPool({
    jobs: Array.from({ length: n }, (_, i) => ({
      id: `j-${i}`,
      run: () =>
        new Promise((resolve, reject) => {
          const child = start();
          child.stdout.resume();
          child.stderr.resume();
          child.on('error', reject);
          child.on('close', resolve);
        }),
    })),
    maxParallel: PARALLEL,
  });
  return performance.now() - t0;
}

/** The floor: Node's spawn from this process. */
const floor = (n) =>
  spawnFloor(n, () => spawn('/bin/echo', ['done'], { stdio: ['ignore', 'pipe', 'pipe'] }));

/** The same processes started by the launcher process. */
const launcherFloor = (n) =>
  spawnFloor(n, () =>
    sharedLauncher().spawn('/bin/echo', ['done'], { cwd: process.cwd(), env: {} }),
  );

await session(20); // warm-up
const cases = {};
for (const n of SIZES) {
  cases[`session${n}`] = () => session(n);
  cases[`floor${n}`] = () => floor(n);
}
const big = SIZES[SIZES.length - 1];
const small = SIZES[0];
cases.inProcess = () => session(big, { default: inProcessRunner });
cases.launcherFloor = () => launcherFloor(big);
const r = await alternate(cases, ROUNDS);
report({
  name: `session of ${big.toLocaleString('en-US')} /bin/echo agents (6 parallel)`,
  unit: 'ms',
  value: r[`session${big}`],
  baseline: r[`floor${big}`],
  baselineName: 'bare spawns through the same pool',
  limit: 1.3,
  target: '≤ 1.3',
  digits: 0,
});
const per = (n) => r[`session${n}`].map((s, i) => (s - r[`floor${n}`][i]) / n);
report({
  name: `overhead per agent at ${big.toLocaleString('en-US')} tasks`,
  unit: 'ms',
  value: per(big),
  baseline: per(small),
  baselineName: `at ${small} tasks`,
  limit: 1.5,
  target: '≤ 1.5',
});
report({
  name: `session of ${big.toLocaleString('en-US')} /bin/echo agents vs the same processes started by the launcher through the pool`,
  unit: 'ms',
  value: r[`session${big}`],
  baseline: r.launcherFloor,
  baselineName: 'launcher spawns through the same pool',
  limit: Infinity,
  target: 'information',
  digits: 0,
});
report({
  name: `session of ${big.toLocaleString('en-US')} in-process agents (no child process), per agent`,
  unit: 'ms',
  value: r.inProcess.map((x) => x / big),
  baseline: r[`floor${big}`].map((x) => x / big),
  baselineName: 'one bare spawn through the pool',
  limit: Infinity,
  target: 'information',
  paired: true,
});
