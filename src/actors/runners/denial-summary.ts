/**
 * The summary line of an agent run's permission denials: which tools the CLI refused and the
 * runner flag that would allow each (put it in the runner's `args`).
 */
import type { ToolCallRecord } from './edit-tracker.js';

/** `N permission denial(s): Tool — allow with <flag>, …`, or '' when there were none. */
export function denialSummary(calls: readonly ToolCallRecord[]): string {
  const byFlag = new Map<string, Set<string>>();
  let n = 0;
  for (const call of calls) {
    if (call.deniedWith === undefined) continue;
    n += 1;
    const tools = byFlag.get(call.deniedWith) ?? new Set<string>();
    tools.add(call.tool);
    byFlag.set(call.deniedWith, tools);
  }
  if (n === 0) return '';
  const parts = [...byFlag].map(([flag, tools]) => `${[...tools].join(', ')} — allow with ${flag}`);
  return `${n} permission denial(s): ${parts.join('; ')} (add to the runner's args)`;
}
