/**
 * The event envelope, the catalogue of every event type, validation and upcasting.
 *
 * Envelope: `{v, seq, ts, session, type, data, causation?}`. `v` is the schema version of `type`'s
 * data; older versions are upcast at read time, so recorded logs are never rewritten.
 */
import { z } from 'zod';
import { EventValidationError } from './errors.js';
import type { EventDefinition } from './events/event-definition.js';
import { agentEvents } from './events/agent.events.js';
import { autopilotEvents } from './events/autopilot.events.js';
import { budgetEvents } from './events/budget.events.js';
import { carryoverEvents } from './events/carryover.events.js';
import { forkEvents } from './events/fork.events.js';
import { gateEvents } from './events/gate.events.js';
import { gitEvents } from './events/git.events.js';
import { journalEvents } from './events/journal.events.js';
import { missionEvents } from './events/mission.events.js';
import { scopeEvents } from './events/scope.events.js';
import { sessionEvents } from './events/session.events.js';
import { supervisionEvents } from './events/supervision.events.js';
import { waveEvents } from './events/wave.events.js';
import { worktreeEvents } from './events/worktree.events.js';
import { upcast } from './upcasters.js';
import { FAIL, compileSchema, type CompiledSchema } from './events/schema-compiler.js';

/** Every event type of the domain, by name. */
export const eventCatalog = {
  ...sessionEvents,
  ...waveEvents,
  ...agentEvents,
  ...missionEvents,
  ...gateEvents,
  ...scopeEvents,
  ...journalEvents,
  ...forkEvents,
  ...supervisionEvents,
  ...gitEvents,
  ...worktreeEvents,
  ...budgetEvents,
  ...carryoverEvents,
  ...autopilotEvents,
};

type Catalog = typeof eventCatalog;
/** Name of an event type, e.g. `agent.finished`. */
export type EventType = keyof Catalog;
/** The (parsed, defaults applied) data of an event type. */
export type EventData<T extends EventType> = z.output<Catalog[T]['data']>;
/** The data of an event type as a producer may write it (defaults optional). */
export type EventDataInput<T extends EventType> = z.input<Catalog[T]['data']>;

/** Canonical UTC timestamp with millisecond precision, as every file we write uses. */
export const CANONICAL_TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The envelope fields every event carries. */
export interface Envelope {
  /** Schema version of this event type's data. */
  v: number;
  /** 1-based position in its stream. */
  seq: number;
  /** When the runtime stamped it (canonical UTC). */
  ts: string;
  /** The session (stream) id. */
  session: string;
  /** `seq` of the event that caused this one. */
  causation?: number;
}

/** A stamped, validated event of the domain: a discriminated union on `type`. */
export type DomainEvent = {
  [T in EventType]: Envelope & { type: T; data: EventData<T> };
}[EventType];

/** The event of one type. */
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

/** An event before the runtime stamps `v`, `seq`, `ts` and `session` on it. */
export type NewEvent = {
  [T in EventType]: { type: T; data: EventDataInput<T>; causation?: number };
}[EventType];

/** Builds an unstamped event with type-checked data. */
export function newEvent<T extends EventType>(
  type: T,
  data: EventDataInput<T>,
  causation?: number,
): NewEvent {
  return (causation === undefined ? { type, data } : { type, data, causation }) as NewEvent;
}

const definitions: ReadonlyMap<string, EventDefinition> = new Map(
  Object.entries(eventCatalog as Record<string, EventDefinition>),
);

/** True when `type` names an event of the catalogue. */
export function isEventType(type: string): type is EventType {
  return definitions.has(type);
}

/** Current schema version of an event type. */
export function currentVersion(type: EventType): number {
  return (definitions.get(type) as EventDefinition).v;
}

