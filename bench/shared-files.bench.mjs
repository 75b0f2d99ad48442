// 100,000 foreign lines in the shared JSONL files (issue 12): a whole session through the runtime
// (2 waves × 5 host-supplied agents bursting PER_AGENT tool calls, mission transitions, waves,
// the sessions.jsonl and events.jsonl projections) in a repository whose
// .orchestrator/metrics/sessions.jsonl and events.jsonl already hold FOREIGN lines of other
// sessions, vs the same session with none. Target ≤ 1.1×. Order alternated, ROUNDS rounds each,
// min/median/max, the ratio as the median of the per-round ratios; each run checks the foreign
// lines survived.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { burstPlan, burstRunner, makeRepo } from './lib/session-log.mjs';
import { alternate, report } from './lib/stats.mjs';

const FOREIGN = Number(process.env.FOREIGN_LINES ?? 100_000);
const PER_AGENT = Number(process.env.PER_AGENT ?? 1_000);
const ROUNDS = Number(process.env.SHARED_ROUNDS ?? 5);
const { createWaveExecutor } = await import('../dist/runtime.js');
const plan = await burstPlan();

const sessionsLine = (i) =>
  JSON.stringify({
    session_id: `other-${i}`,
    session_type: 'feature',
    started_at: '2026-11-01T10:00:00.000Z',
    completed_at: '2026-11-01T11:00:00.000Z',
    total_waves: 3,
    total_agents: 9,
    agent_summary: { done: 9, partial: 0, failed: 0, spiral: 0 },
    waves: [],
  });
const eventsLine = (i) =>
  JSON.stringify({
    timestamp: '2026-11-01T10:00:00.000Z',
    event: 'orchestrator.wave.completed',
    wave: 1 + (i % 5),
    role: 'Impl-Core',
    quality: 'pass',
    files_changed: 3,
    session_id: `other-${i}`,
  });
const sessionsText = `${Array.from({ length: FOREIGN }, (_, i) => sessionsLine(i)).join('\n')}\n`;
const eventsText = `${Array.from({ length: FOREIGN }, (_, i) => eventsLine(i)).join('\n')}\n`;

async function session(foreign) {
  const repo = makeRepo();
  const metrics = join(repo, '.orchestrator', 'metrics');
  if (foreign) {
    mkdirSync(metrics, { recursive: true });
    writeFileSync(join(metrics, 'sessions.jsonl'), sessionsText);
    writeFileSync(join(metrics, 'events.jsonl'), eventsText);
  }
  try {
    const t0 = performance.now();
    const executor = await createWaveExecutor({
      plan,
      repo,
      allowDirty: true,
      runners: { default: burstRunner(PER_AGENT) },
    });
    const outcome = await executor.run();
    const ms = performance.now() - t0;
    if (outcome.exitCode !== 0) throw new Error(`session failed: ${JSON.stringify(outcome)}`);
    const lines = readFileSync(join(metrics, 'sessions.jsonl'), 'utf8').split('\n').filter(Boolean);
    if (lines.length !== (foreign ? FOREIGN : 0) + 1)
      throw new Error(`sessions.jsonl has ${lines.length} lines`);
    return ms;
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

await session(true); // warm-up
const r = await alternate({ none: () => session(false), foreign: () => session(true) }, ROUNDS);
report({
  name: `session with ${FOREIGN.toLocaleString('en-US')} foreign lines in sessions.jsonl and events.jsonl`,
  unit: 'ms',
  value: r.foreign,
  baseline: r.none,
  baselineName: 'no foreign lines',
  limit: 1.1,
  target: '≤ 1.1',
  digits: 0,
  paired: true,
});
