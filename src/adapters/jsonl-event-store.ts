/**
 * The embedded default event store: one JSONL file per stream, `<dir>/<stream>.jsonl`, one JSON
 * envelope per line (key order `v, seq, ts, session, type, data, causation`).
 *
 * - One writer per stream across processes (see `jsonl-lock.ts`); a second one gets a
 *   {@link ConcurrencyError} naming the stream and the holder. `close()` releases the locks.
 * - Group commit (see `jsonl-writer.ts`): one write + one fdatasync per batch of appends.
 * - Opening the writer (explicitly with `openWriter`, or on the first append) cuts a torn last line
 *   off and reports it, so the runtime can append a `log.truncated` event.
 * - `read` streams the file in chunks; corrupt lines throw {@link CorruptLogError} (see
 *   `jsonl-reader.ts`).
 */
import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, ftruncateSync } from 'node:fs';
import { fdatasyncSync, existsSync } from 'node:fs';
import { readdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { asError, EventValidationError, WriterClosedError } from '../errors.js';
import type { DomainEvent } from '../events.js';
import { prepareAppend } from './append-check.js';
import type {
  AppendResult,
  EventStore,
  ExpectedVersion,
  OpenedStream,
  StreamListener,
  TornTail,
} from '../ports.js';
import { acquireWriterLock } from './jsonl-lock.js';
import { LogReader, readLogFile, type LogReadOptions } from './jsonl-reader.js';
import { serializeEvents } from './jsonl-serialize.js';
import { inspectTail } from './jsonl-tail.js';
import { JsonlStreamWriter } from './jsonl-writer.js';

/** Options of {@link createJsonlEventStore}. */
export interface JsonlEventStoreOptions {
  /** Directory of the stream files, e.g. `<repo>/.orchestrator/log`. */
  dir: string;
  /** Validate every appended event with `parseEvent` (default true). */
  validateOnAppend?: boolean;
  /** Most events per group commit (default 1000; one append is never split). */
  maxBatchEvents?: number;
  /** Told when opening a writer cut a torn tail off (also returned by `openWriter`). */
  onTruncated?: (stream: string, torn: TornTail) => void;
  /** Gets errors thrown by subscribers (default: rethrown asynchronously). */
  onListenerError?: (error: unknown, stream: string) => void;
}

/** The JSONL file event store. */
export interface JsonlEventStore extends EventStore {
  /** The directory of the stream files. */
  readonly dir: string;
  /** The file of a stream (also its {@link EventStore.location}). */
  file(stream: string): string;
  /** Reads a stream; the reader also reports a torn tail. */
  read(stream: string, options?: LogReadOptions): LogReader;
}

const STREAM_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

class FileEventStore implements JsonlEventStore {
  readonly dir: string;
  private readonly writers = new Map<string, JsonlStreamWriter>();
  private readonly ready = new Map<string, Promise<OpenedStream>>();
  private readonly listeners = new Map<string, Set<StreamListener>>();
  private readonly waiting = new Map<string, number>();
  private readonly validate: boolean;
  private closed = false;

  constructor(private readonly options: JsonlEventStoreOptions) {
    this.dir = options.dir;
    this.validate = options.validateOnAppend ?? true;
  }

  file(stream: string): string {
    if (!STREAM_NAME.test(stream)) {
      throw new EventValidationError(
        '(stream)',
        `invalid stream name ${JSON.stringify(stream)}: use letters, digits, ".", "_" and "-"`,
      );
    }
    return join(this.dir, `${stream}.jsonl`);
  }

  location(stream: string): string {
    return this.file(stream);
  }

  /** Takes the stream's writer lock (`<file>.lock`) and cuts a torn last line off. */
  openWriter(stream: string): Promise<OpenedStream> {
    const writer = this.writers.get(stream);
    if (writer) return Promise.resolve({ version: writer.committedVersion });
    return this.opened(stream);
  }

  /** The one promise of opening a stream's writer (kept, so waiting appends stay in order). */
  private opened(stream: string): Promise<OpenedStream> {
    let ready = this.ready.get(stream);
    if (!ready) {
      ready = this.open(stream);
      this.ready.set(stream, ready);
      ready.catch(() => this.ready.delete(stream));
    }
    return ready;
  }

  private async open(stream: string): Promise<OpenedStream> {
    if (this.closed) throw new WriterClosedError(`event store ${this.dir} is closed`);
    const file = this.file(stream);
    mkdirSync(this.dir, { recursive: true });
    const lock = acquireWriterLock(`${file}.lock`, stream);
    let fd: number | undefined;
    try {
      const existed = existsSync(file);
      fd = openSync(file, 'a+');
      if (!existed) syncDir(this.dir);
      const tail = inspectTail(fd, fstatSync(fd).size, file);
      if (tail.torn) {
        ftruncateSync(fd, tail.validBytes);
        fdatasyncSync(fd);
        this.options.onTruncated?.(stream, tail.torn);
      }
      const writer = new JsonlStreamWriter(
        stream,
        file,
        fd,
        lock,
        tail.version,
        tail.validBytes,
        (events) => this.dispatch(stream, events),
        this.options.maxBatchEvents,
      );
      this.writers.set(stream, writer);
      return tail.torn
        ? { version: tail.version, truncated: tail.torn }
        : { version: tail.version };
    } catch (error) {
      if (fd !== undefined) closeSync(fd);
      lock.release();
      throw error;
    }
  }

  append(
    stream: string,
    events: readonly DomainEvent[],
    options: { expectedVersion: ExpectedVersion },
  ): Promise<AppendResult> {
    const writer = this.writers.get(stream);
    // Not an async function: the hot path returns the writer's promise without extra ticks.
    if (!writer || (this.waiting.get(stream) ?? 0) > 0) {
      return this.appendAfterOpen(stream, events, options);
    }
    try {
      return this.enqueue(writer, stream, events, options.expectedVersion);
    } catch (error) {
      return Promise.reject(asError(error));
    }
  }

  private enqueue(
    writer: JsonlStreamWriter,
    stream: string,
    events: readonly DomainEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    const version = writer.assignedVersion;
    const prepared = prepareAppend(stream, events, expected, version, this.validate);
    if (prepared.length === 0) return Promise.resolve({ version });
    return writer.enqueue(prepared, serializeEvents(prepared));
  }

  /** Appends that arrive while the writer opens wait for it and keep their call order. */
  private async appendAfterOpen(
    stream: string,
    events: readonly DomainEvent[],
    options: { expectedVersion: ExpectedVersion },
  ): Promise<AppendResult> {
    this.waiting.set(stream, (this.waiting.get(stream) ?? 0) + 1);
    try {
      await this.opened(stream);
    } finally {
      this.waiting.set(stream, (this.waiting.get(stream) ?? 1) - 1);
    }
    const writer = this.writers.get(stream);
    if (!writer) throw new WriterClosedError(`event store ${this.dir} is closed`);
    return this.enqueue(writer, stream, events, options.expectedVersion);
  }

  read(stream: string, options: LogReadOptions = {}): LogReader {
    const writer = this.writers.get(stream);
    const limit = writer ? { limitBytes: writer.committedBytes } : {};
    return readLogFile(this.file(stream), { ...options, ...limit, missingOk: true });
  }

  async version(stream: string): Promise<number> {
    const writer = this.writers.get(stream);
    if (writer) return writer.committedVersion;
    const file = this.file(stream);
    let handle;
    try {
      handle = await open(file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    try {
      return inspectTail(handle.fd, (await handle.stat()).size, file).version;
    } finally {
      await handle.close();
    }
  }

  async streams(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return names
      .filter((n) => n.endsWith('.jsonl'))
      .map((n) => n.slice(0, -'.jsonl'.length))
      .sort();
  }

  subscribe(stream: string, listener: StreamListener): () => void {
    let set = this.listeners.get(stream);
    if (!set) this.listeners.set(stream, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  private dispatch(stream: string, events: readonly DomainEvent[]): void {
    const set = this.listeners.get(stream);
    if (!set || set.size === 0) return;
    for (const listener of [...set]) {
      try {
        listener(events);
      } catch (error) {
        if (this.options.onListenerError) this.options.onListenerError(error, stream);
        else
          queueMicrotask(() => {
            throw error;
          });
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.ready.values()]);
    this.ready.clear();
    const writers = [...this.writers.values()];
    this.writers.clear();
    await Promise.all(writers.map((w) => w.close()));
    this.listeners.clear();
  }
}

function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Creates the JSONL file {@link EventStore} over `options.dir`. */
export function createJsonlEventStore(options: JsonlEventStoreOptions): JsonlEventStore {
  return new FileEventStore(options);
}
