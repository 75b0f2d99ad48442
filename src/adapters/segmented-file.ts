/**
 * Writes a whole file given in segments (a `FileOutput` with `segments`: STATE.md in blocks of 128
 * tasks) at a cost that follows what changed, not the file's size, apart from the write itself.
 *
 * The writer remembers, per file, the segments it last wrote, their UTF-8 bytes and the file's
 * identity (inode, size, mtime) as it left it. A segment that is the same string as one of the
 * last write keeps its bytes: only new segments are checked for lone surrogates and encoded. While
 * the file is still the one it wrote, an output whose segments are those of the last write is
 * unchanged without looking at a byte; one of the same byte length is compared byte for byte with
 * the remembered bytes. Otherwise the file's bytes are read and compared (another process wrote
 * it). A changed file is replaced atomically (tmp file + rename) from the segments' bytes, written
 * with `writev`: the text is never joined, encoded or compared as a whole.
 */
import type * as fs from 'node:fs';
import { readFileSync } from 'node:fs';

/** A file as this writer last left it. */
interface Written {
  segments: readonly string[];
  /** Each segment of the last write → its UTF-8 bytes. */
  bytes: Map<string, Buffer>;
  buffers: readonly Buffer[];
  size: number;
  mtimeMs: number;
  ino: number;
}

/** What the segmented writer needs from the projection writer. */
export interface SegmentedIo {
  /** The file's stats, or null when it does not exist. */
  stat(abs: string): fs.Stats | null;
  /** Atomically replaces the file with the concatenated parts; returns its new stats. */
  replaceFile(abs: string, parts: readonly (string | Buffer)[]): fs.Stats;
}

type WellFormedString = string & { isWellFormed(): boolean };

/** True when the two lists of buffers hold the same bytes (equal total length assumed). */
function sameBytes(a: readonly Buffer[], b: readonly Buffer[]): boolean {
  let i = 0;
  let j = 0;
  let ai = 0;
  let bj = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Buffer;
    const y = b[j] as Buffer;
    const n = Math.min(x.length - ai, y.length - bj);
    if (n > 0 && x.compare(y, bj, bj + n, ai, ai + n) !== 0) return false;
    ai += n;
    bj += n;
    if (ai === x.length) [i, ai] = [i + 1, 0];
    if (bj === y.length) [j, bj] = [j + 1, 0];
  }
  return true;
}

const sameSegments = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((s, i) => s === b[i]);

/** Writer of segmented whole files under one projection writer. */
export class SegmentedFiles {
  readonly #last = new Map<string, Written>();

  constructor(private readonly io: SegmentedIo) {}

  /** Forgets what it wrote to `abs` (another path of the writer wrote or deleted it). */
  forget(abs: string): void {
    this.#last.delete(abs);
  }

  /**
   * Makes the file at `abs` hold the concatenated segments: 'written', 'unchanged', or null when a
   * segment is not well-formed UTF-16 (the caller writes the whole text instead, repaired).
   */
  write(abs: string, segments: readonly string[]): 'written' | 'unchanged' | null {
    const last = this.#last.get(abs);
    const bytes = new Map<string, Buffer>();
    const buffers: Buffer[] = [];
    let size = 0;
    for (const s of segments) {
      let buf = bytes.get(s) ?? last?.bytes.get(s);
      if (buf === undefined) {
        if (!(s as WellFormedString).isWellFormed()) return null;
        buf = Buffer.from(s);
      }
      bytes.set(s, buf);
      buffers.push(buf);
      size += buf.length;
    }
    const st = this.io.stat(abs);
    if (st !== null && st.size === size && this.#holds(abs, st, last, segments, buffers)) {
      this.#last.set(abs, { segments, bytes, buffers, size, mtimeMs: st.mtimeMs, ino: st.ino });
      return 'unchanged';
    }
    const written = this.io.replaceFile(abs, buffers);
    this.#last.set(abs, {
      segments,
      bytes,
      buffers,
      size,
      mtimeMs: written.mtimeMs,
      ino: written.ino,
    });
    return 'written';
  }

  /** True when the file (of the wanted size) already holds the wanted bytes. */
  #holds(
    abs: string,
    st: fs.Stats,
    last: Written | undefined,
    segments: readonly string[],
    buffers: readonly Buffer[],
  ): boolean {
    if (last && last.mtimeMs === st.mtimeMs && last.size === st.size && last.ino === st.ino) {
      return sameSegments(last.segments, segments) || sameBytes(last.buffers, buffers);
    }
    let disk: Buffer;
    try {
      disk = readFileSync(abs);
    } catch (err) {
      if ((err as NodeJS.ErrnoException | null)?.code === 'ENOENT') return false; // gone since stat
      throw err;
    }
    return disk.length === st.size && sameBytes([disk], buffers);
  }
}
