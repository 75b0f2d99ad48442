/**
 * Whether a wave's gate failure is the agents' doing, judged against the baseline recorded at
 * session start (`gate.baseline_recorded`). Pure.
 *
 * - `new`: the gate was green at the start (or has no baseline): the session broke it.
 * - `worse`: it was red at the start, and now fails more tests (or fails differently: a timeout
 *   where it exited, another exit code).
 * - `pre-existing`: it was red at the start and fails no worse now (same exit code, no more failed
 *   tests when both runs printed counts): not the agents' doing.
 */
import type { TestCounts } from './test-counts.js';

/** A gate's state in the baseline (the shape of `gate.baseline_recorded`'s `gates` entries). */
export interface BaselineGateState {
  readonly name: string;
  readonly ok: boolean;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly counts?: TestCounts;
}

/** The facts of a failed gate that the judgement needs (a `gate.failed`'s data fits). */
export interface GateFailureFacts {
  readonly gate: string;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly counts?: TestCounts;
}

/** Verdict of {@link blameOf}. */
export type Blame = 'new' | 'worse' | 'pre-existing';

/** Judges a failure against the baseline's gates (undefined: no baseline ran). */
export function blameOf(
  failure: GateFailureFacts,
  baseline: readonly BaselineGateState[] | undefined,
): Blame {
  const before = baseline?.find((g) => g.name === failure.gate);
  if (before === undefined || before.ok) return 'new';
  if (before.timedOut !== failure.timedOut || before.exitCode !== failure.exitCode) return 'worse';
  if (before.counts && failure.counts && failure.counts.failed > before.counts.failed) {
    return 'worse';
  }
  return 'pre-existing';
}

/** One line on the gate's baseline, for a fix task or a report (undefined when it was green). */
export function baselineNote(
  gate: string,
  baseline: readonly BaselineGateState[] | undefined,
): string | undefined {
  const before = baseline?.find((g) => g.name === gate);
  if (before === undefined || before.ok) return undefined;
  const how = before.timedOut ? 'timed out' : `exited ${String(before.exitCode)}`;
  const counts = before.counts
    ? `, ${before.counts.failed} of ${before.counts.total} tests failing`
    : '';
  return `Gate ${gate} was already red at session start (baseline: ${how}${counts}).`;
}
