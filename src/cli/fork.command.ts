/**
 * `wave fork <log> --at SEQ [--plan FILE]`: a new session whose log starts with the first SEQ
 * events of another one (copied with the new session id and a new semantic label), followed by a
 * `session.forked` event recording where it came from. `wave resume` then continues it like any
 * interrupted session. With `--plan`, the fork keeps only the events before the old
 * `session.planned` and gets the new plan instead (allowed only while the old plan was not yet
 * approved: after approval the machines hold the plan, and changing it mid-session is not a
 * transition they have). Exit 0; 2 for bad input (nothing written).
 */
import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PreconditionError } from '../errors.js';
import { parseEvent, type DomainEvent } from '../events.js';
import { readLogFile } from '../adapters/jsonl-reader.js';
import { serializeEvents } from '../adapters/jsonl-serialize.js';
import { loadPlan } from '../adapters/plan/load-plan.js';
import { semanticLabel } from '../runtime/session-setup.js';

/** What a fork wrote. */
export interface ForkResult {
  file: string;
  session: string;
  semanticId: string;
  copied: number;
  /** The repository the session runs in. */
  repo: string;
}

/** Options of {@link forkSession}. */
export interface ForkOptions {
  log: string;
  at: number;
  plan?: string;
  /** Canonical timestamp of the `session.forked` event (the clock, by default). */
  nowIso?: string;
}

async function prefixOf(file: string, at: number): Promise<DomainEvent[]> {
  const out: DomainEvent[] = [];
  try {
    outer: for await (const batch of readLogFile(file)) {
      for (const e of batch) {
        if (e.seq > at) break outer;
        out.push(e);
      }
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new PreconditionError(`${file}: no such log file`);
    throw error;
  }
  return out;
}

/** Writes the forked log (tmp + fsync + rename) and returns where. */
export async function forkSession(options: ForkOptions): Promise<ForkResult> {
  const file = resolve(options.log);
  const events = await prefixOf(file, options.at);
  const started = events[0];
  if (!started || started.type !== 'session.started') {
    throw new PreconditionError(`${file}: does not start with session.started; not a session log`);
  }
  if (events.length < options.at) {
    throw new PreconditionError(
      `${file}: --at ${options.at} is past the last event (seq ${events.length})`,
    );
  }
  const ended = events.find((e) => e.type === 'session.completed' || e.type === 'session.aborted');
  if (ended) {
    throw new PreconditionError(
      `${file}: event ${ended.seq} (${ended.type}) ends the session; fork --at an event before it`,
    );
  }
  let kept = events;
  const nowIso = options.nowIso ?? new Date().toISOString();
  let planned: DomainEvent | null = null;
  if (options.plan !== undefined) {
    const approved = events.find((e) => e.type === 'session.approved');
    if (approved) {
      throw new PreconditionError(
        `--plan: the plan was approved at event ${approved.seq}; a fork can take a new plan only --at an event before that`,
      );
    }
    const cut = events.findIndex((e) => e.type === 'session.planned');
    if (cut >= 0) kept = events.slice(0, cut);
    const plan = await loadPlan({ planPath: resolve(options.plan), repo: started.data.repo });
    planned = {
      v: 1,
      seq: 0,
      ts: nowIso,
      session: '',
      type: 'session.planned',
      data: { plan, source: options.plan },
    };
  }
  const logDir = dirname(file);
  const session = randomUUID();
  const semanticId = await semanticLabel({
    logDir,
    branch: started.data.branch,
    date: nowIso.slice(0, 10),
    mode: started.data.sessionType,
  });
  const copy: DomainEvent[] = kept.map((e) =>
    e.type === 'session.started'
      ? { ...e, session, data: { ...e.data, semanticId } }
      : { ...e, session },
  );
  if (planned) copy.push({ ...planned, seq: copy.length + 1, session });
  const forked = parseEvent({
    v: 1,
    seq: copy.length + 1,
    ts: nowIso,
    session,
    type: 'session.forked',
    data: {
      fromSession: started.session,
      fromSemanticId: started.data.semanticId,
      at: kept.length,
      fromFile: file,
      semanticId,
    },
  });
  copy.push(forked);
  const target = join(logDir, `${session}.jsonl`);
  const tmp = `${target}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'wx');
  try {
    writeSync(fd, serializeEvents(copy.map((e) => parseEvent(e))));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, target);
  return { file: target, session, semanticId, copied: kept.length, repo: started.data.repo };
}

/** Runs `wave fork`. */
export async function forkCommand(log: string, opts: Record<string, unknown>): Promise<number> {
  const at = Number(opts.at);
  if (!Number.isInteger(at) || at < 1) {
    process.stderr.write(
      `wave fork: --at must be a positive event seq, got "${String(opts.at)}"\n`,
    );
    return 2;
  }
  const result = await forkSession({
    log,
    at,
    ...(typeof opts.plan === 'string' ? { plan: opts.plan } : {}),
  });
  process.stdout.write(
    `forked ${result.copied} events of ${resolve(log)} into session ${result.semanticId} (${result.file})\n` +
      `continue it with: wave resume --repo ${result.repo} --session ${result.semanticId}\ninspect it with:  wave inspect ${result.file}\n`,
  );
  return 0;
}
