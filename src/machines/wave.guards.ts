/**
 * The named guards of the wave chart: each a pure question about the wave's context and the event
 * at hand. The chart (`wave.machine.ts`) names them on its transitions.
 */
import type { DomainEvent } from '../events.js';
import { outcomeOf } from './wave.logic.js';
import { roundId, type WaveContext } from './wave.context.js';
import { lockDecisionId, lockTaskOf, lostRuns, neverStarted } from './wave.decide.js';
import { baselineDecisionId, failurePredatesSession, maxRetriesOf } from './wave.gate.js';
import { railsCheck } from './wave.rails.js';
import {
  isolatedAgents,
  isolationStarts,
  lastRemoval,
  lastWorktreeReport,
} from './wave.worktrees.js';

type Args = { context: WaveContext; event: DomainEvent };

/** An answer to this wave's question `id`, optionally a given one. */
function answered(event: DomainEvent, id: string, answer?: string): boolean {
  return (
    event.type === 'decision.made' &&
    event.data.id === id &&
    (answer === undefined || event.data.answer === answer)
  );
}

/** The wave chart's guards. */
export const waveGuards = {
  /** The wave has safety rails in the repository: it is snapshotted before its dispatch. */
  railsOn: ({ context }: Args) => context.rails != null,
  /** The snapshot is in and the wave runs its agents in worktrees. */
  isolating: ({ context, event }: Args) => isolationStarts(context, event),
  /** The base was not stale before: one new snapshot is taken. */
  firstStaleBase: ({ context }: Args) => context.staleBases === 0,
  /** Every worktree of the main round is reported (created, or failed: the agent shares the tree). */
  worktreesReady: ({ context, event }: Args) => lastWorktreeReport(context, event),
  /** Some agent of the wave worked in a worktree: its work must be merged back. */
  isolated: ({ context }: Args) => isolatedAgents(context).length > 0,
  /** The last worktree of the wave is removed: the merge-back is over. */
  mergedBack: ({ context, event }: Args) => lastRemoval(context, event),
  /** The plan names a contract-lock task and the wave has others waiting on it. */
  contractLockFirst: ({ context }: Args) => lockTaskOf(context) !== undefined,
  /** A run of the current round is still queued or running. */
  roundOpen: ({ context }: Args) =>
    context.agents.some((a) => a.round === roundId(context) && outcomeOf(a) === null),
  /** The contract-lock task's run ended done. */
  lockTaskDone: ({ context }: Args) => {
    const lock = context.agents[context.agents.length - 1];
    return lock !== undefined && outcomeOf(lock) === 'done';
  },
  /** Some task of the wave has no run that ever started. */
  someNeverStarted: ({ context }: Args) => neverStarted(context).length > 0,
  /** The answer to this wave's contract-lock question is to go on. */
  proceedAfterLock: ({ context, event }: Args) =>
    answered(event, lockDecisionId(context), 'proceed'),
  /** The answer to this wave's contract-lock question is anything but go on. */
  stopAfterLock: ({ context, event }: Args) => answered(event, lockDecisionId(context)),
  /** The resumed coordinator found none of this wave's runs in flight. */
  nothingLostHere: ({ context, event }: Args) =>
    event.type === 'session.resumed' && lostRuns(context, event).length === 0,
  /** Runs lost at a crash are re-dispatched (else they count as crashed). */
  redispatchPolicy: ({ event }: Args) =>
    event.type === 'session.resumed' && event.data.policy === 'redispatch',
  /** What the wave changed needs files put back to its base (strict scope, a spiral). */
  revertDue: ({ context, event }: Args) =>
    event.type === 'wave.inspected' && railsCheck(context, event).reverts.length > 0,
  /** The wave's own budget was spent: it dispatches nothing more (patch `wave-budget-stop`). */
  stopsThisWave: ({ context, event }: Args) =>
    event.type === 'budget.exceeded' &&
    event.data.scope === 'wave' &&
    event.data.wave === context.wave &&
    context.stopOverBudget === true,
  /** The wave is over its budget. */
  overBudget: ({ context }: Args) => context.overBudget,
  /** The wave has no quality gate to run. */
  noGates: ({ context }: Args) => context.gates.length === 0,
  /** The gate result is not of the attempt in progress (a late one). */
  staleAttempt: ({ context, event }: Args) =>
    (event.type === 'gate.passed' || event.type === 'gate.failed') &&
    event.data.attempt !== context.gateAttempt,
  /** The plan commits each wave once its gate passed. */
  autoCommitOn: ({ context }: Args) => context.rails?.autoCommit === true,
  /** The failed gate was already red at session start and fails no worse. */
  predatesSession: ({ context, event }: Args) =>
    event.type === 'gate.failed' && failurePredatesSession(context, event),
  /** Auto-fix may take another round. */
  retriesLeft: ({ context }: Args) => context.gateAttempt <= maxRetriesOf(context),
  /** The red baseline is accepted as the session found it. */
  acceptRed: ({ context, event }: Args) => answered(event, baselineDecisionId(context), 'accept'),
  /** The operator stops at the red baseline. */
  stopAtRed: ({ context, event }: Args) => answered(event, baselineDecisionId(context), 'abort'),
  /** Any other answer to the red-baseline question: the usual auto-fix, while retries are left. */
  fixRedWithRetries: ({ context, event }: Args) =>
    answered(event, baselineDecisionId(context)) && context.gateAttempt <= maxRetriesOf(context),
  /** Any other answer, no retry left: auto-fix is exhausted. */
  fixRedExhausted: ({ context, event }: Args) => answered(event, baselineDecisionId(context)),
};
