// One transition per commit, as they arrive live (issue 12): the cost of a commit at 100, 1,000
// and 10,000 tasks, and of a commit that changes no projection, against a bare fdatasync.
//
// Each case: a session of N tasks through the runtime Engine (pass-through coordinator: the bar
// is stamp → validate → append + fdatasync → fold → projection files), warmed up. `transition`
// commits one mission.status_changed (STATE.md and sessions.jsonl change; a task goes to in-dev
// and back on the next pass over the tasks); `no-projection` commits one agent.tool_called (no
// projection file changes). The yardstick: a bare append of a line of the same size + fdatasync
// on a file in the same directory.
//
// All cases are open at once and take turns: a sample is CHUNK commits of one case, awaited one by
// one, then the flush of the files they changed (timed: the projection files follow off the
// commit path, at most ten flushes a second, so a chunk of about 0.1–0.2 s pays about what a live
// session pays; the old 150-commit window often ended before the first background flush). Each
// round runs one chunk of every case, the order reversed every other round, ROUNDS rounds, so
// every case sees the same disk (the fdatasync latency of this shared machine drifts by 5× within
// a minute); min/median/max of the per-commit time over the chunks, and the ratio as the median of
// the per-round ratios (a case against its yardstick's chunk of the same round). Each transition
// case checks STATE.md holds its last transition. As information, the same figures for the process's
// CPU time per commit (user + system), which the disk's latency does not move.
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
import { Engine } from '../dist/runtime/engine.js';
import { createJsonlEventStore } from '../dist/adapters/jsonl-event-store.js';
import { createProjectionWriter } from '../dist/adapters/projection-writer.js';
import { systemClock } from '../dist/adapters/clock.js';
import { Projector } from '../dist/projections/projector.js';
import { allProjections } from '../dist/projections/all.projections.js';
import { newEvent } from '../dist/events.js';
import { alternate, report } from './lib/stats.mjs';

const CHUNK = Number(process.env.LIVE_CHUNK ?? 200);
const ROUNDS = Number(process.env.LIVE_ROUNDS ?? 15);
/** Process CPU (user + system) per commit of each chunk, per case: information next to the wall time. */
const cpu = {};
/** Runs a chunk of `count` commits; returns wall ms per commit and records CPU ms per commit. */
async function timed(name, count, body) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await body();
  const c = process.cpuUsage(c0);
  (cpu[name] ??= []).push((c.user + c.system) / 1000 / count);
  return (performance.now() - t0) / count;
}

const passThrough = { apply: () => [], finished: true, sessionState: 'running' };

function head(n) {
  return [
    newEvent('session.started', {
      sessionType: 'deep',
      intent: 'live commit benchmark',
      branch: 'main',
      platform: 'claude',
      repo: '/repo',
      headRef: null,
      semanticId: 'main-2026-11-30-deep-1',
      issues: [],
      pid: 1,
      host: 'bench',
    }),
    newEvent('session.planned', {
      plan: {
        session: { type: 'deep', intent: 'live commit benchmark' },
        config: {},
        runners: {},
        waves: [
          {
            wave: 1,
            role: 'Impl-Core',
            tasks: Array.from({ length: n }, (_, i) => ({
              id: `t-${i}`,
              task: `Task number ${i}`,
            })),
          },
        ],
      },
      source: 'bench',
    }),
  ];
}

/** The event of the i-th commit of a case over n tasks. */
function eventOf(kind, n, i) {
  if (kind !== 'transition')
    return newEvent('agent.tool_called', {
      agentId: 'w1-t-0-a1',
      tool: 'Read',
      input: { file_path: `src/f${i}.ts` },
    });
  const forth = Math.floor(i / n) % 2 === 0;
  return newEvent('mission.status_changed', {
    id: `t-${i % n}`,
    from: forth ? 'validated' : 'in-dev',
    to: forth ? 'in-dev' : 'validated',
    reason: 'bench',
  });
}

/**
 * Opens a live session of n tasks (warmed up by 10 commits); returns `{ chunk, close }`:
 * `chunk()` commits CHUNK single events and flushes, returning ms per commit.
 */
