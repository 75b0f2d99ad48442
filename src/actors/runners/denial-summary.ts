/**
 * The summary line of an agent run's permission denials: which tools the CLI refused and the
 * runner flag that would allow each (put it in the runner's `args`).
 */
import type { ToolCallRecord } from './edit-tracker.js';

/** Denials counted so far: how many, and the tools refused under each flag (first seen first). */
export interface DenialTally {
  n: number;
  byFlag: Map<string, Set<string>>;
}

/** A new, empty tally. */
export function newDenialTally(): DenialTally {
  return { n: 0, byFlag: new Map() };
}

/** Counts the denial of one call, if it was denied. */
export function tallyDenial(tally: DenialTally, call: ToolCallRecord): void {
  if (call.deniedWith === undefined) return;
  tally.n += 1;
  const tools = tally.byFlag.get(call.deniedWith) ?? new Set<string>();
  tools.add(call.tool);
  tally.byFlag.set(call.deniedWith, tools);
}

/**
 * `N permission denial(s): Tool — allow with <flag>, …`, or '' when there were none; `earlier`
 * holds the denials of calls no longer in `calls` (they come first).
 */
export function denialSummary(calls: readonly ToolCallRecord[], earlier?: DenialTally): string {
  const tally = newDenialTally();
  if (earlier !== undefined) {
    tally.n = earlier.n;
    for (const [flag, tools] of earlier.byFlag) tally.byFlag.set(flag, new Set(tools));
  }
  for (const call of calls) tallyDenial(tally, call);
  const { n, byFlag } = tally;
  if (n === 0) return '';
  const parts = [...byFlag].map(([flag, tools]) => `${[...tools].join(', ')} — allow with ${flag}`);
  return `${n} permission denial(s): ${parts.join('; ')} (add to the runner's args)`;
}
