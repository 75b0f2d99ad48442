/** Bounds shared by the loop detectors: every per-agent table is capped, oldest entries go first. */
import type { LoopVerdict, LoopWatchState } from './loop-watch.types.js';

/** Occurrences at which a pattern trips (reference §A5: "3×"). */
export const THRESHOLD = 3;
/** Entries kept per table (files, paging streaks, error groups, spots). */
const TABLE_MAX = 128;
/** States kept per file or region, labels kept per evidence list. */
export const LIST_MAX = 16;
/** Evidence labels in a verdict. */
const EVIDENCE_MAX = 8;
/** Verdicts (and fired keys) kept per watch. */
const VERDICTS_MAX = 64;

/**
 * Appends to a list, dropping the oldest beyond `max`. A full list is moved down by one in place
 * (these lists are short: cheaper than `push` then `shift`).
 */
export function pushBounded<T>(list: T[], value: T, max: number = LIST_MAX): void {
  const n = list.length;
  if (n < max) {
    list.push(value);
    return;
  }
  if (n === max) {
    for (let i = 1; i < n; i += 1) list[i - 1] = list[i] as T;
    list[n - 1] = value;
    return;
  }
  list.push(value);
  while (list.length > max) list.shift();
}

/**
 * {@link pushBounded} for a long list of young values in a long-lived state: a full list is
 * replaced by a fresh copy without its oldest entry (returned: store it where the list was).
 * Moving a long old list down in place costs a write barrier per entry; a fresh copy is young
 * and costs none.
 */
export function pushFresh<T>(list: T[], value: T, max: number): T[] {
  if (list.length < max) {
    list.push(value);
    return list;
  }
  const next = list.slice(list.length - max + 1);
  next.push(value);
  return next;
}

/**
 * `list.splice(index, 1)` without allocating the removed-elements array (a negative index counts
 * from the end, as with `splice`).
 */
export function removeAt<T>(list: T[], index: number): void {
  if (index < 0) index += list.length;
  if (index < 0 || index >= list.length) return;
  for (let i = index + 1; i < list.length; i += 1) list[i - 1] = list[i] as T;
  list.length -= 1;
}

/**
 * A new empty table of the watch state: an object without a prototype. Its keys are file paths
 * and digests, so none of them may find an inherited member (a file named `constructor` or
 * `toString`) or set the prototype (`__proto__`). It is also a hash table from the start: a plain
 * `{}` that gets a few file or digest keys is given a hidden class per key sequence, and every
 * lookup in thousands of such tables (one watch per agent run) went to the slow path, about
 * 1–2 µs each in a replay. It serializes as any object does.
 */
export function newTable<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/**
 * Registers `key` in a table with insertion order, evicting the oldest entry beyond
 * {@link TABLE_MAX}. Call only when `key` is new.
 */
export function admitKey<T>(table: Record<string, T>, order: string[], key: string): void {
  order.push(key);
  if (order.length > TABLE_MAX) {
    const old = order.shift() as string;
    delete table[old];
  }
}

/** The last {@link EVIDENCE_MAX} labels, whitespace collapsed. */
export function evidence(labels: readonly string[]): string[] {
  return labels.slice(-EVIDENCE_MAX).map((l) => l.replace(/\s+/g, ' ').trim());
}

/** Gives a verdict unless the same pattern already tripped for the same key. */
export function fire(
  state: LoopWatchState,
  id: string,
  verdict: LoopVerdict,
  out: LoopVerdict[],
): void {
  const key = `${verdict.pattern}\u0000${id}`;
  if (state.fired.includes(key)) return;
  pushBounded(state.fired, key, VERDICTS_MAX);
  pushBounded(state.verdicts, verdict, VERDICTS_MAX);
  out.push(verdict);
}
