// Coordinator overhead per dispatched agent (issue 3): 1,000 no-op agents in 5 waves of 200 tasks,
// run as a real session through the public runtime (`createWaveExecutor`): a real temp git repo,
// the JSONL store with one fdatasync per group commit, every projection written to disk, the pool
// at 50 in parallel, and a host-supplied runner whose `run()` reports `agent.started` and returns
// a `done` terminal at once. Wall time of `run()` / 1,000 agents; target < 1 ms per agent.
//
// Yardstick (measured in the same run, after each session): the durability floor of that very
// session — the bytes of its log written again to a fresh file with the same commit batches (one
// write + one fdatasync per batch, as many batches as the engine committed). No coordinator can
// go below it without giving up "every event durable before anything reacts to it", so the ratio
// says how much the machines, projections, git inspection and pool add on top of the disk. A bare
// `node -e 0` or a single fdatasync would be a yardstick of nothing the runtime can trade against.
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  fdatasyncSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWaveExecutor } from '../dist/runtime.js';
import { ResolvedPlanSchema } from '../dist/domain/plan.schema.js';
import { noopRunner } from './lib/fake-data.mjs';

const WAVES = 5;
const TASKS_PER_WAVE = 200;
const AGENTS = WAVES * TASKS_PER_WAVE;
const PARALLEL = 50;
const RUNS = Number(process.env.RUNS ?? 3);
const ROLES = ['Discovery', 'Impl-Core', 'Impl-Polish', 'Quality', 'Finalization'];

function makeRepo() {
  const repo = mkdtempSync(join(tmpdir(), 'wave-coord-bench-'));
  const git = (...args) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'bench@example.invalid');
  git('config', 'user.name', 'wave bench');
  execFileSync('sh', ['-c', 'printf "# bench\\n" > README.md'], { cwd: repo });
  git('add', '-A');
  git('commit', '-q', '-m', 'initial');
  return repo;
}

const plan = ResolvedPlanSchema.parse({
  session: { type: 'feature', intent: 'Coordinator overhead benchmark' },
  config: { agentsPerWave: PARALLEL, workerPool: { maxParallel: PARALLEL } },
  runners: { default: { kind: 'command', argv: ['true'], format: 'text' } },
  waves: ROLES.map((role, w) => ({
    wave: w + 1,
    role,
    tasks: Array.from({ length: TASKS_PER_WAVE }, (_, i) => ({
      id: `m-${w * TASKS_PER_WAVE + i + 1}`,
      task: `No-op task ${w * TASKS_PER_WAVE + i + 1}`,
      files: [`src/w${w + 1}/f${i}.ts`],
    })),
  })),
});

async function session() {
  const repo = makeRepo();
  try {
    const executor = await createWaveExecutor({ plan, repo, runners: { default: noopRunner } });
    let batches = 0;
    let events = 0;
    let dispatched = 0;
    let finished = 0;
    executor.subscribe((batch) => {
      batches += 1;
      events += batch.length;
      for (const e of batch) {
        if (e.type === 'agent.dispatched') dispatched += 1;
        else if (e.type === 'agent.finished' && e.data.status === 'done') finished += 1;
      }
    });
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const outcome = await executor.run();
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    // Exit 1 (carryover) is expected: without quality gates the Quality wave's gate is "skip", not
    // green, so implementation missions stay at `testing` (reference behaviour; not an error here).
    if (outcome.exitCode === 3) throw new Error(`session aborted: ${JSON.stringify(outcome)}`);
    if (finished !== AGENTS)
      throw new Error(`${finished} agents finished done, expected ${AGENTS}`);
    if (dispatched !== AGENTS)
      throw new Error(`dispatched ${dispatched} agents, expected ${AGENTS}`);
    const log = readFileSync(outcome.logPath);
    return { ms, cpuMs, batches, events, log, floorMs: durabilityFloor(repo, log, batches) };
  } finally {
    if (!process.env.KEEP) rmSync(repo, { recursive: true, force: true }); // KEEP=1 leaves the repo to inspect
  }
}

/** The same bytes, in `batches` equal writes, each followed by one fdatasync. */
function durabilityFloor(repo, log, batches) {
  const fd = openSync(join(repo, 'floor.jsonl'), 'a');
  const step = Math.ceil(log.length / batches);
  const t0 = performance.now();
  for (let off = 0; off < log.length; off += step) {
    const end = Math.min(off + step, log.length);
    for (let p = off; p < end;) p += writeSync(fd, log, p, end - p);
    fdatasyncSync(fd);
  }
  const ms = performance.now() - t0;
  closeSync(fd);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

await session(); // warm-up: JIT, module graph, git binaries in the page cache
const runs = [];
for (let r = 0; r < RUNS; r++) runs.push(await session());
const perAgent = median(runs.map((r) => r.ms / AGENTS));
const floorPerAgent = median(runs.map((r) => r.floorMs / AGENTS));
const last = runs[runs.length - 1];
const ratio = perAgent / floorPerAgent;
const cpuPerAgent = runs.map((r) => r.cpuMs / AGENTS);
console.log(
  `coordinator: ${AGENTS} no-op agents in ${WAVES} waves, ${PARALLEL} in parallel; ${last.events} events in ${last.batches} group commits (${(last.log.length / 1e6).toFixed(1)} MB log), median of ${RUNS} sessions`,
);
console.log(
  `coordinator overhead per agent: ${perAgent.toFixed(3)} ms vs durability floor of the same log (${last.batches} writes + fdatasyncs) per agent: ${floorPerAgent.toFixed(3)} ms → ratio ${ratio.toFixed(2)} (target < 1 ms per agent)`,
);
// Information for a shared machine: the coordinator process's own CPU time (machines, engine,
// projections, pool; the git and fdatasync it waits for are not in it), min / median / max.
console.log(
  `coordinator CPU per agent (this process only, not git): ${Math.min(...cpuPerAgent).toFixed(3)} / ${median(cpuPerAgent).toFixed(3)} / ${Math.max(...cpuPerAgent).toFixed(3)} ms (information)`,
);
console.log(
  `BENCH ${JSON.stringify({ name: 'coordinator overhead per agent', value: +perAgent.toFixed(3), unit: 'ms', baseline: +floorPerAgent.toFixed(3), baselineName: 'durability floor per agent', ratio: +ratio.toFixed(2), target: '< 1 ms', ok: perAgent < 1 })}`,
);
