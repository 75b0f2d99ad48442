/**
 * Lone UTF-16 surrogates (a JSON `"\ud800"` escape in an agent's output) cannot be written as
 * UTF-8: they would reach the files as U+FFFD while the log keeps the escape, and a replay would
 * no longer match the files. Agent text is made well-formed at the boundary instead (the agent
 * runner), and projection files are written well-formed (logs recorded before that fix).
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ANY_SURROGATE = /[\uD800-\uDFFF]/;

/** The string with every lone surrogate replaced by U+FFFD (itself when it has none). */
export function wellFormedText(text: string): string {
  return ANY_SURROGATE.test(text) ? text.replace(LONE_SURROGATE, '\uFFFD') : text;
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
