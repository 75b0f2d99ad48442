/**
 * Streaming reader of one JSONL event log. Reads the file in chunks (never all of it into one
 * string), splits lines on `\n`, parses each and yields the events of each chunk as one batch.
 *
 * Rules: line k holds seq k; a line that is not JSON, fails the envelope or its schema, has an
 * unknown type or version, or breaks the seq sequence is a {@link CorruptLogError} naming the file
 * and the 1-based line, and nothing after it is returned. A torn last line (no trailing newline, or
 * not JSON) is never returned as an event: reading stops before it and reports it through
 * `onTornTail` and {@link LogReader.tornTail}. An empty file is an empty stream.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { CorruptLogError } from '../errors.js';
import { trustEvent, type DomainEvent } from '../events.js';
import { fastParseEvent } from './jsonl-fast-parse.js';
import type { ReadOptions, TornTail } from '../ports.js';

/** Options of {@link readLogFile}. */
export interface LogReadOptions extends ReadOptions {
  /** Called once when the log ends in a torn line (which is not returned). */
  onTornTail?: (torn: TornTail) => void;
  /** Read at most this many bytes of the file (a writer's durable size). */
  limitBytes?: number;
  /** A missing file reads as an empty stream instead of throwing. */
  missingOk?: boolean;
  /** Chunk size in bytes (default 1 MiB). */
  chunkBytes?: number;
  /**
   * Begin at this byte of the file, the start of line `line + 1` (a verified checkpoint's offset):
   * the lines before it are neither read nor checked.
   */
  startAt?: { byte: number; line: number };
}

const NL = 10;

/** After a block of lines: keep reading, `to` reached, or a torn tail ended the log. */
type Outcome = 'more' | 'done' | 'torn';

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** An async iterable over a log's event batches; `tornTail` is set once iteration saw one. */
export class LogReader implements AsyncIterable<readonly DomainEvent[]> {
  /** The torn last line, if the log ended in one (known after iteration). */
  tornTail: TornTail | undefined;

