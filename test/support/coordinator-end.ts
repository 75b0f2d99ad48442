/**
 * Everything a coordinator ends with, comparable with `toEqual`: the view and state, the open
 * proposals and effects, the divergences, and the persisted state through its bytes (a copy;
 * shared objects compared by value, Maps and typed arrays kept).
 */
import {
  decodeCoordinatorCheckpoint,
  encodeCoordinatorCheckpoint,
} from '../../src/adapters/coordinator-checkpoint.codec.js';
import type { Coordinator } from '../../src/machines/coordinator.js';

/** A copy of `value` without any `tripped` member (Maps, Sets and typed arrays kept). */
function withoutTripped(value: unknown): unknown {
  if (value instanceof Map)
    return new Map([...value].map(([k, v]) => [k, withoutTripped(v)] as const));
  if (Array.isArray(value)) return value.map(withoutTripped);
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  if (value instanceof Set) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== 'tripped')
      .map(([k, v]) => [k, withoutTripped(v)]),
  );
}

/**
 * What `c` ends with. `scratch: false` leaves out each agent's `tripped`: the scratch between a
 * fold and its proposal (the verdicts of the facts just folded), always written before it is read.
 */
export function coordinatorEnd(c: Coordinator, options: { scratch?: boolean } = {}) {
  const snapshot = decodeCoordinatorCheckpoint(encodeCoordinatorCheckpoint(c.checkpoint()));
  return {
    view: c.view(),
    state: c.sessionState,
    finished: c.finished,
    pendingEvents: c.pendingEvents(),
    pendingEffects: c.pendingEffects(),
    divergences: c.divergences,
    unaccepted: c.unacceptedDivergences(),
    snapshot: options.scratch === false ? withoutTripped(snapshot) : snapshot,
  };
}
