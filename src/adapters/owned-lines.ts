/**
 * This session's lines inside a shared JSONL file (sessions.jsonl, events.jsonl), merged
 * incrementally.
 *
 * The first write of a session reads the file. When none of the output's markers (the quoted
 * session ids) occurs in it, it holds no line of ours: our lines are appended at its end, as the
 * reference appends its telemetry. Otherwise the foreign lines are kept in order and ours gathered
 * at the position of the first one (atomic rewrite): the file becomes `prefix + ours + suffix`.
 * The writer remembers where our block starts, with the file's identity (inode, size, mtime) as
 * it left it. While the file is still the one it wrote, the next write needs no read and no
 * split: lines added to a block that ends the file are appended; any other change rewrites the
 * file from its first `start` bytes, our block and the remembered suffix (tmp file + rename).
 * Another process touching the file changes its identity, and the next write merges from the
 * disk again. Whatever the number of foreign lines, a commit costs what our lines cost.
 */
import * as fs from 'node:fs';
import { wellFormedText } from '../domain/well-formed.js';
import type { OwnedLinesOutput } from '../projections/projection.js';

/** A shared file as this writer last left it. */
interface OwnedSplit {
  /** Byte offset of our block: the foreign bytes before it are the file's first `start` bytes. */
  start: number;
  /** Our block ('' or `\n`-terminated lines). */
  ours: string;
  /** Foreign lines after ours ('' when our block ends the file). */
  suffix: string;
  mtimeMs: number;
  size: number;
  ino: number;
}
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const block = (lines: readonly string[]): string => (lines.length ? `${lines.join('\n')}\n` : '');

/**
 * Splits `current` into the foreign text before the first owned line, and the foreign text after
 * it (owned lines dropped). With no owned line, every foreign line is in `prefix`.
 */
function splitOwned(
  current: string,
  owns: OwnedLinesOutput['owns'],
): { prefix: string; suffix: string } {
  const before: string[] = [];
  const after: string[] = [];
  let seen = false;
  for (const line of splitLines(current)) {
    if (owns(line)) seen = true;
    else (seen ? after : before).push(line);
  }
  return { prefix: block(before), suffix: block(after) };
}

/**
 * The new content of a shared JSONL file: foreign lines kept in order, ours replaced at the
 * position of the first owned line (or appended). Returns `current` itself when nothing changes,
 * and null when the file does not exist and there is nothing to write.
 */
export function mergeOwnedLines(
  current: string | null,
  out: Pick<OwnedLinesOutput, 'owns' | 'lines'>,
): string | null {
  if (current === null) return out.lines.length ? block(out.lines) : null;
  const { prefix, suffix } = splitOwned(current, out.owns);
  const merged = prefix + block(out.lines) + suffix;
  // The same lines, only the last one's newline missing: nothing to rewrite.
  return merged === current || merged === `${current}\n` ? current : merged;
}

/** What the shared-file writer needs from the projection writer. */
export interface OwnedLinesIo {
  /** The file's stats, or null when it does not exist. */
  stat(abs: string): fs.Stats | null;
  /** Atomically replaces the file with the concatenated parts; returns its new stats. */
  replaceFile(abs: string, parts: readonly (string | Buffer)[]): fs.Stats;
}

const same = (a: OwnedSplit, st: fs.Stats): boolean =>
  a.ino === st.ino && a.size === st.size && a.mtimeMs === st.mtimeMs;

const identity = (st: fs.Stats) => ({ mtimeMs: st.mtimeMs, size: st.size, ino: st.ino });

function readPrefix(abs: string, bytes: number): Buffer {
  const fd = fs.openSync(abs, 'r');
  try {
    const buf = Buffer.allocUnsafe(bytes);
    let off = 0;
    while (off < bytes) {
      const n = fs.readSync(fd, buf, off, bytes - off, off);
      if (n === 0) break;
      off += n;
    }
    return buf.subarray(0, off);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes this session's lines into shared JSONL files, incrementally (see the file comment). */
export class OwnedLinesWriter {
  private readonly files = new Map<string, OwnedSplit>();

  constructor(private readonly io: OwnedLinesIo) {}

  private remember(key: string | null, split: OwnedSplit): void {
    if (key !== null) this.files.set(key, split);
  }

  /** Puts `out`'s lines into the file at `abs`; returns whether it wrote. */
  write(abs: string, out: OwnedLinesOutput): 'written' | 'unchanged' {
    const ours = wellFormedText(block(out.lines));
    const st = this.io.stat(abs);
    // Remembered per file and owner (one writer may put several sessions' lines in one file, as a
    // rebuild does); an output without markers is merged from the disk every time.
    const key = out.markers ? `${abs}\0${out.markers.join('\0')}` : null;
    const known = key === null ? undefined : this.files.get(key);
    if (known && st && same(known, st)) {
      if (known.ours === ours) return 'unchanged';
      if (known.suffix === '' && ours.startsWith(known.ours)) {
        fs.appendFileSync(abs, ours.slice(known.ours.length));
        this.remember(key, { ...known, ours, ...identity(fs.statSync(abs)) });
        return 'written';
      }
      const written = this.io.replaceFile(abs, [readPrefix(abs, known.start), ours, known.suffix]);
      this.remember(key, { ...known, ours, ...identity(written) });
      return 'written';
    }
    if (key !== null) this.files.delete(key);
    if (!st) {
      if (ours === '') return 'unchanged';
      const written = this.io.replaceFile(abs, [ours]);
      this.remember(key, { start: 0, ours, suffix: '', ...identity(written) });
      return 'written';
    }
    const bytes = fs.readFileSync(abs);
    if (out.markers && !out.markers.some((m) => bytes.includes(m))) {
      // No line of ours in it: our block goes at its end.
      const nl = bytes.length > 0 && bytes[bytes.length - 1] !== 10 ? '\n' : '';
      const start = bytes.length + nl.length;
      if (ours === '') {
        // Remembered (unless the last line lacks its newline): the next writes need no read.
        if (nl === '') this.remember(key, { start, ours, suffix: '', ...identity(st) });
        return 'unchanged';
      }
      fs.appendFileSync(abs, nl + ours);
      this.remember(key, { start, ours, suffix: '', ...identity(fs.statSync(abs)) });
      return 'written';
    }
    const current = bytes.toString('utf8');
    const { prefix, suffix } = splitOwned(current, out.owns);
    const start = Buffer.byteLength(prefix);
    const merged = prefix + ours + suffix;
    if (merged === current) {
      this.remember(key, { start, ours, suffix, ...identity(st) });
      return 'unchanged';
    }
    if (merged === `${current}\n`) return 'unchanged';
    const written = this.io.replaceFile(abs, [prefix, ours, suffix]);
    this.remember(key, { start, ours, suffix, ...identity(written) });
    return 'written';
  }
}
