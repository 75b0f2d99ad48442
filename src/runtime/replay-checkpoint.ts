/**
 * Replay checkpoints: `wave replay` of an unchanged log at the speed of reading it.
 *
 * A replay is a pure function of the log's bytes and the code. A full replay of a log of at least
 * `writeAfterBytes` (1 MiB) leaves `.orchestrator/runtime/replay/<stream>.json` in the log's
 * repository: what the machines concluded over the log (the divergences they found), the numbers
 * of the lines the projections fold (every other line is an agent's stream fact, which only the
 * machines read), and what proves it is that log's and that code's: the SHA-256 of every byte of
 * the log up to the checkpoint's offset, the line count and last seq, and the fingerprint of the
 * code ({@link codeFingerprint}).
 *
 * A later replay of the same log verifies all of it (one pass that reads and hashes the whole
 * log, parsing nothing), then parses and folds only the projections' lines: the files are the
 * ones a full replay renders, byte for byte, and the divergences are the machines' own. A
 * checkpoint that does not match (another code, a log edited, cut, replaced or grown) is ignored
 * and the log is replayed through the machines in full, which writes a fresh one. Like every
 * projection, it is derived data: deleting it costs one full replay.
 *
 * What it does not hold is the machines' state itself: a log that grew after its checkpoint is
 * replayed in full (continuing from a checkpoint needs the coordinator to persist and restore its
 * actor tree, which it does not offer yet).
 */
import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { codeFingerprint } from '../adapters/code-fingerprint.js';
import { fastParseEvent } from '../adapters/jsonl-fast-parse.js';
import { scanLog } from '../adapters/log-scan.js';
import type { Projector } from '../projections/projector.js';

/** Format of the checkpoint file; bump it when its meaning changes. */
const FORMAT = 1;

/** The checkpoint file's content. */
interface ReplayCheckpoint {
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
}

/** A replay served by a verified checkpoint. */
export interface CheckpointReplay {
  events: number;
  lastSeq: number;
  divergences: string[];
  /** The repository named in the log's `session.started`. */
  repo: string | null;
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
    c.projected.every((s) => Number.isInteger(s))
  );
}

/** The checkpoint at `path`, or why there is none to use (`missing` when there is no file). */
function readCheckpoint(path: string): ReplayCheckpoint | string {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    if (code !== undefined && UNUSABLE.has(code)) return `it cannot be read (${code})`;
    throw error;
  }
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

/**
 * Replays `logFile` into `projector` from its checkpoint at `path` when that checkpoint is
 * verified against the whole log and the code and covers every event up to `at`. Returns the
 * replay, or why the checkpoint was not used (`missing`: there is none); on a refusal the
 * projector has folded nothing.
 */
export function replayFromCheckpoint(
  path: string,
  logFile: string,
  projector: Projector,
  at = Number.POSITIVE_INFINITY,
): CheckpointReplay | { rejected: string } {
  const cp = readCheckpoint(path);
  if (typeof cp === 'string') return { rejected: cp };
  if (cp.log !== basename(logFile)) return { rejected: `it is the checkpoint of ${cp.log}` };
  if (at < cp.lastSeq) return { rejected: `--at ${at} is before its last event (${cp.lastSeq})` };
  if (cp.code !== codeFingerprint()) return { rejected: 'another version of the code made it' };
  const size = fs.statSync(logFile).size;
  if (size !== cp.offset) {
    return {
      rejected:
        size > cp.offset
          ? `the log has ${size - cp.offset} bytes after it`
          : 'the log is shorter than it',
    };
  }
  const scan = scanLog(logFile, { wanted: new Set(cp.projected) });
  if (scan.offset !== cp.offset || scan.lines !== cp.lines || scan.sha256 !== cp.prefixSha256)
    return { rejected: 'the log differs from the one it was made from' };
  // Verified: the same bytes the full replay validated, so these lines parse as they did then.
  let repo: string | null = null;
  for (const line of scan.picked) {
    const event = fastParseEvent(JSON.parse(line));
    if (event.type === 'session.started') repo = event.data.repo;
    projector.evolve(event);
  }
  return { events: cp.lines, lastSeq: cp.lastSeq, divergences: cp.divergences, repo };
}

/** What a full replay records for its checkpoint. */
export interface ReplayRecord {
  /** Events replayed: every complete line of the log. */
  events: number;
  lastSeq: number;
  divergences: string[];
  /** Seqs of the events some projection folds, ascending. */
  projected: number[];
}

/**
 * Writes the checkpoint of a full replay of `logFile` (every complete line, `record.events` of
 * them) when the log is at least `writeAfterBytes` long (tmp file + rename). Returns whether it
 * wrote one.
 */
export function writeReplayCheckpoint(
  path: string,
  logFile: string,
  record: ReplayRecord,
  writeAfterBytes = 1 << 20,
): boolean {
  if (fs.statSync(logFile).size < writeAfterBytes) return false;
  const scan = scanLog(logFile, { maxLines: record.events });
  if (scan.lines !== record.events) return false;
  const cp: ReplayCheckpoint = {
    format: FORMAT,
    code: codeFingerprint(),
    log: basename(logFile),
    offset: scan.offset,
    lines: scan.lines,
    lastSeq: record.lastSeq,
    prefixSha256: scan.sha256,
    divergences: record.divergences,
    projected: record.projected,
  };
  fs.mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, JSON.stringify(cp));
    fs.renameSync(tmp, path);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  return true;
}

/** The event types some projection folds (the lines a checkpoint replay parses). */
export function projectedTypes(
  projections: readonly { handles: readonly string[] }[],
): ReadonlySet<string> {
  return new Set(projections.flatMap((p) => p.handles));
}
