/**
 * Helpers over the {@link EventStore} port (declared in `src/ports.ts` with the other ports).
 * Every implementation (memory, JSONL file, later PostgreSQL) passes the same contract test suite
 * (`test/adapters/event-store.contract.ts`).
 */
import type { DomainEvent } from '../events.js';
import type { EventStore, ReadOptions } from '../ports.js';

/** Reads a whole stream into an array (convenience for tests and small logs). */
export async function readAll(
  store: EventStore,
  stream: string,
  options?: ReadOptions,
): Promise<DomainEvent[]> {
  const out: DomainEvent[] = [];
  for await (const batch of store.read(stream, options)) for (const e of batch) out.push(e);
  return out;
}
