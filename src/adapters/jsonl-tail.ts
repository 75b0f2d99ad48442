/**
 * Inspects the end of a JSONL log without reading all of it: the stream's version (the seq of the
 * last complete line) and a torn tail, if any. A torn tail is a last line without its newline, or a
 * last line that is not JSON (a crash mid-write); only the last line can be torn.
 */
import { readSync } from 'node:fs';
import { CorruptLogError } from '../errors.js';
import type { TornTail } from '../ports.js';

/** What {@link inspectTail} found. */
export interface TailInfo {
  /** Seq of the last complete line (0 for an empty log). */
  version: number;
  /** Bytes up to and including the last complete line's newline. */
  validBytes: number;
  /** The torn last line (`line`: its 1-based line number), when there is one. */
  torn?: TornTail;
}

const NL = 10;
const CHUNK = 64 * 1024;

/** Offset just after the last newline strictly before `end` (0 when there is none). */
function lineStartBefore(fd: number, end: number): number {
  const buf = Buffer.allocUnsafe(CHUNK);
  let pos = end;
  while (pos > 0) {
    const start = Math.max(0, pos - CHUNK);
    const n = readSync(fd, buf, 0, pos - start, start);
    const i = buf.lastIndexOf(NL, n - 1);
    if (i >= 0) return start + i + 1;
    pos = start;
  }
  return 0;
}

function readRange(fd: number, start: number, end: number): Buffer {
  const buf = Buffer.allocUnsafe(end - start);
  let off = 0;
  while (off < buf.length) {
    const n = readSync(fd, buf, off, buf.length - off, start + off);
    if (n === 0) break;
    off += n;
  }
  return buf.subarray(0, off);
}

/** Number of newlines in the first `end` bytes of the file. */
function countLines(fd: number, end: number): number {
  const buf = Buffer.allocUnsafe(1024 * 1024);
  let count = 0;
  for (let pos = 0; pos < end;) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, end - pos), pos);
    if (n === 0) break;
    for (let i = buf.indexOf(NL, 0); i >= 0 && i < n; i = buf.indexOf(NL, i + 1)) count++;
    pos += n;
  }
  return count;
}

function parseLine(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/**
 * Reads the tail of the log open on `fd` (of `size` bytes) and returns its version and torn tail.
 * Throws {@link CorruptLogError} when the last complete line has no valid `seq`.
 */
export function inspectTail(fd: number, size: number, file: string): TailInfo {
  if (size === 0) return { version: 0, validBytes: 0 };
  let end = size;
  let tornStart: number | undefined;
  const last = readRange(fd, size - 1, size)[0];
  if (last !== NL) {
    tornStart = lineStartBefore(fd, size);
    end = tornStart;
  } else {
    const start = lineStartBefore(fd, size - 1);
    if (parseLine(readRange(fd, start, size - 1)) === undefined) {
      tornStart = start;
      end = start;
    }
  }
  let version = 0;
  if (end > 0) {
    const start = lineStartBefore(fd, end - 1);
    const raw = parseLine(readRange(fd, start, end - 1)) as { seq?: unknown } | undefined;
    const seq = raw?.seq;
    if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1) {
      const line = countLines(fd, start) + 1;
      throw new CorruptLogError(file, line, 'the last complete line has no valid "seq"');
    }
    version = seq;
  }
  if (tornStart === undefined) return { version, validBytes: size };
  const line = countLines(fd, tornStart) + 1;
  return { version, validBytes: tornStart, torn: { file, line, bytes: size - tornStart } };
}
