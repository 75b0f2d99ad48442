/**
 * Lone UTF-16 surrogates (a JSON `"\ud800"` escape in an agent's output) cannot be written as
 * UTF-8: they would reach the files as U+FFFD while the log keeps the escape, and a replay would
 * no longer match the files. Agent text is made well-formed at the boundary instead (the agent
 * runner), and projection files are written well-formed (logs recorded before that fix).
 */

/** ES2024's native checks (Node 20 has them; the TypeScript lib in use may not declare them). */
type WellFormedString = string & { isWellFormed(): boolean; toWellFormed(): string };

/**
 * The string with every lone surrogate replaced by U+FFFD (itself when it has none). Native: it
 * runs over every projection file of every commit, where a regular-expression scan was measured
 * at 2 % of the coordinator's time.
 */
export function wellFormedText(text: string): string {
  const s = text as WellFormedString;
  return s.isWellFormed() ? text : s.toWellFormed();
}

/** A copy of a JSON-like value whose strings (keys included) are well-formed. */
export function wellFormed<T>(value: T): T {
  if (typeof value === 'string') return wellFormedText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => wellFormed(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[wellFormedText(k)] = wellFormed(v);
    return out as T;
  }
  return value;
}
