/**
 * `wave replay <log> [--out DIR] [--check] [--at SEQ]`: rebuilds every projection from a log, as
 * of any event. Exit 0; 1 when `--check` finds a difference; 2 for a bad log.
 */
import { dirname, resolve, sep } from 'node:path';
import { CorruptLogError, PreconditionError } from '../errors.js';
import type { DomainEvent } from '../events.js';
import { readLogFile } from '../adapters/jsonl-reader.js';
import { directoryOption } from './cli-paths.js';
import { createProjectionWriter } from '../adapters/projection-writer.js';
import { allProjections } from '../projections/all.projections.js';
import { Projector } from '../projections/projector.js';
import { textOption } from './cli-options.js';
import {
  continueFromCheckpoint,
  projectedTypes,
  type CheckpointPrefix,
  replayCheckpointPath,
  replayFromCheckpoint,
  UNUSABLE,
  writeReplayCheckpoint,
} from '../runtime/replay-checkpoint.js';

/** Everything a replay produced. */
export interface ReplayResult {
  events: number;
  lastSeq: number;
  outputs: ReturnType<Projector['render']>;
  divergences: string[];
  repo: string | null;
  /**
   * `used`: served by a verified checkpoint; `continued`: the log grew after its checkpoint,
   * only the new events went through the machines (and a fresh checkpoint is left, unless `note`
   * says why not); `written`: replayed in full, checkpoint left.
   */
  checkpoint: 'used' | 'continued' | 'written' | 'none';
  /** Why no checkpoint could be left (its directory not writable, the disk full…). */
  note?: string;
}

/** A log that cannot be opened is bad input (exit 2) with a plain reason, not a crash. */
function unreadable(file: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return new PreconditionError(`${file}: no such log file`);
  if (code === 'EISDIR') return new PreconditionError(`${file}: is a directory, not a log file`);
  if (code === 'EACCES') return new PreconditionError(`${file}: permission denied`);
  return error;
}

/** Options of {@link replayLog}. */
export interface ReplayOptions {
  /**
   * The replay checkpoint to use and leave (`src/runtime/replay-checkpoint.ts`); none when the
   * log is not in a repository's `.orchestrator/log/`.
   */
  checkpoint?: string | null;
  /** Leave a checkpoint only for a log of at least this many bytes (default 1 MiB). */
  checkpointAfterBytes?: number;
}

/** Where a replay through the machines begins: the log's start, or a verified checkpoint. */
interface Start {
  prefix: CheckpointPrefix | null;
  projector: Projector;
}

/**
 * Replays a log file (validated) up to `at` into all projections and the machines; from its
 * verified checkpoint when there is one for this log and code (the whole log, or the prefix
 * before the events it grew by).
 */
