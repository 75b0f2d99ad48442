/**
 * A fast path for `parseEvent` on the replay hot path. Each event type's zod data schema is
 * compiled once into a plain validating function (`src/events/schema-compiler.ts`). A fast accept
 * yields exactly what `parseEvent` returns (same values, same key order); anything else — an
 * unsupported schema, an unknown key, an older version to upcast, any failure — goes through
 * `parseEvent` itself, so errors and edge cases keep zod's exact behaviour.
 *
 * To spare the garbage collector, a value that needs no change (keys already in schema order, no
 * default to fill in) is returned as is instead of copied: callers must own what they pass in (the
 * reader passes fresh `JSON.parse` results).
 */
import { CANONICAL_TS, eventCatalog, parseEvent, type DomainEvent } from '../events.js';
import {
  FAIL,
  compileSchema,
  isPlainObject,
  type CompiledSchema,
} from '../events/schema-compiler.js';

interface Compiled {
  v: number;
  data: CompiledSchema;
}

const compiled = new Map<string, Compiled>();
for (const [type, def] of Object.entries(eventCatalog)) {
  const data = compileSchema(def.data);
  if (data) compiled.set(type, { v: def.v, data });
}

/** Event types the fast path handles (the rest always go through zod). */
export function fastParsedTypes(): string[] {
  return [...compiled.keys()];
}

const ENVELOPE_KEYS = ['v', 'seq', 'ts', 'session', 'type', 'data', 'causation'];

/** True when `raw` has exactly the envelope keys, in the order `parseEvent` outputs them. */
function hasEnvelopeKeys(raw: Record<string, unknown>, withCausation: boolean): boolean {
  let i = 0;
  for (const k in raw) if (k !== ENVELOPE_KEYS[i++]) return false;
  return i === (withCausation ? 7 : 6);
}

const isPositiveInt = (n: unknown): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= 1;

/** The last timestamp found canonical: the events of one commit share theirs. */
let canonicalTs = '';

function isCanonicalTs(ts: string): boolean {
  if (ts === canonicalTs) return true;
  if (!CANONICAL_TS.test(ts)) return false;
  canonicalTs = ts;
  return true;
}

/**
 * The fast path alone: the parsed event when every rule is checked without zod, undefined when the
 * event needs `parseEvent` (unsupported schema, unknown key, upcast, or any failure).
 */
export function tryFastParse(raw: unknown): DomainEvent | undefined {
  if (!isPlainObject(raw)) return undefined;
  const type = raw.type;
  const entry = typeof type === 'string' ? compiled.get(type) : undefined;
  const { seq, ts, session, causation } = raw;
  if (
    entry === undefined ||
    raw.v !== entry.v ||
    !isPositiveInt(seq) ||
    typeof ts !== 'string' ||
    !isCanonicalTs(ts) ||
    typeof session !== 'string' ||
    session.length === 0 ||
    (causation !== undefined && !isPositiveInt(causation)) ||
    !('data' in raw)
  ) {
    return undefined;
  }
  const data = entry.data(raw.data);
  if (data === FAIL) return undefined;
  if (data === raw.data && hasEnvelopeKeys(raw, causation !== undefined)) {
    return raw as unknown as DomainEvent;
  }
  const out: Record<string, unknown> = { v: entry.v, seq, ts, session, type, data };
  if (causation !== undefined) out.causation = causation;
  return out as unknown as DomainEvent;
}

/** Same result as `parseEvent(raw)` (and the same errors), faster for the common case. */
export function fastParseEvent(raw: unknown): DomainEvent {
  return tryFastParse(raw) ?? parseEvent(raw);
}
