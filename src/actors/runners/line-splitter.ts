/**
 * Splits a byte stream into lines in linear time with bounded memory. Lines are split on the
 * byte `\n` (never inside a UTF-8 sequence, so a character split across chunks is decoded
 * whole), a trailing `\r` is dropped, and a line longer than `maxLineBytes` keeps its first
 * `maxLineBytes` bytes followed by a marker naming how many bytes were dropped: an agent printing
 * a 50 MB line costs at most `maxLineBytes` of memory.
 */

/** Default longest line kept whole (1 MiB). */
const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

const NL = 10;
const CR = 13;

/** What a {@link LineSplitter} cut off so far. */
export interface LineBounds {
  /** Lines longer than the limit. */
  truncatedLines: number;
  /** Bytes dropped from those lines. */
  droppedBytes: number;
}

/** The marker appended to a cut line. */
export function truncationMarker(dropped: number): string {
  return `… [wave: line truncated, ${dropped} bytes dropped]`;
}

/**
 * A copy of a line that does not keep alive the chunk it was cut from (lines are slices of a
 * decoded chunk): what keeps a line beyond the callback (a text item) keeps this instead.
 */
export function detachText(line: string): string {
  return `${line} `.slice(0, -1);
}

/** A stateful splitter: feed chunks with {@link push}, then call {@link end}. */
export class LineSplitter {
  private parts: Buffer[] = [];
  private kept = 0;
  private dropped = 0;
  readonly bounds: LineBounds = { truncatedLines: 0, droppedBytes: 0 };

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLineBytes: number = DEFAULT_MAX_LINE_BYTES,
  ) {}

  /** Feeds one chunk; complete lines go to the callback in order. */
  push(chunk: Buffer): void {
    let start = 0;
    let nl = chunk.indexOf(NL);
    if (nl !== -1 && (this.parts.length > 0 || this.dropped > 0)) {
      // The end of a line begun in an earlier chunk.
      this.take(chunk.subarray(0, nl));
      this.flush();
      start = nl + 1;
      nl = chunk.indexOf(NL, start);
    }
    if (nl !== -1) {
      const last = chunk.lastIndexOf(NL);
      if (last - start <= this.maxLineBytes) this.wholeLines(chunk, start, last);
      else this.lineByLine(chunk, start, nl);
      start = last + 1;
    }
    if (start < chunk.length) this.take(chunk.subarray(start));
  }

  /**
   * Fast path: every line from `start` to the newline at `last` is within the limit, so the
   * whole run is decoded at once and cut at its newlines (a newline byte never occurs inside a
   * UTF-8 sequence, so each line reads exactly as if decoded alone). The lines are slices of
   * one string: a consumer that keeps a line keeps that string alive (see {@link detachText}).
   */
  private wholeLines(chunk: Buffer, start: number, last: number): void {
    const text = chunk.toString('utf8', start, last);
    let from = 0;
    for (;;) {
      const i = text.indexOf('\n', from);
      const end = i === -1 ? text.length : i;
      this.onLine(text.slice(from, end > from && text.charCodeAt(end - 1) === CR ? end - 1 : end));
      if (i === -1) return;
      from = i + 1;
    }
  }

  /** Lines one by one, from `start` (the first newline at `nl`), cutting those past the limit. */
  private lineByLine(chunk: Buffer, start: number, nl: number): void {
    for (; nl !== -1; nl = chunk.indexOf(NL, start)) {
      if (this.parts.length === 0 && this.dropped === 0 && nl - start <= this.maxLineBytes) {
        // A whole line inside the chunk is decoded in place, without a copy.
        const end = nl > start && chunk[nl - 1] === CR ? nl - 1 : nl;
        this.onLine(chunk.toString('utf8', start, end));
      } else {
        this.take(chunk.subarray(start, nl));
        this.flush();
      }
      start = nl + 1;
    }
  }

  /** Flushes a last line without a newline. */
  end(): void {
    if (this.kept > 0 || this.dropped > 0) this.flush();
  }

  private take(bytes: Buffer): void {
    const room = this.maxLineBytes - this.kept;
    if (bytes.length <= room) {
      if (bytes.length > 0) {
        // Copy: the chunk's buffer may be reused by the stream.
        this.parts.push(Buffer.from(bytes));
        this.kept += bytes.length;
      }
      return;
    }
    if (room > 0) {
      this.parts.push(Buffer.from(bytes.subarray(0, room)));
      this.kept += room;
    }
    this.dropped += bytes.length - Math.max(room, 0);
  }

  private flush(): void {
    let line = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts);
    this.parts = [];
    const dropped = this.dropped;
    this.kept = 0;
    this.dropped = 0;
    if (dropped === 0 && line.length > 0 && line[line.length - 1] === CR) {
      line = line.subarray(0, line.length - 1);
    }
    let text = line.toString('utf8');
    if (dropped > 0) {
      this.bounds.truncatedLines += 1;
      this.bounds.droppedBytes += dropped;
      text += truncationMarker(dropped);
    }
    this.onLine(text);
  }
}
