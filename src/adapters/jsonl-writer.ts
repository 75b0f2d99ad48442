/**
 * The single writer of one JSONL stream, with group commit: appends queue up while a commit is in
 * flight and go out together as one `write` + ONE `fdatasync` (up to `maxBatchEvents` events, never
 * splitting one append). An idle writer commits at once: no artificial wait. An append resolves only
 * once its batch is durable; listeners then see each append's events, in order.
 */
import { closeSync, fdatasync, ftruncateSync, writeSync } from 'node:fs';
import type { DomainEvent } from '../events.js';
import { asError, WriterClosedError } from '../errors.js';
import type { AppendResult } from '../ports.js';
import type { WriterLock } from './jsonl-lock.js';

interface Pending {
  events: readonly DomainEvent[];
  text: string;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/** Called with each append's events once they are durable. */
export type CommitListener = (events: readonly DomainEvent[]) => void;

function datasync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => {
    fdatasync(fd, (error) => (error ? reject(error) : resolve()));
  });
}

function writeAll(fd: number, buf: Buffer): void {
  for (let off = 0; off < buf.length;) off += writeSync(fd, buf, off, buf.length - off);
}

/** The group-committing writer of one stream file (owns its fd and lock). */
export class JsonlStreamWriter {
  /** Version including appends queued but not yet durable. */
  assignedVersion: number;
  /** Version that is durable on disk. */
  committedVersion: number;
  /** File size up to the last durable line. */
  committedBytes: number;
  private readonly queue: Pending[] = [];
  private flushing = false;
  private failure: unknown;
  private closed = false;
  private drained: (() => void) | undefined;
  private scratch = Buffer.allocUnsafe(256 * 1024);

  constructor(
    readonly stream: string,
    readonly file: string,
    private readonly fd: number,
    private readonly lock: WriterLock,
    version: number,
    size: number,
    private readonly onCommit: CommitListener,
    private readonly maxBatchEvents = 1000,
  ) {
    this.assignedVersion = version;
    this.committedVersion = version;
    this.committedBytes = size;
  }

  /** Queues checked, serialised events; resolves once they are durable. */
  enqueue(events: readonly DomainEvent[], text: string): Promise<AppendResult> {
    if (this.closed) {
      return Promise.reject(new WriterClosedError(`writer of ${this.file} is closed`));
    }
    if (this.failure !== undefined) {
      return Promise.reject(
        new WriterClosedError(
          `writer of ${this.file} failed earlier: ${asError(this.failure).message}`,
        ),
      );
    }
    this.assignedVersion += events.length;
    const promise = new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ events, text, resolve, reject });
    });
    if (!this.flushing) void this.flush();
    return promise;
  }

  private takeBatch(): Pending[] {
    let count = 0;
    let k = 0;
    while (k < this.queue.length) {
      const n = (this.queue[k] as Pending).events.length;
      if (k > 0 && count + n > this.maxBatchEvents) break;
      count += n;
      k++;
    }
    return this.queue.splice(0, k);
  }

  /** Encodes a batch into the reused scratch buffer (no per-batch string or buffer garbage). */
  private encode(batch: readonly Pending[]): Buffer {
    let worst = 0;
    for (const p of batch) worst += p.text.length * 3;
    if (worst > this.scratch.length) {
      this.scratch = Buffer.allocUnsafe(Math.max(worst, this.scratch.length * 2));
    }
    let off = 0;
    for (const p of batch) off += this.scratch.write(p.text, off, 'utf8');
    return this.scratch.subarray(0, off);
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0 && this.failure === undefined) {
        const batch = this.takeBatch();
        const buf = this.encode(batch);
        try {
          writeAll(this.fd, buf);
          await datasync(this.fd);
        } catch (error) {
          this.fail(error, batch);
          break;
        }
        this.committedBytes += buf.length;
        for (const p of batch) {
          this.committedVersion += p.events.length;
          this.onCommit(p.events);
          p.resolve({ version: this.committedVersion });
        }
      }
    } finally {
      this.flushing = false;
      this.drained?.();
    }
  }

  private fail(error: unknown, batch: Pending[]): void {
    this.failure = error;
    let cause = error;
    try {
      ftruncateSync(this.fd, this.committedBytes);
    } catch (truncateError) {
      cause = new AggregateError([error, truncateError], `write to ${this.file} failed`);
    }
    for (const p of [...batch, ...this.queue.splice(0)]) p.reject(cause);
    this.assignedVersion = this.committedVersion;
  }

  /** Waits for queued appends, then closes the file and releases the lock. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.flushing) {
      await new Promise<void>((resolve) => {
        this.drained = resolve;
      });
    }
    try {
      closeSync(this.fd);
    } finally {
      this.lock.release();
    }
  }
}
