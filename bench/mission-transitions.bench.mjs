// 10,000 tasks × 2 mission transitions (issue 2): each transition stamped and validated by the
// runtime Engine, committed to the JSONL store (one fdatasync per group commit of ≤ 1,000 events),
// folded into every projection, and the files (STATE.md …) written by the projection writer once
// per commit batch. Reports the total time at 10,000 tasks and the per-transition cost at 10,000
// tasks vs at 100 tasks, measured in the same run (target ≤ 2×: amortised O(1)).
//
// Transitions arrive as they do live: in bursts (all tasks validated → in-dev, then all in-dev →
// completed), queued at once and drained by the engine's group commits. The Engine is given a
// pass-through coordinator (accepts every event, proposes nothing): the bar is stamp → validate →
// commit → fold → write; deciding is measured by coordinator.bench.mjs and runtime-events.bench.mjs.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../dist/runtime/engine.js';
import { createJsonlEventStore } from '../dist/adapters/jsonl-event-store.js';
import { createProjectionWriter } from '../dist/adapters/projection-writer.js';
import { systemClock } from '../dist/adapters/clock.js';
import { Projector } from '../dist/projections/projector.js';
import { allProjections } from '../dist/projections/all.projections.js';
import { newEvent } from '../dist/events.js';

const STREAM = 's-mission-bench';

/** Accepts every logged event and proposes nothing. */
const passThrough = { apply: () => [], finished: true, sessionState: 'running' };

function head(n) {
  return [
    newEvent('session.started', {
      sessionType: 'deep',
      intent: 'mission transitions benchmark',
      branch: 'main',
      platform: 'claude',
      repo: '/repo',
      headRef: null,
      semanticId: 'main-2026-11-24-deep-1',
      issues: [],
      pid: 1,
      host: 'bench',
    }),
    newEvent('session.planned', {
      plan: {
        session: { type: 'deep', intent: 'mission transitions benchmark' },
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

async function drain(engine) {
  while ((await engine.commit()).length > 0);
}

async function run(n) {
  // The files follow the log off the commit path: drain() ends with a flush (engine.flush).
  const dir = mkdtempSync(join(tmpdir(), 'wave-mission-bench-'));
  const store = createJsonlEventStore({ dir: join(dir, '.orchestrator', 'log') });
  let batches = 0;
  const engine = new Engine({
    stream: STREAM,
    store,
    clock: systemClock(),
    coordinator: passThrough,
    projector: new Projector(allProjections()),
    writer: createProjectionWriter({ root: dir }),
    version: 0,
  });
  engine.subscribe(() => (batches += 1));
  try {
    for (const e of head(n)) engine.enqueue(e);
    await drain(engine);
    const bursts = [
      ['validated', 'in-dev'],
      ['in-dev', 'completed'],
    ].map(([from, to]) =>
      Array.from({ length: n }, (_, i) =>
        newEvent('mission.status_changed', { id: `t-${i}`, from, to, reason: 'bench' }),
      ),
    );
    globalThis.gc?.();
    batches = 0;
    const t0 = performance.now();
    for (const burst of bursts) {
      for (const e of burst) engine.enqueue(e);
      await drain(engine);
    }
    engine.flush?.();
    const ms = performance.now() - t0;
    const state = readFileSync(join(dir, '.claude', 'STATE.md'), 'utf8');
    if (!state.includes(`t-${n - 1}`)) throw new Error('STATE.md lacks the last task');
    return { ms, perUs: (ms * 1000) / (2 * n), batches, bytes: Buffer.byteLength(state) };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (let w = 0; w < 2; w++) await run(10_000); // warm-up
const big = [];
const small = [];
// Interleaved, the order alternating each round: both sizes see the same machine conditions.
for (let r = 0; r < 5; r++) {
  const smalls = async () => {
    for (let k = 0; k < 6; k++) small.push(await run(100));
  };
  if (r % 2 === 0) {
    big.push(await run(10_000));
    await smalls();
  } else {
    await smalls();
    big.push(await run(10_000));
  }
}
const b = median(big.map((r) => r.perUs));
const s = median(small.map((r) => r.perUs));
const total = median(big.map((r) => r.ms));
console.log(
  `mission-transitions 10,000 tasks × 2 transitions (stamped, validated, committed with fsync, folded into all projections, files written once per commit): total ${total.toFixed(0)} ms in ${big[0].batches} commits, STATE.md ${(big[0].bytes / 1e6).toFixed(2)} MB`,
);
console.log(
  `mission-transitions per transition at 10,000 tasks: ${b.toFixed(2)} µs vs at 100 tasks (${small[0].batches} commits): ${s.toFixed(2)} µs → ratio ${(b / s).toFixed(2)} (target ≤ 2)`,
);
console.log(
  `BENCH ${JSON.stringify({ name: 'mission transition cost 10,000 vs 100 tasks', value: +b.toFixed(2), unit: 'µs', baseline: +s.toFixed(2), baselineName: 'per transition at 100 tasks', ratio: +(b / s).toFixed(2), target: '≤ 2', ok: b / s <= 2 })}`,
);
console.log(
  `BENCH ${JSON.stringify({ name: 'mission transitions 10,000 × 2 total', value: +total.toFixed(0), unit: 'ms', baseline: null, ratio: null, target: 'report', ok: null })}`,
);
