// One transition per commit, as they arrive live (issue 12): the cost of a commit at 100, 1,000
// and 10,000 tasks, and of a commit that changes no projection, against a bare fdatasync.
//
// Each case: a session of N tasks through the runtime Engine (pass-through coordinator: the bar
// is stamp → validate → append + fdatasync → fold → projection files), warmed up, then COMMITS
// commits of one event each, awaited one by one. `transition` commits one mission.status_changed
// (STATE.md and sessions.jsonl change); `no-projection` commits one agent.tool_called (no
// projection file changes). The projection files follow off the commit path (coalesced flush);
// every case ends with a flush and checks STATE.md holds its last transition. The yardstick: a
// bare append of a line of the same size + fdatasync on a file in the same directory, COMMITS
// times. Cases alternate their order each round; min/median/max over ROUNDS rounds.
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

const COMMITS = Number(process.env.LIVE_COMMITS ?? 150);
const ROUNDS = Number(process.env.LIVE_ROUNDS ?? 5);
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

/** Commits COMMITS single events into a session of n tasks; returns ms per commit. */
async function live(n, kind) {
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
  try {
    for (const e of head(n)) engine.enqueue(e);
    while ((await engine.commit()).length > 0);
    engine.flush?.();
    const event = (i) =>
      kind === 'transition'
        ? newEvent('mission.status_changed', {
            id: `t-${i % n}`,
            from: 'validated',
            to: 'in-dev',
            reason: 'bench',
          })
        : newEvent('agent.tool_called', {
            agentId: 'w1-t-0-a1',
            tool: 'Read',
            input: { file_path: `src/f${i}.ts` },
          });
    for (let i = 0; i < 10; i++) {
      engine.enqueue(event(n - 1 - i));
      await engine.commit();
    }
    const t0 = performance.now();
    for (let i = 0; i < COMMITS; i++) {
      engine.enqueue(event(i));
      await engine.commit();
    }
    const ms = (performance.now() - t0) / COMMITS;
    engine.flush?.();
    if (kind === 'transition') {
      const state = readFileSync(join(dir, '.claude', 'STATE.md'), 'utf8');
      if (!state.includes(`t-${(COMMITS - 1) % n}`))
        throw new Error('STATE.md lacks the last task');
    }
    return ms;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The floor: append one line + fdatasync, COMMITS times. */
async function bareSync() {
  const dir = mkdtempSync(join(tmpdir(), 'wave-live-bench-'));
  const fd = openSync(join(dir, 'bare.jsonl'), 'a');
  const line = Buffer.from(
    `${JSON.stringify({ v: 1, seq: 1, ts: new Date().toISOString(), session: 's-live', type: 'agent.tool_called', data: { agentId: 'w1-t-0-a1', tool: 'Read', input: { file_path: 'src/f1.ts' } } })}\n`,
  );
  try {
    const t0 = performance.now();
    for (let i = 0; i < COMMITS; i++) {
      writeSync(fd, line);
      fdatasyncSync(fd);
      await new Promise((r) => setImmediate(r));
    }
    return (performance.now() - t0) / COMMITS;
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

await live(1000, 'transition'); // warm-up
const r = await alternate(
  {
    t100: () => live(100, 'transition'),
    t1000: () => live(1000, 'transition'),
    t10000: () => live(10_000, 'transition'),
    quiet: () => live(10_000, 'no-projection'),
    bare: () => bareSync(),
  },
  ROUNDS,
);
console.log(
  `live-commit: ${COMMITS} commits of one event each per case, ${ROUNDS} rounds, order alternated`,
);
report({
  name: 'live commit, one transition at 1,000 tasks',
  unit: 'ms',
  value: r.t1000,
  baseline: r.t100,
  baselineName: 'at 100 tasks',
  limit: 1.5,
  target: '≤ 1.5 (report)',
});
report({
  name: 'live commit, one transition at 10,000 tasks',
  unit: 'ms',
  value: r.t10000,
  baseline: r.t100,
  baselineName: 'at 100 tasks',
  limit: 1.5,
  target: '≤ 1.5',
});
report({
  name: 'live commit changing no projection (10,000 tasks)',
  unit: 'ms',
  value: r.quiet,
  baseline: r.bare,
  baselineName: 'bare append + fdatasync',
  limit: 1.5,
  target: '≤ 1.5',
});
report({
  name: 'live commit, one transition at 100 tasks',
  unit: 'ms',
  value: r.t100,
  baseline: r.bare,
  baselineName: 'bare append + fdatasync',
  limit: Infinity,
  target: 'information',
});
