/**
 * Given/when/then specifications of the machines' decisions (in the manner of Emmett's decider
 * specs): given the logged events so far, when one more is logged, then these intents (or none).
 * The history comes from a simulated session, so every spec starts from a log the real machines
 * wrote; `at` picks the event the spec is about.
 */
import type { DomainEvent } from '../../src/events.js';
import { Coordinator } from '../../src/machines/coordinator.js';
import type { Effect, Intent } from '../../src/machines/intents.js';

/** What a decision produced: the proposed events (type and data) and the effects asked for. */
export interface Decided {
  events: Array<{ type: string; data: Record<string, unknown> }>;
  effects: Effect[];
  /** The coordinator after the event (for state checks). */
  coordinator: Coordinator;
}

/** Given `history`, when `event` is logged: what the machines decide. */
export function decide(history: readonly DomainEvent[], event: DomainEvent): Decided {
  const coordinator = new Coordinator();
  for (const e of history) coordinator.apply(e);
  const intents: readonly Intent[] = coordinator.apply(event);
  return {
    events: intents.flatMap((i) =>
      i.kind === 'append' ? [{ type: i.event.type, data: i.event.data }] : [],
    ),
    effects: intents.flatMap((i) => (i.kind === 'effect' ? [i.effect] : [])),
    coordinator,
  };
}

/** Splits a log at the first event matching `when`: the history before it, and the event. */
export function at(
  log: readonly DomainEvent[],
  when: (e: DomainEvent) => boolean,
  nth = 0,
): { given: DomainEvent[]; when: DomainEvent } {
  let seen = 0;
  const i = log.findIndex((e) => when(e) && seen++ === nth);
  if (i < 0) throw new Error('no such event in the log');
  return { given: log.slice(0, i), when: log[i] as DomainEvent };
}

/** Matches an event of `type` whose data has the given values (for {@link at}). */
export const is =
  (type: string, data: Record<string, unknown> = {}) =>
  (e: DomainEvent) =>
    e.type === type &&
    Object.entries(data).every(([k, v]) => (e.data as Record<string, unknown>)[k] === v);
