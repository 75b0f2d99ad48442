/**
 * Replay checkpoints: `wave replay` of a long log at the speed of reading it.
 *
 * A replay is a pure function of the log's bytes and the code. A full replay of a log of at least
 * `writeAfterBytes` (1 MiB) leaves `.orchestrator/runtime/replay/<stream>.json` in the log's
 * repository, with `<stream>.machines` beside it: what the machines concluded over the log (the
 * divergences they found) and their whole state at its end ({@link CoordinatorCheckpoint}, the
 * coordinator's books and XState's persisted snapshot of the actor tree), the numbers of the lines
 * the projections fold (every other line is an agent's stream fact, which only the machines read),
 * and what proves it is that log's and that code's: the SHA-256 of every byte of the log up to the
 * checkpoint's offset, the line count and last seq, the fingerprint of the code
 * ({@link codeFingerprint}) and the SHA-256 of the machine state file.
 *
 * A later replay verifies all of it (one pass that reads and hashes the log up to the offset,
 * parsing nothing), then parses and folds only the projections' lines up to the offset:
 * - the log is unchanged: that is the whole replay; the files are the ones a full replay renders,
 *   byte for byte, and the divergences are the machines' own;
 * - the log grew (the session went on, or was resumed): the machines are restored from their state
 *   at the offset and only the new events go through them and the projections; a fresh checkpoint
 *   is left at the new end.
 * A checkpoint that does not match (another code, a log edited, cut or replaced, a machine state
 * file missing or foreign) is ignored and the log is replayed through the machines in full, which
 * writes a fresh one. Like every projection it is derived data: deleting it costs one full replay.
 */
import * as fs from 'node:fs';
import { basename, dirname } from 'node:path';
import { codeFingerprint } from '../adapters/code-fingerprint.js';
import { fastParseEvent } from '../adapters/jsonl-fast-parse.js';
import { scanLog } from '../adapters/log-scan.js';
import {
  decodeCoordinatorCheckpoint,
  encodeCoordinatorCheckpoint,
} from '../adapters/coordinator-checkpoint.codec.js';
import type { CoordinatorCheckpoint } from '../machines/coordinator-checkpoint.js';
import type { Projector } from '../projections/projector.js';
import {
  FORMAT,
  machinesPath,
  readBytes,
  readCheckpoint,
  sha256,
  writeWhole,
  type ReplayCheckpoint,
} from './replay-checkpoint.file.js';

export { replayCheckpointPath, UNUSABLE } from './replay-checkpoint.file.js';

/** A replay served by a verified checkpoint (the projections folded up to its offset). */
export interface CheckpointReplay {
  events: number;
  lastSeq: number;
  divergences: string[];
  /** The repository named in the log's `session.started`. */
  repo: string | null;
}

/** A verified checkpoint of a prefix of a log that grew: where to go on from. */
export interface CheckpointPrefix extends CheckpointReplay {
  /** The byte where the lines after the checkpoint begin. */
  offset: number;
  /** Seqs of the prefix's events some projection folds. */
  projected: number[];
  /** The machines' state at the offset. */
  machines: CoordinatorCheckpoint;
}

/**
 * Checks the checkpoint at `path` against the code, `at` and the log's size (reading nothing of
 * the log): the checkpoint and whether the log grew after it, or why it cannot be used.
 */
function usable(
  path: string,
  logFile: string,
  at: number,
): { cp: ReplayCheckpoint; grown: boolean } | { rejected: string } {
  const cp = readCheckpoint(path);
  if (typeof cp === 'string') return { rejected: cp };
  if (cp.log !== basename(logFile)) return { rejected: `it is the checkpoint of ${cp.log}` };
  if (at < cp.lastSeq) return { rejected: `--at ${at} is before its last event (${cp.lastSeq})` };
  if (cp.code !== codeFingerprint()) return { rejected: 'another version of the code made it' };
  const size = fs.statSync(logFile).size;
  if (size < cp.offset) return { rejected: 'the log is shorter than it' };
  return { cp, grown: size > cp.offset };
}

/** The machines' state saved with `cp`, or why it cannot be used. */
function readMachines(path: string, cp: ReplayCheckpoint): CoordinatorCheckpoint | string {
  const bytes = readBytes(machinesPath(path));
  if (bytes === 'missing') return 'its machine state is missing';
  if (typeof bytes === 'string') return `its machine state ${bytes.slice(3)}`;
  if (sha256(bytes) !== cp.machinesSha256)
    return 'its machine state is not the one it was made with';
  return decodeCoordinatorCheckpoint(bytes);
}

