/**
 * The baseline gate of a new session (reference §E): before the first wave, every configured gate
 * runs once on the repository as it is (not fail-fast), and the result is logged as
 * `gate.baseline_recorded`, so a gate that is red before any agent ran is known to predate the
 * session. It never blocks: a red baseline is a fact, not a failure.
 */
import { newEvent, type NewEvent } from '../events.js';
import type { ResolvedPlan } from '../domain/plan.schema.js';
import { runBaseline } from '../actors/gate-run.js';

/** What the baseline needs. */
export interface BaselineGateOptions {
  plan: ResolvedPlan;
  repo: string;
  /** HEAD the session starts from. */
  headRef: string | null;
  signal?: AbortSignal;
  /** Per-command timeout (the plan's `gate-timeout-ms` when absent). */
  timeoutMs?: number;
}

/**
 * Runs the baseline and returns its event, or null when the plan has no gate or the run was
 * stopped before every gate ran (a partial baseline would misstate the start).
 */
export async function baselineGateEvent(options: BaselineGateOptions): Promise<NewEvent | null> {
  const gates = options.plan.config.qualityGates;
  if (gates.length === 0) return null;
  const timeoutMs = options.timeoutMs ?? options.plan.config.gateTimeoutMs;
  const result = await runBaseline(
    { gates, cwd: options.repo, ...(timeoutMs !== undefined ? { timeoutMs } : {}) },
    options.signal,
  );
  if (result.aborted) return null;
  return newEvent('gate.baseline_recorded', {
    headRef: options.headRef,
    green: result.green,
    gates: result.gates.map((g) => ({
      ...g,
      command: [...g.command],
      ...(g.counts ? { counts: { ...g.counts } } : {}),
    })),
  });
}
