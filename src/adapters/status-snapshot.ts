/**
 * The status snapshot: `wave status` in constant time whatever the log's size.
 *
 * `.orchestrator/runtime/status/<stream>.json` holds the progress view and mission statuses folded
 * from the first `offset` bytes of the log, with what proves they are that log's: the byte offset
 * (just after a newline), the number of lines, the seq of the last line, and the SHA-256 of the
 * first line and of the last line before the offset. A reader checks those against the log (two
 * short reads), then folds only the lines after the offset. A snapshot that does not match (the
 * log was cut, replaced or forked; the file is torn; another fold version wrote it) is ignored:
 * the whole log is folded, and the snapshot is written again.
 *
 * It is a cache, like every projection: deleting it costs one full read. A fold that read at least
 * `writeAfterBytes` of log (default 1 MiB) writes a fresh one (tmp file + rename), so a small log
 * leaves no file behind.
 */
import * as fs from 'node:fs';
import { basename, join } from 'node:path';
import type { BudgetSpendState } from '../domain/budget/spend.fold.js';
import type { ProgressView } from '../projections/progress.types.js';
import {
  PROGRESS_CODEC_VERSION,
  decodeProgress,
  encodeProgress,
  type MissionStatuses,
} from '../projections/progress.codec.js';
import {
  firstLine,
  lastLineBefore,
  sha,
  writeSnapshotFile,
  type SnapshotJson,
} from './status-snapshot.file.js';
import type { Folded, FoldEnd } from './status-snapshot.fold.js';

/** The fold (and its modules) is loaded only when there are lines to fold. */
const foldModule = () => import('./status-snapshot.fold.js');

/** What {@link loadStatus} folded, and how. */
export interface LoadedStatus {
  view: ProgressView;
  missions: MissionStatuses;
  /** Spend so far (tokens, dollars, minutes) per session, wave and agent run. */
  spend: BudgetSpendState;
  /** `snapshot`: a verified snapshot plus the log after it; `log`: the whole log. */
  from: 'snapshot' | 'log';
  /** Why a snapshot that was there was not used. */
  rejected?: string;
  /** Bytes of log read and folded. */
  foldedBytes: number;
  /** True when a fresh snapshot was written. */
  wrote: boolean;
}

/** Where the snapshot of the log `logFile` lives in `repo`. */
export function statusSnapshotPath(repo: string, logFile: string): string {
  return join(repo, '.orchestrator', 'runtime', 'status', `${basename(logFile, '.jsonl')}.json`);
}

function readSnapshot(path: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if (error instanceof SyntaxError) return null;
    throw error;
  }
}

/** Checks a parsed snapshot against the log; returns why it does not fit, or null when it does. */
function mismatch(snap: SnapshotJson, fd: number, size: number, logName: string): string | null {
  if (snap.format !== PROGRESS_CODEC_VERSION) return `format ${String(snap.format)}`;
  if (snap.log !== logName) return `it is the snapshot of ${String(snap.log)}`;
  if (!Number.isInteger(snap.offset) || snap.offset <= 0 || snap.offset > size)
    return `offset ${String(snap.offset)} is outside the log (${size} bytes)`;
  const first = firstLine(fd, size);
  if (first === null || sha(first) !== snap.firstLineSha256) return 'the first line differs';
  const last = lastLineBefore(fd, snap.offset);
  if (last === null || sha(last) !== snap.lastLineSha256)
    return `the line before byte ${snap.offset} differs`;
  return null;
}

function isSnapshot(raw: unknown): raw is SnapshotJson {
  const s = raw as Partial<SnapshotJson> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.offset === 'number' &&
    typeof s.lines === 'number' &&
    typeof s.lastSeq === 'number' &&
    typeof s.view === 'object' &&
    s.view !== null &&
    Array.isArray(s.view.waves) &&
    Array.isArray(s.view.agents) &&
    Array.isArray(s.view.openQuestions) &&
    typeof s.missions === 'object' &&
    s.missions !== null &&
    typeof s.spend === 'object' &&
    s.spend !== null &&
    typeof s.spend.session === 'object'
  );
}