  constructor(
    readonly file: string,
    private readonly options: LogReadOptions = {},
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<readonly DomainEvent[]> {
    return this.batches();
  }

  private async *batches(): AsyncGenerator<readonly DomainEvent[]> {
    let handle: FileHandle;
    try {
      handle = await open(this.file, 'r');
    } catch (error) {
      if (this.options.missingOk && errorCode(error) === 'ENOENT') return;
      throw error;
    }
    this.lineNo = this.options.startAt?.line ?? 0;
    this.session = undefined;
    this.tornTail = undefined;
    try {
      yield* this.readFrom(handle);
    } finally {
      await handle.close();
    }
  }

  private lineNo = 0;
  private session: string | undefined;

  /**
   * Reads chunk after chunk into two alternating buffers, the next read running while the current
   * chunk is parsed. A line cut by a chunk boundary is carried (as bytes) into the next chunk.
   */
  private async *readFrom(handle: FileHandle): AsyncGenerator<readonly DomainEvent[]> {
    const size = Math.min((await handle.stat()).size, this.options.limitBytes ?? Infinity);
    const chunk = this.options.chunkBytes ?? 1024 * 1024;
    const buffers = [Buffer.allocUnsafe(chunk), Buffer.allocUnsafe(chunk)] as const;
    let which = 0;
    let pos = this.options.startAt?.byte ?? 0;
    const readAt = (buf: Buffer, at: number) =>
      handle.read(buf, 0, Math.min(buf.length, size - at), at);
    let pending = size > pos ? readAt(buffers[0], pos) : undefined;
    let carry: Buffer | undefined;
    try {
      while (pending) {
        const { bytesRead, buffer } = await pending;
        pending = undefined;
        if (bytesRead === 0) break;
        pos += bytesRead;
        which ^= 1;
        if (pos < size) pending = readAt(which === 0 ? buffers[0] : buffers[1], pos);
        const atEnd = pending === undefined;
        const data = buffer.subarray(0, bytesRead);
        const batch: DomainEvent[] = [];
        let head = 0;
        let outcome: Outcome = 'more';
        if (carry) {
          const nl = data.indexOf(NL);
          if (nl < 0) {
            carry = Buffer.concat([carry, data]);
            continue;
          }
          const line = Buffer.concat([carry, data.subarray(0, nl)]).toString('utf8');
          carry = undefined;
          head = nl + 1;
          outcome = this.parseLines(line, atEnd && head === data.length, batch);
        }
        const lastNl = data.lastIndexOf(NL);
        if (outcome === 'more' && lastNl >= head) {
          const text = data.toString('utf8', head, lastNl);
          outcome = this.parseLines(text, atEnd && lastNl === data.length - 1, batch);
        }
        if (batch.length > 0) yield batch;
        if (outcome !== 'more') return;
        const rest = Math.max(lastNl + 1, head);
        if (rest < data.length) carry = Buffer.from(data.subarray(rest));
      }
      if (carry) this.torn({ file: this.file, line: this.lineNo + 1, bytes: carry.length });
    } finally {
      // Stopped early: wait for the read in flight; its data is no longer needed.
      if (pending) await pending.then(() => undefined);
    }
  }

  /**
   * Parses the complete lines of `text` (split on `\n`) into `batch`. `final`: the last of them
   * ends the file, so failing to parse it as JSON makes it a torn tail, not a corrupt line.
   */
  private parseLines(text: string, final: boolean, batch: DomainEvent[]): Outcome {
    const { file } = this;
    const from = this.options.from ?? 1;
    const to = this.options.to ?? Number.POSITIVE_INFINITY;
    const validate = this.options.trusted !== true;
    let start = 0;
    while (start <= text.length) {
      let nl = text.indexOf('\n', start);
      if (nl < 0) nl = text.length;
      const line = text.slice(start, nl);
      const lineNo = ++this.lineNo;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch (error) {
        if (final && nl === text.length) {
          this.torn({ file, line: lineNo, bytes: Buffer.byteLength(line) + 1 });
          return 'torn';
        }
        throw new CorruptLogError(file, lineNo, `not JSON: ${reasonOf(error)}`);
      }
      start = nl + 1;
      if (lineNo < from) {
        if ((raw as { seq?: unknown } | null)?.seq !== lineNo) this.badSeq(raw, lineNo);
        continue;
      }
      let event: DomainEvent;
      if (validate) {
        try {
          event = fastParseEvent(raw);
        } catch (error) {
          throw new CorruptLogError(file, lineNo, reasonOf(error));
        }
        if (this.session === undefined) this.session = event.session;
        else if (event.session !== this.session) {
          throw new CorruptLogError(
            file,
            lineNo,
            `session "${event.session}" differs from the log's session "${this.session}"`,
          );
        }
      } else {
        if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
          throw new CorruptLogError(file, lineNo, 'an event must be a JSON object');
        }
        event = trustEvent(raw);
      }
      if (event.seq !== lineNo) this.badSeq(raw, lineNo);
      batch.push(event);
      if (lineNo >= to) return 'done';
    }
    return 'more';
  }

  private badSeq(raw: unknown, lineNo: number): never {
    const seq = (raw as { seq?: unknown } | null)?.seq;
    throw new CorruptLogError(
      this.file,
      lineNo,
      `seq ${JSON.stringify(seq) ?? 'missing'} where ${lineNo} was expected (seqs must be contiguous from 1)`,
    );
  }

  private torn(torn: TornTail): void {
    this.tornTail = torn;
    this.options.onTornTail?.(torn);
  }
}

/**
 * Reads any single JSONL event log (in a store dir or not) with the store's rules: validated unless
 * `trusted`, corrupt lines throw {@link CorruptLogError}, a torn tail is reported, not returned.
 */
export function readLogFile(path: string, options: LogReadOptions = {}): LogReader {
  return new LogReader(path, options);
}
