/**
 * The files of a replay checkpoint (`replay-checkpoint.ts`): where they live, their format, and
 * reading and writing them whole. A file that cannot be read or written for a reason of the disk
 * (permissions, a full or read-only disk, something else in the way) is reported, not thrown.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { join, basename } from 'node:path';

/** Format of the checkpoint file; bump it when its meaning changes. */
export const FORMAT = 2;

/** The checkpoint file's content. */
export interface ReplayCheckpoint {
  format: number;
  /** {@link codeFingerprint} of the code that replayed the log. */
  code: string;
  /** The log's file name. */
  log: string;
  /** Bytes of the log the checkpoint covers (the end of its last line). */
  offset: number;
  /** Lines (= events) of the log up to `offset`. */
  lines: number;
  lastSeq: number;
  /** SHA-256 (hex) of the log's bytes `[0, offset)`. */
  prefixSha256: string;
  /** The divergences the machines found, in log order. */
  divergences: string[];
  /** Seqs of the events some projection folds, ascending. */
  projected: number[];
  /** SHA-256 (hex) of the machine state file. */
  machinesSha256: string;
}

/**
 * Errors of a checkpoint path that cannot be read or written (no permission, a read-only or full
 * disk, something else in the way): the replay goes on without it, and says so.
 */
export const UNUSABLE: ReadonlySet<string> = new Set([
  'EACCES',
  'EPERM',
  'EROFS',
  'ENOSPC',
  'EDQUOT',
  'EISDIR',
  'ENOTDIR',
  'EEXIST',
]);

/** Where the replay checkpoint of the log `logFile` of `repo` lives. */
export function replayCheckpointPath(repo: string, logFile: string): string {
  return join(repo, '.orchestrator', 'runtime', 'replay', `${basename(logFile, '.jsonl')}.json`);
}

/** The machine state file beside the checkpoint at `path`. */
export const machinesPath = (path: string): string => `${path.replace(/\.json$/, '')}.machines`;

export const sha256 = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex');

function isCheckpoint(raw: unknown): raw is ReplayCheckpoint {
  const c = raw as Partial<ReplayCheckpoint> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.code === 'string' &&
    typeof c.log === 'string' &&
    Number.isInteger(c.offset) &&
    Number.isInteger(c.lines) &&
    Number.isInteger(c.lastSeq) &&
    typeof c.prefixSha256 === 'string' &&
    Array.isArray(c.divergences) &&
    c.divergences.every((d) => typeof d === 'string') &&
    Array.isArray(c.projected) &&
    c.projected.every((s) => Number.isInteger(s)) &&
    typeof c.machinesSha256 === 'string'
  );
}

/** The bytes at `path`, or why they cannot be had (`missing` when there is no file). */
export function readBytes(path: string): Buffer | string {
  try {
    return fs.readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    if (code !== undefined && UNUSABLE.has(code)) return `it cannot be read (${code})`;
    throw error;
  }
}

/** The checkpoint at `path`, or why there is none to use (`missing` when there is no file). */
export function readCheckpoint(path: string): ReplayCheckpoint | string {
  const bytes = readBytes(path);
  if (typeof bytes === 'string') return bytes;
  const text = bytes.toString('utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return 'it is not JSON';
    throw error;
  }
  if (!isCheckpoint(raw)) return 'it lacks fields';
  if (raw.format !== FORMAT) return `format ${String(raw.format)}`;
  return raw;
}

/** Writes `bytes` to `path` whole or not at all (tmp file + rename). */
export function writeWhole(path: string, bytes: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, path);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}
