/**
 * The building block of the event catalogue: a type name, its current schema version and the zod
 * schema of its `data`. Per-aggregate files (`src/events/*.events.ts`) declare their events with
 * {@link defineEvents}; `src/events.ts` merges them into one registry.
 */
import type { z } from 'zod';

/** One event type: name, current version, data schema. */
export interface EventDefinition<T extends string = string, S extends z.ZodType = z.ZodType> {
  readonly type: T;
  readonly v: number;
  readonly data: S;
  /** One line of documentation, exported into the JSON Schema. */
  readonly description: string;
}

/** Declares a group of event types; each entry is `[version, description, dataSchema]`. */
export function defineEvents<const M extends Record<string, readonly [number, string, z.ZodType]>>(
  map: M,
): { [K in keyof M & string]: EventDefinition<K, M[K][2]> } {
  const out: Record<string, EventDefinition> = {};
  for (const [type, [v, description, data]] of Object.entries(map)) {
    out[type] = { type, v, description, data };
  }
  return out as { [K in keyof M & string]: EventDefinition<K, M[K][2]> };
}