/**
 * Folds the status of the log `logFile` of `repo`: from its verified snapshot plus the lines after
 * it, or from the whole log. Throws {@link CorruptLogError} for a line that is not JSON (a torn
 * last line without its newline is ignored, as every reader does).
 */
export async function loadStatus(
  repo: string,
  logFile: string,
  options: { writeAfterBytes?: number } = {},
): Promise<LoadedStatus> {
  const snapPath = statusSnapshotPath(repo, logFile);
  const logName = basename(logFile);
  const fd = fs.openSync(logFile, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const raw = readSnapshot(snapPath);
    let rejected: string | undefined;
    let start: Folded | null = null;
    if (raw === null) rejected = 'it is not JSON';
    else if (raw !== undefined && !isSnapshot(raw)) rejected = 'it lacks fields';
    else if (raw !== undefined) {
      const why = mismatch(raw, fd, size, logName);
      if (why !== null) rejected = why;
      else
        start = {
          offset: raw.offset,
          lines: raw.lines,
          view: decodeProgress(raw.view),
          missions: raw.missions,
          spend: raw.spend,
        };
    }
    start ??= (await foldModule()).emptyFold();
    const from = start.offset > 0 ? 'snapshot' : 'log';
    // A snapshot of the whole log (the usual case once a session ended) needs no fold at all.
    const end: FoldEnd =
      start.offset === size
        ? { offset: start.offset, lines: start.lines, lastLine: null }
        : await (await foldModule()).foldFrom(fd, logFile, start);
    const foldedBytes = end.offset - start.offset;
    const wrote =
      foldedBytes >= (options.writeAfterBytes ?? 1 << 20) && end.lastLine !== null
        ? writeSnapshot(snapPath, fd, size, logName, start, end)
        : false;
    return {
      view: start.view,
      missions: start.missions,
      spend: start.spend,
      from,
      ...(rejected !== undefined ? { rejected } : {}),
      foldedBytes,
      wrote,
    };
  } finally {
    fs.closeSync(fd);
  }
}

function writeSnapshot(
  path: string,
  fd: number,
  size: number,
  logName: string,
  folded: { view: ProgressView; missions: MissionStatuses; spend: BudgetSpendState },
  end: FoldEnd,
): boolean {
  const first = firstLine(fd, size);
  const last = lastLineBefore(fd, end.offset);
  if (first === null || last === null) return false;
  writeSnapshotFile(path, {
    format: PROGRESS_CODEC_VERSION,
    log: logName,
    offset: end.offset,
    lines: end.lines,
    lastSeq: folded.view.lastSeq,
    firstLineSha256: sha(first),
    lastLineSha256: sha(last),
    view: encodeProgress(folded.view),
    missions: folded.missions,
    spend: folded.spend,
  });
  return true;
}

/**
 * Writes the snapshot of a live session's complete log (`logFile`, closed or quiescent) from the
 * view its process folded as it committed: when the log's last line is the view's last event.
 * Returns false (and writes nothing) when it is not.
 */
export function saveStatus(
  repo: string,
  logFile: string,
  view: ProgressView,
  missions: MissionStatuses,
  spend: BudgetSpendState,
): boolean {
  const fd = fs.openSync(logFile, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const last = lastLineBefore(fd, size);
    if (last === null) return false;
    let seq: unknown;
    try {
      seq = (JSON.parse(last.toString('utf8')) as { seq?: unknown }).seq;
    } catch (error) {
      if (error instanceof SyntaxError) return false; // a torn end: the next reader folds it
      throw error;
    }
    if (seq !== view.lastSeq) return false;
    return writeSnapshot(
      statusSnapshotPath(repo, logFile),
      fd,
      size,
      basename(logFile),
      { view, missions, spend },
      {
        offset: size,
        lines: view.lastSeq,
        lastLine: last,
      },
    );
  } finally {
    fs.closeSync(fd);
  }
}
