/**
 * A fast path for `parseEvent` on the replay hot path. Each event type's zod data schema is
 * compiled once into plain validating functions, for the subset of zod the catalogue uses (object,
 * string, number, boolean, enum, literal, nullable, optional, default, array, record, union,
 * unknown, with the checks int, >, <, min/max length and regex). A fast accept yields exactly what
 * `parseEvent` returns (same values, same key order); anything else — an unsupported schema, an
 * unknown key, an older version to upcast, any failure — goes through `parseEvent` itself, so
 * errors and edge cases keep zod's exact behaviour.
 *
 * To spare the garbage collector, a value that needs no change (keys already in schema order, no
 * default to fill in) is returned as is instead of copied: callers must own what they pass in (the
 * reader passes fresh `JSON.parse` results).
 */
import type { z } from 'zod';
import { CANONICAL_TS, eventCatalog, parseEvent, type DomainEvent } from '../events.js';

const FAIL: unique symbol = Symbol('fail');
type Fn = (value: unknown) => unknown;

interface Def {
  type: string;
  checks?: { _zod: { def: Record<string, unknown> } }[];
  [key: string]: unknown;
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Compiles the checks of a string/number/array schema into one predicate, or undefined. */
function compileChecks(def: Def): ((v: never) => boolean) | undefined {
  const preds: ((v: never) => boolean)[] = [];
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'number_format' && c.format === 'safeint') {
      preds.push((v: number) => Number.isSafeInteger(v));
    } else if (c.check === 'greater_than' && typeof c.value === 'number') {
      const { value, inclusive } = c;
      preds.push(inclusive ? (v: number) => v >= value : (v: number) => v > value);
    } else if (c.check === 'less_than' && typeof c.value === 'number') {
      const { value, inclusive } = c;
      preds.push(inclusive ? (v: number) => v <= value : (v: number) => v < value);
    } else if (c.check === 'min_length' && typeof c.minimum === 'number') {
      const min = c.minimum;
      preds.push((v: { length: number }) => v.length >= min);
    } else if (c.check === 'max_length' && typeof c.maximum === 'number') {
      const max = c.maximum;
      preds.push((v: { length: number }) => v.length <= max);
    } else if (c.check === 'string_format' && c.format === 'regex' && c.pattern instanceof RegExp) {
      const pattern = c.pattern;
      preds.push((v: string) => {
        pattern.lastIndex = 0;
        return pattern.test(v);
      });
    } else {
      return undefined;
    }
  }
  return (v: never) => preds.every((p) => p(v));
}

/** Compiles a zod schema into a function returning its parsed value or FAIL; undefined if unsupported. */
function compile(schema: unknown): Fn | undefined {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
    case 'number':
    case 'boolean': {
      const ok = compileChecks(def);
      if (!ok) return undefined;
      const t = def.type;
      if (!def.checks?.length) return (v) => (typeof v === t ? v : FAIL);
      return (v) => (typeof v === t && ok(v as never) ? v : FAIL);
    }
    case 'enum': {
      const values = new Set(Object.values(def.entries as Record<string, unknown>));
      return (v) => (values.has(v) ? v : FAIL);
    }
    case 'literal': {
      const values = new Set(def.values as unknown[]);
      return (v) => (values.has(v) ? v : FAIL);
    }
    case 'unknown':
    case 'any':
      return (v) => v;
    case 'nullable': {
      const inner = compile(def.innerType);
      return inner && ((v) => (v === null ? null : inner(v)));
    }
    case 'optional': {
      const inner = compile(def.innerType);
      return inner && ((v) => (v === undefined ? undefined : inner(v)));
    }
    case 'default': {
      const inner = compile(def.innerType);
      return inner && ((v) => (v === undefined ? def.defaultValue : inner(v)));
    }
    case 'array': {
      const element = compile(def.element);
      const ok = compileChecks(def);
      if (!element || !ok) return undefined;
      return (v) => {
        if (!Array.isArray(v) || !ok(v as never)) return FAIL;
        let out: unknown[] | undefined;
        for (let i = 0; i < v.length; i++) {
          const item: unknown = v[i];
          const parsed = element(item);
          if (parsed === FAIL) return FAIL;
          if (out) out[i] = parsed;
          else if (parsed !== item) {
            out = v.slice(0, i);
            out[i] = parsed;
          }
        }
        return out ?? (v as unknown[]);
      };
    }
    case 'union': {
      const options = (def.options as unknown[]).map(compile);
      if (options.some((o) => !o)) return undefined;
      const fns = options as Fn[];
      return (v) => {
        for (const fn of fns) {
          const out = fn(v);
          if (out !== FAIL) return out;
        }
        return FAIL;
      };
    }
    case 'record':
      return compileRecord(def);
    case 'object':
      return compileObject(def);
    default:
      return undefined;
  }
}

function compileRecord(def: Def): Fn | undefined {
  const key = defOf(def.keyType);
  const value = compile(def.valueType);
  if (key.type !== 'string' || key.checks?.length || !value) return undefined;
  return (v) => {
    if (!isPlainObject(v)) return FAIL;
    let changed = false;
    for (const k in v) {
      if (k === '__proto__') return FAIL;
      const item = v[k];
      const parsed = value(item);
      if (parsed === FAIL) return FAIL;
      if (parsed !== item) changed = true;
    }
    if (!changed) return v;
    const out: Record<string, unknown> = {};
    for (const k in v) out[k] = value(v[k]);
    return out;
  };
}

interface Field {
  key: string;
  fn: Fn;
  /** 'optional': absent stays absent; 'default': absent gets the default; 'required'. */
  absent: 'optional' | 'default' | 'required';
}

function compileObject(def: Def): Fn | undefined {
  if (def.catchall !== undefined) return undefined;
  const fields: Field[] = [];
  for (const [key, schema] of Object.entries(def.shape as Record<string, z.ZodType>)) {
    const fn = compile(schema);
    if (!fn) return undefined;
    const t = defOf(schema).type;
    fields.push({
      key,
      fn,
      absent: t === 'optional' ? 'optional' : t === 'default' ? 'default' : 'required',
    });
  }
  const index = new Map(fields.map((f, i) => [f.key, i]));
  /** A copy of the fields before `end` (unchanged so far), in schema order. */
  const copyBefore = (v: Record<string, unknown>, end: number) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < end; i++) {
      const key = (fields[i] as Field).key;
      if (v[key] !== undefined) out[key] = v[key];
    }
    return out;
  };
  return (v) => {
    if (!isPlainObject(v)) return FAIL;
    let last = -1;
    let ordered = true;
    for (const k in v) {
      const i = index.get(k);
      if (i === undefined) return FAIL;
      if (i < last) ordered = false;
      last = i;
    }
    let out: Record<string, unknown> | undefined = ordered ? undefined : {};
    for (let i = 0; i < fields.length; i++) {
      const { key, fn, absent } = fields[i] as Field;
      const value = v[key];
      if (value === undefined) {
        if (absent === 'required' || key in v) return FAIL;
        if (absent === 'default') {
          out ??= copyBefore(v, i);
          out[key] = fn(undefined);
        }
        continue;
      }
      const parsed = fn(value);
      if (parsed === FAIL) return FAIL;
      if (out) out[key] = parsed;
      else if (parsed !== value) {
        out = copyBefore(v, i);
        out[key] = parsed;
      }
    }
    return out ?? v;
  };
}

interface Compiled {
  v: number;
  data: Fn;
}

const compiled = new Map<string, Compiled>();
for (const [type, def] of Object.entries(eventCatalog)) {
  const data = compile(def.data);
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
    !CANONICAL_TS.test(ts) ||
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
