/**
 * Follows a JSONL event log as it grows: reads what is there, then polls for appended bytes and
 * parses each complete line (validated and upcast like every reader). A last line without its
 * newline is a write in progress (or a torn tail): it is left until it is complete. A line that is
 * not a valid event, or breaks the seq sequence, stops the follower with a {@link CorruptLogError}
 * naming the file and line.
 */
import { open, stat } from 'node:fs/promises';
import { CorruptLogError } from '../../errors.js';
import type { DomainEvent } from '../../events.js';
import { fastParseEvent } from '../jsonl-fast-parse.js';

/** Receives the events appended since the last call, in seq order. */
export type FollowListener = (events: readonly DomainEvent[]) => void;

const NL = 10;
const CHUNK = 4 * 1024 * 1024;

/** Follows one log file. */
export class LogFollower {
  private offset = 0;
  private line = 0;
  private lastSeq = 0;
  private timer: NodeJS.Timeout | null = null;
  private reading: Promise<void> | null = null;
  private readonly listeners = new Set<FollowListener>();
  /** Set when the log could not be read further (reported once to `onError`). */
  error: Error | null = null;

  constructor(
    readonly file: string,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {}

  /** Subscribes to appended events; returns the unsubscribe function. */
  subscribe(listener: FollowListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads everything there is now (a missing file reads as empty). */
  async poll(): Promise<void> {
    this.reading ??= this.readMore().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  /** Reads the log now, then polls every `intervalMs`. */
  async start(intervalMs = 200): Promise<void> {
    await this.poll();
    this.timer = setInterval(() => {
      if (!this.error) void this.poll();
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops polling. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async readMore(): Promise<void> {
    let size: number;
    try {
      size = (await stat(this.file)).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      return this.fail(error as Error);
    }
    if (size <= this.offset) return;
    const handle = await open(this.file, 'r');
    try {
      let pending = Buffer.alloc(0);
      while (this.offset + pending.length < size) {
        const start = this.offset + pending.length;
        const len = Math.min(CHUNK, size - start);
        const buf = Buffer.allocUnsafe(len);
        const { bytesRead } = await handle.read(buf, 0, len, start);
        if (bytesRead === 0) break;
        pending =
          pending.length === 0
            ? buf.subarray(0, bytesRead)
            : Buffer.concat([pending, buf.subarray(0, bytesRead)]);
        const end = pending.lastIndexOf(NL);
        if (end < 0) continue;
        const { events, bytes, error } = this.parseLines(pending.subarray(0, end + 1));
        this.offset += bytes;
        pending = pending.subarray(end + 1);
        if (events.length > 0) for (const l of this.listeners) l(events);
        if (error) return this.fail(error);
      }
    } catch (error) {
      this.fail(error as Error);
    } finally {
      await handle.close();
    }
  }

  /** Parses complete lines; stops at the first bad one (its bytes are not consumed). */
  private parseLines(bytes: Buffer): { events: DomainEvent[]; bytes: number; error?: Error } {
    const events: DomainEvent[] = [];
    let from = 0;
    for (let i = bytes.indexOf(NL, from); i >= 0; i = bytes.indexOf(NL, from)) {
      const text = bytes.toString('utf8', from, i);
      const line = this.line + 1;
      if (text.trim() !== '') {
        let event: DomainEvent;
        try {
          event = fastParseEvent(JSON.parse(text));
        } catch (error) {
          return {
            events,
            bytes: from,
            error: new CorruptLogError(this.file, line, (error as Error).message),
          };
        }
        if (event.seq !== this.lastSeq + 1) {
          const reason = `seq ${event.seq} after seq ${this.lastSeq}`;
          return { events, bytes: from, error: new CorruptLogError(this.file, line, reason) };
        }
        this.lastSeq = event.seq;
        events.push(event);
      }
      this.line = line;
      from = i + 1;
    }
    return { events, bytes: from };
  }

  private fail(error: Error): void {
    if (this.error) return;
    this.error = error;
    this.stop();
    this.onError(error);
  }
}
