/**
 * The replay checkpoint a live session leaves when it stops (completed, aborted or paused), so the
 * first `wave replay` of its log is served by the checkpoint instead of sending every event through
 * the machines again (`replay-checkpoint.ts`). The live coordinator folded exactly the events of
 * the log, in its order: its state is the one a full replay reaches. Only for the repository's own
 * JSONL log (`<repo>/.orchestrator/log/<stream>.jsonl`) of at least `afterBytes`.
 */
import { basename, join, resolve } from 'node:path';
import type { Coordinator } from '../machines/coordinator.js';
import type { Projection } from '../projections/projection.js';
import {
  projectedTypes,
  replayCheckpointPath,
  UNUSABLE,
  writeReplayCheckpoint,
} from './replay-checkpoint.js';

/** What {@link leaveSessionCheckpoint} needs of the stopped session. */
export interface StoppedSession {
  repo: string;
  /** Where the store keeps the log (null: not a file). */
  logFile: string | null;
  /** The last seq the coordinator folded. */
  version: number;
  coordinator: Coordinator;
  projections: readonly Projection<unknown>[];
  /** Leave one only for a log of at least this many bytes (default 1 MiB). */
  afterBytes?: number;
}

/**
 * Leaves the checkpoint; returns whether it did. A checkpoint that cannot be written for a reason
 * of the disk is skipped (it is derived data: the next replay goes through the machines and
 * writes it); any other error is thrown.
 */
export function leaveSessionCheckpoint(s: StoppedSession): boolean {
  if (s.logFile === null || s.version === 0) return false;
  const own = join(resolve(s.repo), '.orchestrator', 'log', basename(s.logFile));
  if (resolve(s.logFile) !== own) return false;
  const record = {
    events: s.version,
    lastSeq: s.version,
    divergences: s.coordinator.divergences.map((d) => d.message),
    projected: { types: projectedTypes(s.projections) },
  };
  try {
    return writeReplayCheckpoint(
      replayCheckpointPath(s.repo, own),
      own,
      record,
      s.coordinator.checkpoint(),
      s.afterBytes,
    );
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined && UNUSABLE.has(code)) return false;
    throw error;
  }
}
