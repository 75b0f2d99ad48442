/**
 * Lone UTF-16 surrogates (a JSON `"\ud800"` escape in an agent's output) cannot be written as
 * UTF-8: they would reach the files as U+FFFD while the log keeps the escape, and a replay would
 * no longer match the files. Agent text is made well-formed at the boundary instead.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The string with every lone surrogate replaced by U+FFFD. */
export function wellFormedText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
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
