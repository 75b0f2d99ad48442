/**
 * In-memory event store: the same semantics as the file store (expectedVersion, contiguous seqs,
 * validation on append, ordered subscriptions), without durability. For tests and dry runs.
 * Nothing is ever torn (an append is all there or absent) and no other process can write, so
 * opening a stream for writing only tells its version; it lives nowhere durable (`location` is null).
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

class MemoryEventStore implements EventStore {
  /** Each stream as serialized lines, like the file store: nobody can mutate what it holds. */
  private readonly streamsById = new Map<string, string[]>();
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
    // Keep a private copy (its JSON line, cheaper than a structured clone): callers may not mutate
    // what the store holds. Listeners get the appended events themselves.
    if (!this.streamsById.has(stream)) this.streamsById.set(stream, log);
    for (const e of prepared) log.push(JSON.stringify(e));
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
      yield log.slice(start - 1, end).map((line) => toEvent(JSON.parse(line)));
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
