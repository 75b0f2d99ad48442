/**
 * In-memory event store: the same semantics as the file store (expectedVersion, contiguous seqs,
 * validation on append, ordered subscriptions), without durability. For tests and dry runs.
 * Nothing is ever torn (an append is all there or absent) and no other process can write, so
 * opening a stream for writing only tells its version; it lives nowhere durable (`location` is null).
 *
 * The store keeps the appended events themselves, deep-frozen, instead of a copy: an event is a
 * fact, and nobody (the appender, a listener, a reader) can change what the store holds. Appending
 * hands the event over: its objects are frozen in place.
 */
import type { DomainEvent } from '../events.js';
import { parseEvent, trustEvent } from '../events.js';
import { prepareAppend } from './append-check.js';
import type {
  AppendResult,
  EventStore,
  ExpectedVersion,
  OpenedStream,
  ReadOptions,
  StreamListener,
} from '../ports.js';

/** Options of {@link createMemoryEventStore}. */
export interface MemoryEventStoreOptions {
  /** Validate every appended event with `parseEvent` (default true). */
  validateOnAppend?: boolean;
  /** Events per batch yielded by `read` (default 1000). */
  readBatchSize?: number;
}

/** Freezes a JSON-like value and everything in it (a frozen part is already done). */
function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (const item of value) deepFreeze(item);
    return;
  }
  for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
}

class MemoryEventStore implements EventStore {
  /** Each stream's events, deep-frozen: nobody can mutate what it holds. */
  private readonly streamsById = new Map<string, DomainEvent[]>();
  private readonly listeners = new Map<string, Set<StreamListener>>();
  private readonly validate: boolean;
  private readonly batchSize: number;

  constructor(options: MemoryEventStoreOptions) {
    this.validate = options.validateOnAppend ?? true;
    this.batchSize = options.readBatchSize ?? 1000;
  }

  async openWriter(stream: string): Promise<OpenedStream> {
    return { version: this.streamsById.get(stream)?.length ?? 0 };
  }

  location(): string | null {
    return null;
  }

  async append(
    stream: string,
    events: readonly DomainEvent[],
    options: { expectedVersion: ExpectedVersion },
  ): Promise<AppendResult> {
    const log = this.streamsById.get(stream) ?? [];
    const prepared = prepareAppend(
      stream,
      events,
      options.expectedVersion,
      log.length,
      this.validate,
    );
    if (prepared.length === 0) return { version: log.length };
    // Frozen in place rather than copied: nobody may mutate what the store holds, and a copy per
    // event costs more than the freeze. Listeners get the appended events themselves.
    if (!this.streamsById.has(stream)) this.streamsById.set(stream, log);
    for (const e of prepared) {
      deepFreeze(e);
      log.push(e);
    }
    const set = this.listeners.get(stream);
    if (set) for (const listener of [...set]) listener(prepared);
    return { version: log.length };
  }

  async *read(stream: string, options: ReadOptions = {}): AsyncIterable<readonly DomainEvent[]> {
    const log = this.streamsById.get(stream);
    if (!log) return;
    const from = Math.max(1, options.from ?? 1);
    const to = Math.min(log.length, options.to ?? log.length);
    const toEvent = options.trusted ? trustEvent : parseEvent;
    for (let start = from; start <= to; start += this.batchSize) {
      const end = Math.min(to, start + this.batchSize - 1);
      yield log.slice(start - 1, end).map(toEvent);
    }
  }

  async version(stream: string): Promise<number> {
    return this.streamsById.get(stream)?.length ?? 0;
  }

  async streams(): Promise<string[]> {
    return [...this.streamsById.keys()].sort();
  }

  subscribe(stream: string, listener: StreamListener): () => void {
    let set = this.listeners.get(stream);
    if (!set) this.listeners.set(stream, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}

/** Creates an in-memory {@link EventStore}. */
export function createMemoryEventStore(options: MemoryEventStoreOptions = {}): EventStore {
  return new MemoryEventStore(options);
}
