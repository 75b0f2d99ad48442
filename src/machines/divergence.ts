/**
 * A divergence: a decision in the log that the current code does not take (Temporal's
 * non-determinism error). `wave replay --check` reports them; `wave resume` refuses a log with
 * one unless the operator accepts it, which is itself logged as a decision
 * ({@link ACCEPT_DIVERGENCE_ID}), so the next resume knows.
 */
import type { DomainEvent } from '../events.js';
import { decisionDataOf } from './decision-identity.js';

/** Id of the logged decision that accepts every divergence before it. */
export const ACCEPT_DIVERGENCE_ID = 'accept-divergence';

/** One logged decision the machines would not take now. */
export interface Divergence {
  seq: number;
  type: string;
  /** The decision's identity (type and the keys that name it). */
  identity: string;
  /** `not-decided`: nothing like it was proposed; `other-data`: proposed with other data. */
  kind: 'not-decided' | 'other-data';
  message: string;
}

/** Aborts the runtime or the operator decide, not the machines. */
function externalAbort(event: DomainEvent): boolean {
  return (
    event.type === 'session.aborted' &&
    (event.data.cause === 'user-abort' || event.data.cause === 'error')
  );
}

/** The divergence of a logged authored event from its proposal (decision data), if any. */
export function divergenceOf(
  event: DomainEvent,
  identity: string,
  proposedData: string | undefined,
): Divergence | null {
  if (proposedData === undefined) {
    if (externalAbort(event)) return null;
    return {
      seq: event.seq,
      type: event.type,
      identity,
      kind: 'not-decided',
      message: `seq ${event.seq}: ${event.type} was logged but is not what the machines decide now (${identity})`,
    };
  }
  if (proposedData === decisionDataOf(event)) return null;
  return {
    seq: event.seq,
    type: event.type,
    identity,
    kind: 'other-data',
    message: `seq ${event.seq}: ${event.type} was logged with other data than the machines decide now (${identity})`,
  };
}