async function openLive(name, n, kind) {
  const dir = mkdtempSync(join(tmpdir(), 'wave-live-bench-'));
  const store = createJsonlEventStore({
    dir: join(dir, '.orchestrator', 'log'),
    validateOnAppend: false,
  });
  const engine = new Engine({
    stream: 's-live',
    store,
    clock: systemClock(),
    coordinator: passThrough,
    projector: new Projector(allProjections()),
    writer: createProjectionWriter({ root: dir }),
    version: 0,
  });
  for (const e of head(n)) engine.enqueue(e);
  while ((await engine.commit()).length > 0);
  engine.flush();
  let i = 0;
  const step = async () => {
    engine.enqueue(eventOf(kind, n, i));
    i += 1;
    await engine.commit();
  };
  for (let k = 0; k < 10; k++) await step();
  engine.flush();
  return {
    async chunk() {
      const ms = await timed(name, CHUNK, async () => {
        for (let k = 0; k < CHUNK; k++) await step();
        engine.flush();
      });
      if (kind === 'transition') {
        const last = eventOf(kind, n, i - 1).data;
        const state = readFileSync(join(dir, '.claude', 'STATE.md'), 'utf8');
        if (!state.includes(`t-${(i - 1) % n}`) || !state.includes(last.to))
          throw new Error('STATE.md lacks the last transition');
      }
      return ms;
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The floor: append one line + fdatasync per commit; `chunk()` returns ms per commit. */
function openBare() {
  const dir = mkdtempSync(join(tmpdir(), 'wave-live-bench-'));
  const fd = openSync(join(dir, 'bare.jsonl'), 'a');
  const line = Buffer.from(
    `${JSON.stringify({ v: 1, seq: 1, ts: new Date().toISOString(), session: 's-live', type: 'agent.tool_called', data: { agentId: 'w1-t-0-a1', tool: 'Read', input: { file_path: 'src/f1.ts' } } })}\n`,
  );
  return {
    async chunk() {
      return timed('bare', CHUNK, async () => {
        for (let k = 0; k < CHUNK; k++) {
          writeSync(fd, line);
          fdatasyncSync(fd);
          await new Promise((r) => setImmediate(r));
        }
      });
    },
    async close() {
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const open = {
  t100: await openLive('t100', 100, 'transition'),
  t1000: await openLive('t1000', 1000, 'transition'),
  t10000: await openLive('t10000', 10_000, 'transition'),
  quiet: await openLive('quiet', 10_000, 'no-projection'),
  bare: openBare(),
};
let r;
try {
  for (const c of Object.values(open)) await c.chunk(); // warm-up
  for (const k of Object.keys(cpu)) cpu[k] = [];
  r = await alternate(
    Object.fromEntries(Object.entries(open).map(([name, c]) => [name, () => c.chunk()])),
    ROUNDS,
  );
} finally {
  for (const c of Object.values(open)) await c.close();
}
console.log(
  `live-commit: ${ROUNDS} rounds of ${CHUNK} commits of one event each (and their flush) per case, cases interleaved, order alternated`,
);
report({
  name: 'live commit, one transition at 1,000 tasks',
  unit: 'ms',
  value: r.t1000,
  baseline: r.t100,
  baselineName: 'at 100 tasks',
  limit: 1.5,
  target: '≤ 1.5 (report)',
  paired: true,
});
report({
  name: 'live commit, one transition at 10,000 tasks',
  unit: 'ms',
  value: r.t10000,
  baseline: r.t100,
  baselineName: 'at 100 tasks',
  limit: 1.5,
  target: '≤ 1.5',
  paired: true,
});
report({
  name: 'live commit changing no projection (10,000 tasks)',
  unit: 'ms',
  value: r.quiet,
  baseline: r.bare,
  baselineName: 'bare append + fdatasync',
  limit: 1.5,
  target: '≤ 1.5',
  paired: true,
});
report({
  name: 'live commit, one transition at 100 tasks',
  unit: 'ms',
  value: r.t100,
  baseline: r.bare,
  baselineName: 'bare append + fdatasync',
  limit: Infinity,
  target: 'information',
  paired: true,
});
// Information: the process's CPU time per commit (user + system, from process.cpuUsage), which the
// shared disk's fdatasync latency does not move: what a commit costs the machine.
report({
  name: 'live commit CPU, one transition at 10,000 tasks',
  unit: 'ms',
  value: cpu.t10000,
  baseline: cpu.t100,
  baselineName: 'at 100 tasks',
  limit: Infinity,
  target: 'information',
  digits: 3,
  paired: true,
});
report({
  name: 'live commit CPU changing no projection (10,000 tasks)',
  unit: 'ms',
  value: cpu.quiet,
  baseline: cpu.bare,
  baselineName: 'bare append + fdatasync',
  limit: Infinity,
  target: 'information',
  digits: 3,
  paired: true,
});
