/** The status snapshot's file and the short log reads that verify it (see `status-snapshot.ts`). */
import type { BudgetSpendState } from '../domain/budget/spend.fold.js';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { dirname } from 'node:path';
import type { MissionStatuses, ProgressJson } from '../projections/progress.codec.js';

const { readSync } = fs;

const NL = 10;
const CHUNK = 16 * 1024;

/**
 * The bytes of the line whose newline is the byte at `offset - 1` (without the newline), or null
 * when that byte is not a newline. Reads backwards in small chunks: the cost is the line's length.
 */
export function lastLineBefore(fd: number, offset: number): Buffer | null {
  if (offset <= 0) return null;
  const one = Buffer.alloc(1);
  if (readSync(fd, one, 0, 1, offset - 1) !== 1 || one[0] !== NL) return null;
  const parts: Buffer[] = [];
  let end = offset - 1;
  while (end > 0) {
    const start = Math.max(0, end - CHUNK);
    const buf = Buffer.allocUnsafe(end - start);
    const n = readSync(fd, buf, 0, buf.length, start);
    const chunk = buf.subarray(0, n);
    const i = chunk.lastIndexOf(NL);
    if (i >= 0) {
      parts.unshift(chunk.subarray(i + 1));
      return Buffer.concat(parts);
    }
    parts.unshift(chunk);
    end = start;
  }
  return Buffer.concat(parts);
}

/** The snapshot file's content. */
export interface SnapshotJson {
  format: number;
  log: string;
  offset: number;
  lines: number;
  lastSeq: number;
  firstLineSha256: string;
  lastLineSha256: string;
  view: ProgressJson;
  missions: MissionStatuses;
  spend: BudgetSpendState;
}

/** SHA-256 of bytes, hex. */
export const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

function readRange(fd: number, start: number, end: number): Buffer {
  const buf = Buffer.allocUnsafe(end - start);
  let off = 0;
  while (off < buf.length) {
    const n = fs.readSync(fd, buf, off, buf.length - off, start + off);
    if (n === 0) break;
    off += n;
  }
  return buf.subarray(0, off);
}

/** The first line of the file (without its newline), or null when it has none yet. */
export function firstLine(fd: number, size: number): Buffer | null {
  for (let end = Math.min(size, 4096); ; end = Math.min(size, end * 4)) {
    const head = readRange(fd, 0, end);
    const nl = head.indexOf(10);
    if (nl >= 0) return head.subarray(0, nl);
    if (end >= size) return null;
  }
}

/** Writes the snapshot atomically (tmp file + rename), creating its directory. */
export function writeSnapshotFile(path: string, snap: SnapshotJson): void {
  fs.mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, JSON.stringify(snap));
    fs.renameSync(tmp, path);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}
