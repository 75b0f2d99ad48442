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
import type { ReadOptions } from './event-store.js';
import type { TornTail } from './jsonl-tail.js';

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
}

const NL = 10;

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
    try {
      yield* this.readFrom(handle);
    } finally {
      await handle.close();
    }
  }

  private async *readFrom(handle: FileHandle): AsyncGenerator<readonly DomainEvent[]> {
    const { file } = this;
    const from = this.options.from ?? 1;
    const to = this.options.to ?? Number.POSITIVE_INFINITY;
    const validate = this.options.trusted !== true;
    const size = Math.min((await handle.stat()).size, this.options.limitBytes ?? Infinity);
    let buf = Buffer.allocUnsafe(this.options.chunkBytes ?? 1024 * 1024);
    let carry = 0;
    let pos = 0;
    let lineNo = 0;
    let session: string | undefined;
    while (pos < size) {
      if (carry === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, carry);
        buf = bigger;
      }
      const want = Math.min(buf.length - carry, size - pos);
      const { bytesRead } = await handle.read(buf, carry, want, pos);
      if (bytesRead === 0) break;
      pos += bytesRead;
      const filled = carry + bytesRead;
      const lastNl = buf.lastIndexOf(NL, filled - 1);
      if (lastNl < 0) {
        carry = filled;
        continue;
      }
      const atEnd = pos >= size && lastNl === filled - 1;
      const text = buf.toString('utf8', 0, lastNl);
      const batch: DomainEvent[] = [];
      let start = 0;
      let done = false;
      while (start <= text.length) {
        let nl = text.indexOf('\n', start);
        if (nl < 0) nl = text.length;
        const line = text.slice(start, nl);
        lineNo++;
        let raw: unknown;
        try {
          raw = JSON.parse(line);
        } catch (error) {
          if (atEnd && nl === text.length) {
            this.torn({ file, line: lineNo, bytes: Buffer.byteLength(line) + 1 });
            if (batch.length > 0) yield batch;
            return;
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
          if (session === undefined) session = event.session;
          else if (event.session !== session) {
            throw new CorruptLogError(
              file,
              lineNo,
              `session "${event.session}" differs from the log's session "${session}"`,
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
        if (lineNo >= to) {
          done = true;
          break;
        }
      }
      if (batch.length > 0) yield batch;
      if (done) return;
      buf.copy(buf, 0, lastNl + 1, filled);
      carry = filled - lastNl - 1;
    }
    if (carry > 0) this.torn({ file, line: lineNo + 1, bytes: carry });
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
