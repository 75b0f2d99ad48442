import { describe, expect, it } from 'vitest';
import {
  fastParseEvent,
  fastParsedTypes,
  tryFastParse,
} from '../../src/adapters/jsonl-fast-parse.js';
import {
  currentVersion,
  eventCatalog,
  eventJsonSchemas,
  parseEvent,
  type EventType,
} from '../../src/events.js';

type Schema = Record<string, unknown> & {
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
};

const PATTERN_CANDIDATES = ['m-1', 'M-1', 'a', 'A1', 'm1', 'x-1', '1'];

/** A valid sample of a JSON Schema: every property (`full`) or only the required ones. */
function sample(s: Schema, full: boolean): unknown {
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[full ? s.enum.length - 1 : 0];
  if (s.anyOf) return sample(s.anyOf[full ? 0 : s.anyOf.length - 1] as Schema, full);
  if (s.oneOf) return sample(s.oneOf[full ? 0 : s.oneOf.length - 1] as Schema, full);
  if (Array.isArray(s.type))
    return sample({ ...s, type: s.type[full ? 0 : s.type.length - 1] }, full);
  switch (s.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, p] of Object.entries(s.properties ?? {})) {
        if (full || s.required?.includes(k)) out[k] = sample(p, full);
      }
      if (typeof s.additionalProperties === 'object') {
        out.extra = sample(s.additionalProperties, full);
        out['1'] = sample(s.additionalProperties, full);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(Number(s.minItems ?? 0), full ? 2 : 0) }, () =>
        sample(s.items as Schema, full),
      );
    case 'string': {
      if (typeof s.pattern === 'string') {
        const re = new RegExp(s.pattern);
        return PATTERN_CANDIDATES.find((c) => re.test(c)) ?? 'no-candidate';
      }
      return 'x'.repeat(Math.max(full ? 3 : 0, Number(s.minLength ?? 0)));
    }
    case 'integer':
    case 'number': {
      if (typeof s.minimum === 'number') return s.minimum + (full ? 2 : 0);
      if (typeof s.exclusiveMinimum === 'number') return s.exclusiveMinimum + 1;
      return full ? -3 : 0;
    }
    case 'boolean':
      return full;
    case 'null':
      return null;
    default:
      return { nested: [1, 'a', null, { deep: true }] };
  }
}

const schemas = eventJsonSchemas() as Record<string, Schema>;
const envelope = (type: string, data: unknown) => ({
  v: currentVersion(type as EventType),
  seq: 3,
  ts: '2026-11-24T09:00:00.000Z',
  session: 's-1',
  type,
  data,
  causation: 2,
});

/** Variations of valid data: each top-level key removed, retyped, nulled; an unknown key added. */
function* mutations(data: Record<string, unknown>): Generator<unknown> {
  yield { ...data, unknownKey: 1 };
  yield Object.fromEntries(Object.entries(data).reverse());
  for (const key of Object.keys(data)) {
    const rest = { ...data };
    delete rest[key];
    yield rest;
    for (const bad of [null, 12345, -1, 1.5, 'str', '', [], {}, true])
      yield { ...data, [key]: bad };
  }
}

function outcome(fn: () => unknown): string {
  try {
    return `ok ${JSON.stringify(fn())}`;
  } catch (error) {
    return `error ${(error as Error).message}`;
  }
}

describe('fast event parsing', () => {
  it('covers every event type of the catalogue', () => {
    expect(fastParsedTypes().sort()).toEqual(Object.keys(eventCatalog).sort());
  });

  it.each(Object.keys(eventCatalog))('%s: fast accept ⇒ identical to parseEvent', (type) => {
    const schema = (schemas[type] as Schema).properties?.data as Schema;
    for (const full of [true, false]) {
      const data = sample(schema, full) as Record<string, unknown>;
      const raw = envelope(type, data);
      // Valid samples take the fast path and give parseEvent's exact result (values, key order).
      const fast = tryFastParse(structuredClone(raw));
      expect(fast, `${type} ${JSON.stringify(data)}`).toBeDefined();
      expect(JSON.stringify(fast)).toBe(JSON.stringify(parseEvent(structuredClone(raw))));
      const { data: d, ...rest } = raw;
      const reordered = { data: d, ...rest };
      expect(JSON.stringify(fastParseEvent(structuredClone(reordered)))).toBe(
        JSON.stringify(parseEvent(structuredClone(reordered))),
      );
      for (const mutated of mutations(data)) {
        const m = envelope(type, mutated);
        const accepted = tryFastParse(structuredClone(m));
        const slow = outcome(() => parseEvent(structuredClone(m)));
        if (accepted !== undefined) expect(`ok ${JSON.stringify(accepted)}`).toBe(slow);
        expect(outcome(() => fastParseEvent(structuredClone(m)))).toBe(slow);
      }
    }
  });

  it('leaves envelope problems, unknown types and versions to parseEvent', () => {
    const good = envelope('heartbeat.recorded', { wave: 1 });
    const cases: unknown[] = [
      null,
      [good],
      { ...good, v: 2 },
      { ...good, type: 'nope.happened' },
      { ...good, ts: '2026-11-24T09:00:00Z' },
      { ...good, seq: 0 },
      { ...good, session: '' },
      { ...good, causation: 0 },
      { v: 1, seq: 1, ts: good.ts, session: 's', type: 'heartbeat.recorded' },
    ];
    for (const raw of cases) {
      expect(tryFastParse(raw)).toBeUndefined();
      expect(outcome(() => fastParseEvent(raw))).toBe(outcome(() => parseEvent(raw)));
    }
  });
});
