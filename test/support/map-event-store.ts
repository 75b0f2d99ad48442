/**
 * A third event store, for tests only: it exposes nothing but the {@link EventStore} port (every
 * other member is `#private`), so whatever the runtime does with it, it does through the port.
 *
 * Its "disk" is a `Map` of stream id → records (one JSON text per event) that the test owns and
 * hands to each new instance, the way a restarted process finds the same files. It can be told to
 * die: the first append whose batch matches `crashWhen` writes half its records, the last one torn
 * (cut mid-JSON), and throws; every later call throws too, as a killed process does nothing more.
 * A new instance over the same map then finds the torn record when it opens the stream for
 * writing, cuts it and reports it.
 */
import { prepareAppend } from '../../src/adapters/append-check.js';
import { WriterClosedError } from '../../src/errors.js';
import { parseEvent, trustEvent, type DomainEvent } from '../../src/events.js';
import type {
  AppendResult,
  EventStore,
  ExpectedVersion,
  OpenedStream,
  ReadOptions,
  StreamListener,
} from '../../src/ports.js';

/** Options of {@link MapEventStore}. */
export interface MapEventStoreOptions {
  /** Validate appended events (default true). */
  validateOnAppend?: boolean;
  /** The append to die in: the first whose batch this returns true for. */
  crashWhen?: (events: readonly DomainEvent[]) => boolean;
}

/** Thrown by the append a {@link MapEventStore} dies in, and by every call after it. */
export class StoreCrashedError extends Error {
  constructor() {
    super('map event store: the process died mid-append');
    this.name = 'StoreCrashedError';
  }
}

/** The records that are whole events (a torn last record is not one). */
function wholeCount(records: readonly string[]): number {
  const last = records.at(-1);
  if (last === undefined) return 0;
  try {
    JSON.parse(last);
    return records.length;
  } catch (_torn) {
    return records.length - 1;
  }
}

/** An {@link EventStore} over a `Map` the test owns; see the module comment. */
export class MapEventStore implements EventStore {
  readonly #disk: Map<string, string[]>;
  readonly #options: MapEventStoreOptions;
  readonly #open = new Set<string>();
  readonly #listeners = new Map<string, Set<StreamListener>>();
  #dead = false;
  #closed = false;

  constructor(disk: Map<string, string[]>, options: MapEventStoreOptions = {}) {
    this.#disk = disk;
    this.#options = options;
  }

  #alive(): void {
    if (this.#dead) throw new StoreCrashedError();
  }

  async openWriter(stream: string): Promise<OpenedStream> {
    this.#alive();
    if (this.#closed) throw new WriterClosedError('map event store is closed');
    const records = this.#disk.get(stream) ?? [];
    if (this.#open.has(stream)) return { version: records.length };
    this.#open.add(stream);
    const whole = wholeCount(records);
    if (whole === records.length) return { version: whole };
    const torn = records.pop() as string;
    return {
      version: whole,
      truncated: { file: this.location(stream), line: whole + 1, bytes: Buffer.byteLength(torn) },
    };
  }

  async append(
    stream: string,
    events: readonly DomainEvent[],
    options: { expectedVersion: ExpectedVersion },
  ): Promise<AppendResult> {
    await this.openWriter(stream);
    this.#alive();
    const records = this.#disk.get(stream) ?? [];
    const validate = this.#options.validateOnAppend ?? true;
    const prepared = prepareAppend(
      stream,
      events,
      options.expectedVersion,
      records.length,
      validate,
    );
    if (prepared.length === 0) return { version: records.length };
    this.#disk.set(stream, records);
    if (this.#options.crashWhen?.(prepared)) {
      this.#dead = true;
      const half = prepared.slice(0, Math.floor(prepared.length / 2));
      for (const e of half) records.push(JSON.stringify(e));
      const next = prepared[half.length] as DomainEvent;
      records.push(JSON.stringify(next).slice(0, 20));
      throw new StoreCrashedError();
    }
    for (const e of prepared) records.push(JSON.stringify(e));
    for (const listener of [...(this.#listeners.get(stream) ?? [])]) listener(prepared);
    return { version: records.length };
  }

  async *read(stream: string, options: ReadOptions = {}): AsyncIterable<readonly DomainEvent[]> {
    this.#alive();
    const records = this.#disk.get(stream) ?? [];
    const whole = wholeCount(records);
    const from = Math.max(1, options.from ?? 1);
    const to = Math.min(whole, options.to ?? whole);
    const toEvent = options.trusted ? trustEvent : parseEvent;
    if (from <= to) yield records.slice(from - 1, to).map((r) => toEvent(JSON.parse(r)));
  }

  async version(stream: string): Promise<number> {
    this.#alive();
    return wholeCount(this.#disk.get(stream) ?? []);
  }

  async streams(): Promise<string[]> {
    this.#alive();
    return [...this.#disk.keys()].sort();
  }

  location(stream: string): string {
    return `map:${stream}`;
  }

  subscribe(stream: string, listener: StreamListener): () => void {
    let set = this.#listeners.get(stream);
    if (!set) this.#listeners.set(stream, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#listeners.clear();
  }
}