function describeZod(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length ? i.path.join('.') : '(data)'}: ${i.message}`)
    .join('; ');
}

/** Each type's data schema compiled for live values (null: left to zod), built on first use. */
const liveCompiled = new Map<string, CompiledSchema | null>();

function liveSchemaOf(type: string, def: EventDefinition): CompiledSchema | null {
  let fn = liveCompiled.get(type);
  if (fn === undefined) {
    fn = compileSchema(def.data, 'live') ?? null;
    liveCompiled.set(type, fn);
  }
  return fn;
}

/**
 * Validates `data` against the current schema of `type`; returns the parsed data. Plain data
 * takes a compiled fast path (`src/events/schema-compiler.ts`) that accepts exactly what the zod
 * schema accepts; anything else, and every error, comes from zod. The result may be `data`
 * itself when it is already in its parsed form (keys in schema order, no default to fill in):
 * mutate neither afterwards.
 */
export function validateEventData<T extends EventType>(type: T, data: unknown): EventData<T> {
  const def = definitions.get(type);
  if (!def) throw new EventValidationError(type, `unknown event type "${type}"`);
  const fast = liveSchemaOf(type, def);
  if (fast !== null) {
    const out = fast(data);
    if (out !== FAIL) return out as EventData<T>;
  }
  const result = def.data.safeParse(data);
  if (!result.success) throw new EventValidationError(type, describeZod(result.error));
  return result.data as EventData<T>;
}

function fail(type: string, details: string): never {
  throw new EventValidationError(type || '(untyped)', details);
}

/** Checks the envelope fields of a raw record; returns it typed loosely. */
function checkEnvelope(raw: unknown): Envelope & { type: string; data: unknown } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    fail('', 'an event must be a JSON object');
  }
  const r = raw as Record<string, unknown>;
  const type = typeof r.type === 'string' ? r.type : '';
  if (!type) fail('', 'missing "type"');
  if (!Number.isInteger(r.v) || (r.v as number) < 1) fail(type, '"v" must be a positive integer');
  if (!Number.isInteger(r.seq) || (r.seq as number) < 1) {
    fail(type, '"seq" must be a positive integer');
  }
  if (typeof r.ts !== 'string' || !CANONICAL_TS.test(r.ts)) {
    fail(type, '"ts" must be a canonical UTC timestamp (YYYY-MM-DDTHH:MM:SS.sssZ)');
  }
  if (typeof r.session !== 'string' || r.session.length === 0) {
    fail(type, '"session" must be a non-empty string');
  }
  if (
    r.causation !== undefined &&
    (!Number.isInteger(r.causation) || (r.causation as number) < 1)
  ) {
    fail(type, '"causation" must be a positive integer');
  }
  if (!('data' in r)) fail(type, 'missing "data"');
  return r as unknown as Envelope & { type: string; data: unknown };
}

/**
 * The parsed data with the top-level keys of the logged data that its schema does not know kept
 * as they were (after the known ones): a key written by a newer build, or by hand, is never
 * dropped silently on read; the machines and projections ignore it.
 */
function withUnknownKeys(logged: unknown, parsed: unknown): unknown {
  if (typeof logged !== 'object' || logged === null || Array.isArray(logged)) return parsed;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return parsed;
  let out: Record<string, unknown> | null = null;
  for (const [key, value] of Object.entries(logged)) {
    if (key in parsed) continue;
    out ??= { ...(parsed as Record<string, unknown>) };
    out[key] = value;
  }
  return out ?? parsed;
}

/**
 * Validates a raw record read from a log: envelope, known type, known version (upcast to the
 * current one), then the data schema. Throws {@link EventValidationError} with a clear reason.
 */
export function parseEvent(raw: unknown): DomainEvent {
  const env = checkEnvelope(raw);
  const def = definitions.get(env.type);
  if (!def) fail(env.type, `unknown event type "${env.type}"`);
  let { v, data } = env;
  if (v < def.v) {
    try {
      data = upcast(env.type, v, def.v, data);
    } catch (error) {
      fail(env.type, (error as Error).message);
    }
    v = def.v;
  }
  if (v > def.v) {
    fail(env.type, `version ${v} is newer than this build knows (${def.v})`);
  }
  const result = def.data.safeParse(data);
  if (!result.success) fail(env.type, describeZod(result.error));
  const out: Record<string, unknown> = {
    v,
    seq: env.seq,
    ts: env.ts,
    session: env.session,
    type: env.type,
    data: withUnknownKeys(data, result.data),
  };
  if (env.causation !== undefined) out.causation = env.causation;
  return out as unknown as DomainEvent;
}

/**
 * The trusted fast path: a record this build wrote itself, read back without schema validation.
 * Upcasting still applies.
 */
export function trustEvent(raw: unknown): DomainEvent {
  const r = raw as DomainEvent;
  const def = definitions.get(r.type);
  if (def && r.v < def.v) return parseEvent(raw);
  return r;
}

/** JSON Schema (draft 2020-12) of every event type's full envelope, keyed by type. */
export function eventJsonSchemas(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [type, def] of definitions) {
    const schema = z
      .object({
        v: z.literal(def.v),
        seq: z.number().int().positive(),
        ts: z.string().regex(CANONICAL_TS),
        session: z.string().min(1),
        type: z.literal(type),
        data: def.data,
        causation: z.number().int().positive().optional(),
      })
      .describe(def.description);
    out[type] = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  }
  return out;
}
