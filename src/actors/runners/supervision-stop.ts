/**
 * The reason an agent run is aborted with when supervision stops it (a logged loop verdict or
 * limit): the status the run ends in and why. A runner that sees it as its signal's reason reports
 * `agent.finished` with what the agent did so far, in that status, instead of a crash.
 */
import type { AgentOutcome } from '../../domain/status.js';

/** Statuses supervision ends a run in. */
export type SupervisedOutcome = Extract<AgentOutcome, 'spiral' | 'failed' | 'stagnant' | 'partial'>;

/** Abort reason of a run stopped by supervision. */
export class SupervisionStop extends Error {
  readonly _tag = 'SupervisionStop';
  constructor(
    readonly outcome: SupervisedOutcome,
    readonly why: string,
  ) {
    super(`stopped by supervision: ${why}`);
    this.name = 'SupervisionStop';
  }
}

/** The supervision stop a signal was aborted with, if it was. */
export function supervisionStopOf(signal: AbortSignal | undefined): SupervisionStop | undefined {
  return signal?.aborted === true && signal.reason instanceof SupervisionStop
    ? signal.reason
    : undefined;
}

const SEVERITY: Readonly<Record<string, number>> = {
  done: 0,
  partial: 1,
  stagnant: 2,
  failed: 3,
  spiral: 4,
};

/**
 * The status a finished run reports once supervision's verdict applies: the more severe of the
 * two (SPIRAL overrides everything; a stagnant run counts as partial at least). Crashes and
 * timeouts are their own ends and stay.
 */
export function superviseStatus(status: AgentOutcome, verdict: SupervisedOutcome): AgentOutcome {
  const own = SEVERITY[status];
  if (own === undefined) return status;
  return (SEVERITY[verdict] as number) > own ? verdict : status;
}