export async function replayLog(
  file: string,
  at = Number.POSITIVE_INFINITY,
  options: ReplayOptions = {},
): Promise<ReplayResult> {
  const projections = allProjections();
  const cpPath = options.checkpoint ?? null;
  let start: Start = { prefix: null, projector: new Projector(projections) };
  if (cpPath !== null) {
    try {
      const warm = replayFromCheckpoint(cpPath, file, start.projector, at);
      if (!('rejected' in warm)) {
        return { ...warm, outputs: start.projector.render(), checkpoint: 'used' };
      }
      const prefix = continueFromCheckpoint(cpPath, file, start.projector, at);
      if (!('rejected' in prefix)) start = { prefix, projector: start.projector };
    } catch (error) {
      throw unreadable(file, error);
    }
  }
  // The machines are loaded only for a replay through them (a checkpoint replay needs none).
  const { Coordinator } = await import('../machines/coordinator.js');
  const { prefix, projector } = start;
  const reader = readLogFile(
    file,
    prefix ? { startAt: { byte: prefix.offset, line: prefix.events } } : {},
  );
  const coordinator = prefix ? Coordinator.fromCheckpoint(prefix.machines) : new Coordinator();
  const projected = projectedTypes(projections);
  const seqs: number[] = prefix ? [...prefix.projected] : [];
  let events = prefix?.events ?? 0;
  let lastSeq = prefix?.lastSeq ?? 0;
  let repo: string | null = prefix?.repo ?? null;
  let stoppedEarly = false;
  try {
    for await (const batch of reader) {
      let n = 0;
      for (const e of batch) {
        if (e.seq > at) {
          stoppedEarly = true;
          break;
        }
        if (e.type === 'session.started') repo = e.data.repo;
        if (projected.has(e.type)) seqs.push(e.seq);
        projector.evolve(e);
        n += 1;
      }
      // The machines take the batch at once: an agent's consecutive stream facts in one step.
      coordinator.applyLogged(n === batch.length ? batch : batch.slice(0, n));
      events += n;
      if (n > 0) lastSeq = (batch[n - 1] as DomainEvent).seq;
      if (stoppedEarly) break;
    }
  } catch (error) {
    throw unreadable(file, error);
  }
  if (reader.tornTail && lastSeq < at) {
    const t = reader.tornTail;
    throw new CorruptLogError(
      file,
      t.line,
      `torn last line (${t.bytes} bytes, no newline): the writer crashed mid-append; \`wave resume\` cuts it off and records it`,
    );
  }
  if (events === 0) throw new CorruptLogError(file, 1, 'empty log: no events to replay');
  const divergences = coordinator.divergences.map((d) => d.message);
  let wrote = false;
  let note: string | undefined;
  if (cpPath !== null && !stoppedEarly) {
    const record = { events, lastSeq, divergences, projected: seqs };
    try {
      wrote = writeReplayCheckpoint(
        cpPath,
        file,
        record,
        coordinator.checkpoint(),
        options.checkpointAfterBytes,
      );
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === undefined || !UNUSABLE.has(code)) throw error;
      note = `no replay checkpoint written (${code}: ${cpPath})`;
    }
  }
  return {
    events,
    lastSeq,
    outputs: projector.render(),
    divergences,
    repo,
    checkpoint: prefix ? 'continued' : wrote ? 'written' : 'none',
    ...(note !== undefined ? { note } : {}),
  };
}

function repoOfLog(file: string): string | null {
  const dir = dirname(resolve(file));
  const marker = `${sep}.orchestrator${sep}log`;
  return dir.endsWith(marker) ? dir.slice(0, -marker.length) : null;
}

/** Runs `wave replay`. */
export async function replayCommand(log: string, opts: Record<string, unknown>): Promise<number> {
  let at = Number.POSITIVE_INFINITY;
  const atText = textOption(opts, 'at');
  if (atText !== undefined) {
    at = Number(atText);
    if (!Number.isInteger(at) || at < 1) {
      process.stderr.write(`wave replay: --at must be a positive event seq, got "${atText}"\n`);
      return 2;
    }
  }
  const out = opts.out ? await directoryOption('--out', opts.out, true) : null;
  // Never the repository named inside the log: a log from elsewhere must not pick where to write.
  const logRepo = repoOfLog(log);
  const result = await replayLog(log, at, {
    checkpoint: logRepo === null ? null : replayCheckpointPath(logRepo, log),
  });
  for (const d of result.divergences) process.stderr.write(`wave replay: warning: ${d}\n`);
  if (result.note !== undefined) process.stderr.write(`wave replay: note: ${result.note}\n`);
  const root = out ?? logRepo;
  if (!root) {
    process.stderr.write(
      `wave replay: cannot tell which repository ${log} belongs to; pass --out DIR\n`,
    );
    return 2;
  }
  const writer = createProjectionWriter({ root });
  if (opts.check) {
    const diffs = writer.check(result.outputs);
    for (const d of diffs) process.stdout.write(`${d.kind}: ${d.path}: ${d.detail}\n`);
    process.stdout.write(
      `replayed ${result.events} events (to seq ${result.lastSeq}): ${diffs.length === 0 ? 'every projection matches' : `${diffs.length} difference(s)`}\n`,
    );
    return diffs.length === 0 ? 0 : 1;
  }
  const report = writer.write(result.outputs);
  process.stdout.write(
    `replayed ${result.events} events (to seq ${result.lastSeq}) into ${root}: ${report.written.length} written, ${report.deleted.length} deleted, ${report.unchanged.length} unchanged\n`,
  );
  return 0;
}