/**
 * Verifies that the log's first `cp.lines` lines are the bytes `cp` was made from, then folds the
 * projections' lines among them into `projector`. Returns the repository named in the log (or
 * null), or why the log is not that one (then the projector has folded nothing).
 */
function foldVerified(
  cp: ReplayCheckpoint,
  logFile: string,
  projector: Projector,
): { repo: string | null } | { rejected: string } {
  const scan = scanLog(logFile, { wanted: new Set(cp.projected), maxLines: cp.lines });
  if (scan.offset !== cp.offset || scan.lines !== cp.lines || scan.sha256 !== cp.prefixSha256)
    return { rejected: 'the log differs from the one it was made from' };
  // Verified: the same bytes the full replay validated, so these lines parse as they did then.
  let repo: string | null = null;
  for (const line of scan.picked) {
    const event = fastParseEvent(JSON.parse(line));
    if (event.type === 'session.started') repo = event.data.repo;
    projector.evolve(event);
  }
  return { repo };
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
  const found = usable(path, logFile, at);
  if ('rejected' in found) return found;
  const { cp, grown } = found;
  if (grown)
    return { rejected: `the log has ${fs.statSync(logFile).size - cp.offset} bytes after it` };
  const folded = foldVerified(cp, logFile, projector);
  if ('rejected' in folded) return folded;
  return { events: cp.lines, lastSeq: cp.lastSeq, divergences: cp.divergences, repo: folded.repo };
}

/**
 * For a log that grew after its checkpoint at `path`: verifies the checkpoint against the log's
 * prefix, the code and its machine state, folds the prefix's projection lines into `projector`
 * and returns where to go on from (the offset, the machines' state, the prefix's counts). On a
 * refusal (also: the log did not grow) the projector has folded nothing.
 */
export function continueFromCheckpoint(
  path: string,
  logFile: string,
  projector: Projector,
  at = Number.POSITIVE_INFINITY,
): CheckpointPrefix | { rejected: string } {
  const found = usable(path, logFile, at);
  if ('rejected' in found) return found;
  const { cp, grown } = found;
  if (!grown) return { rejected: 'the log did not grow' };
  const machines = readMachines(path, cp);
  if (typeof machines === 'string') return { rejected: machines };
  const folded = foldVerified(cp, logFile, projector);
  if ('rejected' in folded) return folded;
  return {
    events: cp.lines,
    lastSeq: cp.lastSeq,
    divergences: cp.divergences,
    repo: folded.repo,
    offset: cp.offset,
    projected: cp.projected,
    machines,
  };
}

/** What a full replay records for its checkpoint. */
export interface ReplayRecord {
  /** Events replayed: every complete line of the log. */
  events: number;
  lastSeq: number;
  divergences: string[];
  /**
   * Seqs of the events some projection folds, ascending; or the event types the projections
   * fold, and the seqs are read off the log as it is hashed (a live session's end).
   */
  projected: number[] | { types: ReadonlySet<string> };
}

/**
 * Writes the checkpoint of a full replay of `logFile` (every complete line, `record.events` of
 * them) and the machines' state at its end when the log is at least `writeAfterBytes` long (the
 * machine state first, then the checkpoint that names its hash; each tmp file + rename). Returns
 * whether it wrote one.
 */
export function writeReplayCheckpoint(
  path: string,
  logFile: string,
  record: ReplayRecord,
  machines: CoordinatorCheckpoint,
  writeAfterBytes = 1 << 20,
): boolean {
  if (fs.statSync(logFile).size < writeAfterBytes) return false;
  const types = Array.isArray(record.projected) ? undefined : record.projected.types;
  const scan = scanLog(logFile, { maxLines: record.events, ...(types ? { types } : {}) });
  if (scan.lines !== record.events) return false;
  const state = encodeCoordinatorCheckpoint(machines);
  fs.mkdirSync(dirname(path), { recursive: true });
  writeWhole(machinesPath(path), state);
  const cp: ReplayCheckpoint = {
    format: FORMAT,
    code: codeFingerprint(),
    log: basename(logFile),
    offset: scan.offset,
    lines: scan.lines,
    lastSeq: record.lastSeq,
    prefixSha256: scan.sha256,
    divergences: record.divergences,
    projected: Array.isArray(record.projected) ? record.projected : scan.typed,
    machinesSha256: sha256(state),
  };
  writeWhole(path, JSON.stringify(cp));
  return true;
}

/** The event types some projection folds (the lines a checkpoint replay parses). */
export function projectedTypes(
  projections: readonly { handles: readonly string[] }[],
): ReadonlySet<string> {
  return new Set(projections.flatMap((p) => p.handles));
}
