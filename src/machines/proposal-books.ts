/**
 * The coordinator's two books, folded from the log alone:
 * - proposed events not yet seen in the log, by decision identity: live, the runtime appends
 *   them at once; after a crash, replay leaves exactly the unappended ones here;
 * - effects asked for and not yet completed, by key: an agent run ends with its terminal event, a
 *   gate run with gate.passed/failed, a question with decision.made… After replay, the open ones
 *   are what was in flight at the crash.
 * A logged decision is matched with the proposals by identity and decision data, never by prose
 * (`decision-identity.ts`); one the code would not take now is a {@link Divergence}.
 */
import type { DomainEvent, NewEvent } from '../events.js';
import { AUTHORED_TYPES, decisionDataOf, identityOf } from './decision-identity.js';
import { ACCEPT_DIVERGENCE_ID, divergenceOf, type Divergence } from './divergence.js';
import { keysCompletedBy } from './effect-keys.js';
import type { Effect, Intent } from './intents.js';

/** The books as data (a part of the coordinator's checkpoint). */
export interface BooksCheckpoint {
  pendingAppends: [string, NewEvent[]][];
  openEffects: [string, Effect][];
  accepted: number;
  divergences: Divergence[];
}

/** Proposals and effects still open, and the divergences found. */
export class ProposalBooks {
  private readonly pendingAppends = new Map<string, NewEvent[]>();
  private readonly openEffects = new Map<string, Effect>();
  /** Divergences the operator accepted (a count of `divergences`). */
  private accepted = 0;
  /** Logged decisions the current code does not take, in log order. */
  readonly divergences: Divergence[] = [];

  /** Empty books, or the ones a checkpoint kept. */
  constructor(from?: BooksCheckpoint) {
    if (!from) return;
    for (const [k, v] of from.pendingAppends) this.pendingAppends.set(k, v);
    for (const [k, v] of from.openEffects) this.openEffects.set(k, v);
    this.accepted = from.accepted;
    this.divergences.push(...from.divergences);
  }

  /** Books proposals and asked-for effects. */
  book(intents: readonly Intent[]): void {
    for (const intent of intents) {
      if (intent.kind === 'append') {
        const id = identityOf(intent.event);
        const queue = this.pendingAppends.get(id);
        if (queue) queue.push(intent.event);
        else this.pendingAppends.set(id, [intent.event]);
      } else this.openEffects.set(intent.effect.key, intent.effect);
    }
  }

  /** Matches a logged decision with its proposal and closes the effects it completes. */
  settle(event: DomainEvent): void {
    if (AUTHORED_TYPES.has(event.type)) {
      const id = identityOf(event);
      const queue = this.pendingAppends.get(id);
      const proposed = queue?.shift();
      if (queue && queue.length === 0) this.pendingAppends.delete(id);
      // Live, the logged event carries the very data object proposed (validation and redaction
      // return what they need not change): equal by identity, no canonical form to compare.
      if (proposed === undefined || proposed.data !== event.data) {
        const verdict = divergenceOf(event, id, proposed && decisionDataOf(proposed));
        if (verdict) this.divergences.push(verdict);
      }
    }
    for (const key of keysCompletedBy(event)) this.openEffects.delete(key);
    if (event.type === 'decision.made' && event.data.id === ACCEPT_DIVERGENCE_ID) {
      this.accepted = this.divergences.length;
    }
  }

  /** Proposed events not yet in the log, in proposal order. */
  pendingEvents(): NewEvent[] {
    return [...this.pendingAppends.values()].flat();
  }

  /** Effects asked for and not yet completed. */
  pendingEffects(): Effect[] {
    return [...this.openEffects.values()];
  }

  /** Divergences logged after the last one the operator accepted. */
  unacceptedDivergences(): Divergence[] {
    return this.divergences.slice(this.accepted);
  }

  /** The books as data (shared with the live books: serialize before the next event). */
  checkpoint(): BooksCheckpoint {
    return {
      pendingAppends: [...this.pendingAppends],
      openEffects: [...this.openEffects],
      accepted: this.accepted,
      divergences: this.divergences,
    };
  }
}
