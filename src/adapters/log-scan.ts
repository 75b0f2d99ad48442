/**
 * One sequential pass over a JSONL log's bytes: the SHA-256 of its first `lines` lines (all of
 * them by default), where they end, and the raw text of the lines asked for by number. Reads in
 * 4 MiB chunks and parses nothing; about the speed of reading plus hashing (~0.5 GB/s).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';

/** What {@link scanLog} found. */
export interface LogScan {
  /** Bytes hashed: the end of the last complete line counted (just after its newline). */
  offset: number;
  /** Complete lines (ending in a newline) hashed. */
  lines: number;
  /** SHA-256 (hex) of the bytes `[0, offset)`. */
  sha256: string;
  /** The text of each wanted line, in log order (without its newline). */
  picked: string[];
  /** The file's size when the scan began. */
  size: number;
}

/** Options of {@link scanLog}. */
export interface LogScanOptions {
  /** Stop after this many complete lines (default: every complete line). */
  maxLines?: number;
  /** 1-based numbers of the lines whose text to return. */
  wanted?: ReadonlySet<number>;
}

const NL = 10;
const CHUNK = 4 << 20;

/** Scans `file` (see {@link LogScan}); a torn last line without its newline is not hashed. */
export function scanLog(file: string, options: LogScanOptions = {}): LogScan {
  const maxLines = options.maxLines ?? Number.POSITIVE_INFINITY;
  const wanted = options.wanted;
  const hash = createHash('sha256');
  const picked: string[] = [];
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    let buf = Buffer.allocUnsafe(CHUNK);
    let carry = 0;
    let pos = 0;
    let lines = 0;
    let offset = 0;
    while (pos < size && lines < maxLines) {
      if (carry === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, carry);
        buf = bigger;
      }
      const n = fs.readSync(fd, buf, carry, Math.min(buf.length - carry, size - pos), pos);
      if (n === 0) break;
      pos += n;
      const filled = carry + n;
      let lineStart = 0;
      let nl = buf.indexOf(NL, 0);
      while (nl >= 0 && nl < filled && lines < maxLines) {
        lines += 1;
        if (wanted?.has(lines)) picked.push(buf.toString('utf8', lineStart, nl));
        lineStart = nl + 1;
        nl = lineStart < filled ? buf.indexOf(NL, lineStart) : -1;
      }
      hash.update(buf.subarray(0, lineStart));
      offset += lineStart;
      buf.copy(buf, 0, lineStart, filled);
      carry = filled - lineStart;
    }
    return { offset, lines, sha256: hash.digest('hex'), picked, size };
  } finally {
    fs.closeSync(fd);
  }
}
