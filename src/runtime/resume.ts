/**
 * Resume support: find the interrupted session of a repository and replay its log into the
 * coordinator and projections (no effects), so the live engine can continue where it stopped.
 *
 * Replay only reads: the stream's writer (which cuts a torn tail off) is opened by
 * {@link openForAppend} once the session is known to continue. A finished session is final: it is
 * never appended to (its projections are rewritten instead, see `finished-session.ts`), and a
 * refused resume leaves a torn tail where it is.
 */
import type { DomainEvent } from '../events.js';
import type { EventStore, TornTail } from '../ports.js';
import { ConcurrencyError } from '../errors.js';
import type { ResolvedPlan } from '../domain/plan.schema.js';
import type { Coordinator } from '../machines/coordinator.js';
import type { Projector } from '../projections/projector.js';

/** What replay learned about the session. */
export interface ReplayedSession {
  version: number;
  plan: ResolvedPlan | null;
  semanticId: string;
  headRef: string | null;
  startedTs: string | null;
  finished: boolean;
  /** The session's terminal event (`session.completed` / `session.aborted`), once finished. */
  terminal: DomainEvent | null;
  /** The first batch's `baseline.frozen` is in the log. */
  baselineFrozen: boolean;
}

/** Replays a stream into the coordinator and projector, reading only (nothing is cut). */
export async function replayInto(
  store: EventStore,
  stream: string,
  coordinator: Coordinator,
  projector: Projector,
  onEvent?: (event: DomainEvent) => void,
): Promise<ReplayedSession> {
  const out: ReplayedSession = {
    version: 0,
    plan: null,
    semanticId: stream,
    headRef: null,
    startedTs: null,
    finished: false,
    terminal: null,
    baselineFrozen: false,
  };
  for await (const batch of store.read(stream)) {
    let n = 0;
    for (const e of batch) {
      // A finished session is final: whatever a bug appended after its end is not replayed.
      if (out.terminal) break;
      n += 1;
      projector.evolve(e);
      onEvent?.(e);
      out.version = e.seq;
      if (e.type === 'session.started') {
        out.semanticId = e.data.semanticId;
        out.headRef = e.data.headRef;
        out.startedTs = e.ts;
      } else if (e.type === 'session.planned') out.plan = e.data.plan;
      else if (e.type === 'baseline.frozen') out.baselineFrozen = true;
      else if (e.type === 'session.completed' || e.type === 'session.aborted') out.terminal = e;
    }
    // The machines take the batch at once: an agent's consecutive stream facts in one step.
    coordinator.applyLogged(n === batch.length ? batch : batch.slice(0, n));
    if (out.terminal) break;
  }
  out.finished = coordinator.finished || out.terminal !== null;
  return out;
}

/**
 * Opens the stream for appending after a replay: takes the writer (cutting a torn tail off, which
 * the caller records as `log.truncated`) and checks that nothing was appended since the replay.
 */
export async function openForAppend(
  store: EventStore,
  stream: string,
  replayed: number,
): Promise<TornTail | undefined> {
  // Through the port only: every store takes its writer claim here and reports a torn tail.
  const opened = await store.openWriter(stream);
  if (opened.version !== replayed) {
    throw new ConcurrencyError(
      stream,
      replayed,
      opened.version,
      `${stream}: the log moved from version ${replayed} to ${opened.version} while it was replayed`,
    );
  }
  if (!opened.truncated) return undefined;
  const { file, line, bytes } = opened.truncated;
  return { file, line, bytes };
}

/** The first event of a stream within [from, to], read trusted. */
async function eventAt(
  store: EventStore,
  stream: string,
  seq: number,
): Promise<DomainEvent | null> {
  for await (const batch of store.read(stream, { from: seq, to: seq, trusted: true })) {
    if (batch[0]) return batch[0];
  }
  return null;
}

/** An unfinished session of a log directory. */
export interface ResumableSession {
  stream: string;
  /** Its semantic label (`main-2026-11-30-feature-2`). */
  semanticId: string;
  /** When it started, and its last logged event (its latest activity). */
  startedTs: string;
  lastTs: string;
}

/**
 * Every stream whose session neither completed nor aborted, the most recently active first (its
 * last event; then the later start; then the stream id): a fork made of an interrupted session
 * starts with a copy of that session's `session.started`, so its start cannot tell them apart,
 * but its `session.forked` is newer than anything the original logged. Only the first and the
 * last event of each stream are read, not whole logs.
 */
export async function listResumableSessions(store: EventStore): Promise<ResumableSession[]> {
  const out: ResumableSession[] = [];
  for (const stream of await store.streams()) {
    const version = await store.version(stream);
    if (version === 0) continue;
    const first = await eventAt(store, stream, 1);
    const last = await eventAt(store, stream, version);
    if (first?.type !== 'session.started' || last === null) continue;
    if (last.type === 'session.completed' || last.type === 'session.aborted') continue;
    out.push({ stream, semanticId: first.data.semanticId, startedTs: first.ts, lastTs: last.ts });
  }
  const order = (a: ResumableSession, b: ResumableSession) =>
    b.lastTs.localeCompare(a.lastTs) ||
    b.startedTs.localeCompare(a.startedTs) ||
    a.stream.localeCompare(b.stream);
  return out.sort(order);
}

/** The most recently active unfinished session ({@link listResumableSessions}), or null. */
export async function findResumableSession(store: EventStore): Promise<string | null> {
  return (await listResumableSessions(store))[0]?.stream ?? null;
}

/**
 * The session a crash left finished in its log but not in its files: the `session.lock`
 * projection still names it (the lock is removed by the projections of the session's end), and
 * its log holds its terminal event. Null when there is none.
 */
export async function findUnprojectedSession(
  store: EventStore,
  sessionLockText: string | undefined,
): Promise<string | null> {
  if (sessionLockText === undefined) return null;
  const m = /"session_id"\s*:\s*"([^"]+)"/.exec(sessionLockText);
  const stream = m?.[1];
  if (stream === undefined || !(await store.streams()).includes(stream)) return null;
  const version = await store.version(stream);
  if (version === 0) return null;
  const last = await eventAt(store, stream, version);
  return last?.type === 'session.completed' || last?.type === 'session.aborted' ? stream : null;
}
