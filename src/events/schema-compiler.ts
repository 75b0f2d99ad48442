/**
 * Compiles a zod schema of event data into a plain validating function, for the subset of zod the
 * catalogue uses (object, string, number, boolean, enum, literal, nullable, optional, default,
 * array, record, union, unknown, with the checks int, >, <, min/max length and regex). The zod
 * schema stays the source of truth: a compiled function either yields exactly what zod's parse
 * yields (same values, same key order) or {@link FAIL}, and the caller then asks zod itself, so
 * errors and edge cases keep zod's exact behaviour. A schema using anything else (a refinement, a
 * transform, an unknown check) does not compile at all.
 *
 * Only the plainest inputs are accepted: plain objects, finite numbers, no `undefined` under a
 * present key, and (for values a producer built, not `JSON.parse` results) no symbol key in a
 * record. A symbol key of an object schema is left where it is (zod drops it): invisible to JSON
 * and to every reader of the data. To spare the garbage collector, a value that needs no change
 * (keys already in schema order, no default to fill in) is returned as is instead of copied:
 * callers must not mutate what they pass in afterwards.
 */
import type { z } from 'zod';

/** What a compiled schema returns for a value it does not accept as is (zod decides then). */
export const FAIL: unique symbol = Symbol('fail');
/** A compiled schema: the parsed value, or {@link FAIL}. */
export type CompiledSchema = (value: unknown) => unknown;

type Fn = CompiledSchema;

interface Def {
  type: string;
  checks?: { _zod: { def: Record<string, unknown> } }[];
  [key: string]: unknown;
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/**
 * Where the values come from: `json` (fresh `JSON.parse` results: no symbol keys can occur) or
 * `live` (objects a producer built: a record with a symbol key is left to zod, which rejects it).
 */
export type ValueSource = 'json' | 'live';

/** A plain object (or one without prototype), as `JSON.parse` makes them. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
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
  if (preds.length === 1) return preds[0];
  return (v: never) => preds.every((p) => p(v));
}

/**
 * Compiles a zod schema into a function returning its parsed value or {@link FAIL}; undefined when
 * the schema uses something this compiler does not know.
 */
export function compileSchema(
  schema: unknown,
  source: ValueSource = 'json',
): CompiledSchema | undefined {
  const def = defOf(schema);
  // Checks are compiled for strings, numbers and arrays only; on anything else (a refinement of
  // an object, say) the schema is left to zod.
  const checked = def.type === 'string' || def.type === 'number' || def.type === 'array';
  if (!checked && def.checks?.length) return undefined;
  return compileType(def, source);
}

function compileType(def: Def, source: ValueSource): Fn | undefined {
  switch (def.type) {
    case 'string': {
      const ok = compileChecks(def);
      if (!ok) return undefined;
      if (!def.checks?.length) return (v) => (typeof v === 'string' ? v : FAIL);
      return (v) => (typeof v === 'string' && ok(v as never) ? v : FAIL);
    }
    case 'boolean':
      if (def.checks?.length) return undefined;
      return (v) => (typeof v === 'boolean' ? v : FAIL);
    case 'number': {
      // zod refuses NaN and ±Infinity (a log never holds them; a live producer might).
      const ok = compileChecks(def);
      if (!ok) return undefined;
      if (!def.checks?.length)
        return (v) => (typeof v === 'number' && Number.isFinite(v) ? v : FAIL);
      return (v) => (typeof v === 'number' && Number.isFinite(v) && ok(v as never) ? v : FAIL);
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
      const inner = compileSchema(def.innerType, source);
      return inner && ((v) => (v === null ? null : inner(v)));
    }
    case 'optional': {
      const inner = compileSchema(def.innerType, source);
      return inner && ((v) => (v === undefined ? undefined : inner(v)));
    }
    case 'default': {
      const inner = compileSchema(def.innerType, source);
      return inner && ((v) => (v === undefined ? def.defaultValue : inner(v)));
    }
    case 'array': {
      const element = compileSchema(def.element, source);
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
      const options = (def.options as unknown[]).map((o) => compileSchema(o, source));
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
      return compileRecord(def, source);
    case 'object':
      return compileObject(def, source);
    default:
      return undefined;
  }
}

function compileRecord(def: Def, source: ValueSource): Fn | undefined {
  const key = defOf(def.keyType);
  const value = compileSchema(def.valueType, source);
  if (key.type !== 'string' || key.checks?.length || !value) return undefined;
  const live = source === 'live';
  return (v) => {
    if (!isPlainObject(v)) return FAIL;
    // zod rejects a symbol key of a record (its key schema wants strings); JSON has none.
    if (live && Object.getOwnPropertySymbols(v).length > 0) return FAIL;
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

function compileObject(def: Def, source: ValueSource): Fn | undefined {
  if (def.catchall !== undefined) return undefined;
  const fields: Field[] = [];
  for (const [key, schema] of Object.entries(def.shape as Record<string, z.ZodType>)) {
    const fn = compileSchema(schema, source);
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
  const keys = fields.map((f) => f.key);
  const n = keys.length;
  return (v) => {
    if (!isPlainObject(v)) return FAIL;
    // Usually the keys come in schema order: one walk along the schema's keys, no lookup.
    let j = 0;
    let ordered = true;
    for (const k in v) {
      if (ordered) {
        while (j < n && keys[j] !== k) j++;
        if (j < n) {
          j++;
          continue;
        }
        ordered = false;
      }
      if (!index.has(k)) return FAIL;
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
