/**
 * Versioned decisions, the way Temporal's `patched(id)` works: when a decision of the machines
 * changes on purpose, the new code keeps the old branch and takes the new one only for sessions
 * that began with the patch's id in `session.started.patches`. New sessions get every patch of
 * {@link PATCHES}; a recorded log from before a patch replays the decisions it was made with, so
 * no recorded log ever diverges because the code improved.
 */

/** Every patch this code knows, oldest first. Never remove or rename one. */
export const PATCHES = [
  /** What Not To Retry lists a failed task once (its last failure), not once per failed wave. */
  'wntr-once-per-task',
  /**
   * Live supervision: the agent machine folds each logged tool call into the loop detectors and
   * proposes `agent.loop_detected` / `agent.limit_reached` while the agent runs (before it, the
   * runtime logged `stagnation.detected` after the agent's exit).
   */
  'live-supervision',
  /** A task escalated after its second spiral gets a carry-over issue (`file-issue` effect). */
  'carryover-issues',
  /**
   * Safety rails in the repository: a snapshot before each wave's dispatch, the scope check of
   * what the wave changed against its allowedPaths (strict reverts, warn keeps), the revert of a
   * spiralled agent's files, the gate kind (Quality-Lite / Full Gate) and auto-commit decided by
   * the wave machine, a red baseline asked about instead of fixed.
   */
  'repo-rails',
  /** A wave over its budget dispatches nothing more: no later round, no fix agent (its gate blocks). */
  'wave-budget-stop',
  /**
   * Worktree isolation is run, not only resolved: a wave resolved to `worktree` gives each agent
   * of its main round a worktree at the wave's base and merges them back in plan order.
   */
  'worktree-isolation',
] as const;

/** A patch id. */
export type PatchId = (typeof PATCHES)[number];

/** True when the session began with this patch in force. */
export function patched(active: readonly string[], id: PatchId): boolean {
  return active.includes(id);
}
