/**
 * The parse thread, seen from this process: one worker thread (`parse-thread.worker.ts`) that
 * splits and parses the stdout of every agent in a JSON stream format, so that reading an agent
 * costs this thread only what decides (the run collector, its detectors and the events). The
 * thread is started on first use, keeps the process alive only while a stream is open, and is
 * started again after a failure.
 *
 * A chunk is moved to the thread, not copied (a socket's chunk owns its memory). Each stream
 * counts the bytes the thread has not answered yet (at most {@link IN_FLIGHT_MAX}: beyond that the
 * reader is saturated and the agent's stdout is paused). If the thread fails, a stream goes on in
 * this thread with a fresh parser, after an `error` item that names the failure and the bytes
 * the thread had not answered (lost with it: at most {@link IN_FLIGHT_MAX}).
 */
import { Worker } from 'node:worker_threads';
import type { StreamFormat } from '../../../domain/plan.schema.js';
import type { LineBounds } from '../line-splitter.js';
import type { StreamItem } from '../stream-item.js';
import { createStreamParser } from '../stream-parser.factory.js';
import { parsingReader, type StdoutReader } from '../stdout-reader.js';
import type { ParseReport, ParseRequest } from './parse-thread.protocol.js';

/**
 * Bytes sent to the thread and not answered yet, per stream, before the reader is saturated (a
 * socket hands over chunks of a few KiB to 64 KiB: the thread needs a queue of them to stay busy).
 */
const IN_FLIGHT_MAX = 4 * 1024 * 1024;

/** The thread's young generation, in MB (see {@link ParseThread.start}). */
const YOUNG_GENERATION_MB = 2;

interface ThreadStream {
  readonly id: number;
  readonly format: StreamFormat;
  readonly maxLineBytes: number | undefined;
  readonly onItems: (items: StreamItem[]) => void;
  /** Sizes of the chunks sent and not answered, oldest first, and their sum. */
  readonly inFlight: number[];
  inFlightBytes: number;
  readonly bounds: LineBounds;
  drainWaiters: (() => void)[];
  /** Resolves once every item of the stream was delivered. */
  readonly delivered: Promise<void>;
  resolveDelivered: () => void;
  /** The reader's `end()` was called. */
  ending: boolean;
  /** Set once the thread failed: the rest of the stream is parsed in this thread. */
  local: StdoutReader | undefined;
}

/** One parse thread and the streams it parses. */
export class ParseThread {
  private worker: Worker | null = null;
  private readonly streams = new Map<number, ThreadStream>();
  private nextId = 1;

  /** @param program the built worker program (`parse-thread.worker.js`) */
  constructor(private readonly program: string) {}

  /** A reader that parses one agent's stdout in `format` in the thread, items to `onItems`. */
  open(
    format: StreamFormat,
    onItems: (items: StreamItem[]) => void,
    maxLineBytes?: number,
  ): StdoutReader {
    const id = this.nextId;
    this.nextId += 1;
    let resolveDelivered = (): void => undefined;
    const delivered = new Promise<void>((resolve) => {
      resolveDelivered = resolve;
    });
    const stream: ThreadStream = {
      id,
      format,
      maxLineBytes,
      onItems,
      inFlight: [],
      inFlightBytes: 0,
      bounds: { truncatedLines: 0, droppedBytes: 0 },
      drainWaiters: [],
      delivered,
      resolveDelivered,
      ending: false,
      local: undefined,
    };
    this.streams.set(id, stream);
    this.send({
      kind: 'open',
      id,
      format,
      ...(maxLineBytes !== undefined ? { maxLineBytes } : {}),
    });
    return {
      push: (chunk) => {
        if (stream.local !== undefined) return stream.local.push(chunk);
        stream.inFlight.push(chunk.length);
        stream.inFlightBytes += chunk.length;
        // A chunk that owns its memory (a socket's) is moved; a view of a larger buffer is copied.
        const owned = chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength;
        const bytes = owned ? chunk : new Uint8Array(chunk);
        this.send({ kind: 'chunk', id, bytes }, [bytes.buffer as ArrayBuffer]);
      },
      end: () => {
        if (!stream.ending) {
          stream.ending = true;
          if (stream.local !== undefined) this.endLocally(stream);
          else this.send({ kind: 'end', id });
        }
        return stream.delivered;
      },
      bounds: stream.bounds,
      saturated: () => stream.inFlightBytes >= IN_FLIGHT_MAX,
      drained: () =>
        stream.inFlightBytes < IN_FLIGHT_MAX
          ? Promise.resolve()
          : new Promise<void>((resolve) => stream.drainWaiters.push(resolve)),
    };
  }

  private send(message: ParseRequest, transfer?: ArrayBuffer[]): void {
    const worker = this.worker ?? this.start();
    worker.ref();
    worker.postMessage(message, transfer);
  }

  private start(): Worker {
    // A small young generation: the thread's garbage is short-lived, and the default (up to
    // 48 MB) is what an agent printing a 50 MB line cost the process's peak RSS (~30 MB more).
    const worker = new Worker(this.program, {
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    worker.on('message', (report: ParseReport) => this.receive(report));
    worker.on('error', (error) => this.failed(worker, error.message));
    worker.on('exit', (code) => this.failed(worker, `the thread exited with code ${code}`));
    this.worker = worker;
    return worker;
  }

  private receive(report: ParseReport): void {
    const stream = this.streams.get(report.id);
    if (stream === undefined || stream.local !== undefined) return;
    if (report.items.length > 0) stream.onItems(report.items);
    if (report.kind === 'items') {
      if (!report.chunkDone) return;
      stream.inFlightBytes -= stream.inFlight.shift() as number;
      if (stream.inFlightBytes < IN_FLIGHT_MAX) this.wake(stream);
      return;
    }
    stream.bounds.truncatedLines += report.bounds.truncatedLines;
    stream.bounds.droppedBytes += report.bounds.droppedBytes;
    this.close(stream);
  }

  private close(stream: ThreadStream): void {
    this.streams.delete(stream.id);
    this.wake(stream);
    stream.resolveDelivered();
    if (this.streams.size === 0) this.worker?.unref();
  }

  /**
   * The thread failed: every open stream goes on in this thread with a fresh parser, after an
   * `error` item that names the failure and the bytes the thread took with it.
   */
  private failed(worker: Worker, why: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    void worker.terminate();
    for (const stream of this.streams.values()) {
      if (stream.local !== undefined) continue;
      const lost = stream.inFlightBytes;
      stream.onItems([
        {
          kind: 'error',
          message: `[wave] the stream parse thread failed (${why}): ${lost} bytes of this agent's output were not parsed; the rest is parsed in the main thread`,
        },
      ]);
      stream.local = parsingReader(
        createStreamParser(stream.format),
        stream.onItems,
        stream.maxLineBytes,
      );
      stream.inFlight.length = 0;
      stream.inFlightBytes = 0;
      this.wake(stream);
      if (stream.ending) this.endLocally(stream);
    }
  }

  /** Wakes whoever waits for the stream to drain. */
  private wake(stream: ThreadStream): void {
    if (stream.drainWaiters.length === 0) return;
    const waiters = stream.drainWaiters;
    stream.drainWaiters = [];
    for (const wake of waiters) wake();
  }

  private endLocally(stream: ThreadStream): void {
    const local = stream.local as StdoutReader;
    void local.end().then(() => {
      stream.bounds.truncatedLines += local.bounds.truncatedLines;
      stream.bounds.droppedBytes += local.bounds.droppedBytes;
      this.close(stream);
    });
  }
}
