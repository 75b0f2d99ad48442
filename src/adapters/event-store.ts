/**
 * The event store contract. Every implementation (memory, JSONL file, later PostgreSQL) passes the
 * same contract test suite (`test/adapters/event-store.contract.ts`).
 *
 * Streams are sessions; events arrive already stamped by the runtime (`seq` = position in the
 * stream, 1-based). `append` is atomic per call and checks optimistic concurrency.
 */
import type { DomainEvent } from '../events.js';

/** Expected stream version for an append: a number (last seq), no stream yet, or any. */
export type ExpectedVersion = number | 'no-stream' | 'any';

/** Options of {@link EventStore.read}. */
export interface ReadOptions {
  /** First seq to return (inclusive, default 1). */
  from?: number;
  /** Last seq to return (inclusive, default: the end). */
  to?: number;
  /** Skip schema validation for a log this build wrote itself (upcasting still applies). */
  trusted?: boolean;
}

/** Result of an append. */
export interface AppendResult {
  /** The stream's version (last seq) after the append. */
  version: number;
}

/** Called with each committed batch, in order. */
export type StreamListener = (events: readonly DomainEvent[]) => void;

/** The event store port. */
export interface EventStore {
  /** Appends stamped events; their seqs must continue the stream. Durable when it resolves. */
  append(
    stream: string,
    events: readonly DomainEvent[],
    options: { expectedVersion: ExpectedVersion },
  ): Promise<AppendResult>;
  /** Reads a stream in order, in batches (validated unless `trusted`). */
  read(stream: string, options?: ReadOptions): AsyncIterable<readonly DomainEvent[]>;
  /** The stream's version: its last seq, 0 when it does not exist. */
  version(stream: string): Promise<number>;
  /** Every stream id in the store. */
  streams(): Promise<string[]>;
  /** Listens to committed batches of a stream; returns the unsubscribe function. */
  subscribe(stream: string, listener: StreamListener): () => void;
  /** Flushes and releases writer locks. */
  close(): Promise<void>;
}

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
