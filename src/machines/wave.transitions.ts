/**
 * Transition lists the wave chart uses in several states, in the chart's own names (the chart
 * checks them against its `setup`): a run's end, a resumed coordinator, the change set, the
 * worktrees' reports.
 */
import { and } from 'xstate';

/** One way out of a round, in the chart's own names (checked against `setup`). */
type Branch = {
  readonly guard?: 'lockTaskDone' | 'someNeverStarted' | 'overBudget' | 'isolated';
  readonly target:
    'mainRound' | 'askingLock' | 'redispatching' | 'inspecting' | 'gating' | 'merging';
};

/** The contract-lock round is over: nothing more over budget, the rest, or the question. */
export const AFTER_LOCK: readonly Branch[] = [
  { guard: 'overBudget', target: 'inspecting' },
  { guard: 'lockTaskDone', target: 'mainRound' },
  { target: 'askingLock' },
];

/**
 * The main round is over: isolated work is merged back first; runs that never started go again
 * (not over budget), then inspection.
 */
export const AFTER_MAIN: readonly Branch[] = [
  { guard: 'isolated', target: 'merging' },
  { guard: 'overBudget', target: 'inspecting' },
  { guard: 'someNeverStarted', target: 'redispatching' },
  { target: 'inspecting' },
];

/** The merge-back is over: runs that never started go again (not over budget), then inspection. */
const AFTER_MERGE: readonly Branch[] = [
  { guard: 'overBudget', target: 'inspecting' },
  { guard: 'someNeverStarted', target: 'redispatching' },
  { target: 'inspecting' },
];

/**
 * The change set is in: files to put back first (then look again), else the review, and the gate
 * or the wave's end. Out-of-scope files are reported either way.
 */
export function afterInspection() {
  const review = ['recordChangeSet', 'proposeRails', 'proposeReview'] as const;
  return [
    { guard: 'revertDue', target: 'reverting', actions: 'proposeRails' },
    { guard: 'noGates', target: 'done', actions: [...review, 'completeUngated'] },
    { target: 'gating', actions: review },
  ] as const;
}

/** A run's end: nothing while the round is open, else the round's way out. */
export function onRunEnded(whenOver: readonly Branch[]) {
  const branches = [{ guard: 'roundOpen' as const }, ...whenOver];
  return { 'agent.finished': branches, 'agent.crashed': branches, 'agent.timed_out': branches };
}

/**
 * A resumed coordinator: nothing when none of this wave's runs were in flight; re-dispatch them
 * exactly as they were; or (report-lost) they count as crashed and the round is over. Either way
 * their worktrees are abandoned.
 */
export function onResumed(whenOver: readonly Branch[]) {
  // Worktrees of lost runs are abandoned (removed, a dirty one saved as a ref); re-dispatched
  // runs share the working tree.
  const abandon = ['recordResume', 'proposeCleanup'] as const;
  return [
    { guard: 'nothingLostHere' },
    { guard: 'redispatchPolicy', actions: [...abandon, 'beginRound', 'redispatchLost'] },
    ...whenOver.map((b) => ({ ...b, actions: abandon })),
  ] as const;
}

/** A worktree reported (created, or failed: that agent shares the tree); the last one dispatches. */
export function onWorktreeReport() {
  const branches = [
    { guard: 'worktreesReady', target: 'mainRound', actions: 'recordWorktree' },
    { actions: 'recordWorktree' },
  ] as const;
  return { 'worktree.created': branches, 'worktree.failed': branches };
}

/** A worktree removed after the merge-back; the last one leads on as {@link AFTER_MERGE} says. */
export function afterRemoval() {
  return [
    ...AFTER_MERGE.map((b) => ({
      guard: and(['mergedBack', ...(b.guard ? [b.guard] : [])]),
      target: b.target,
      actions: 'recordRemoval' as const,
    })),
    { actions: 'recordRemoval' as const },
  ];
}
