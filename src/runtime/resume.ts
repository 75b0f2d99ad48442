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
import type { EventStore } from '../adapters/event-store.js';
import { ConcurrencyError } from '../errors.js';
import type { JsonlEventStore } from '../adapters/jsonl-event-store.js';
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
  /** A torn last line seen by the read (cut only when the writer opens). */
  truncated?: { file: string; line: number; bytes: number };
}

function isJsonl(store: EventStore): store is JsonlEventStore {
  return typeof (store as Partial<JsonlEventStore>).openWriter === 'function';
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
  const reader = store.read(stream);
  for await (const batch of reader) {
    for (const e of batch) {
      // A finished session is final: whatever a bug appended after its end is not replayed.
      if (out.terminal) break;
      projector.evolve(e);
      coordinator.apply(e);
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
  }
  const torn = (reader as { tornTail?: { file: string; line: number; bytes: number } }).tornTail;
  if (torn) out.truncated = { file: torn.file, line: torn.line, bytes: torn.bytes };
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
): Promise<{ file: string; line: number; bytes: number } | undefined> {
  const version = isJsonl(store)
    ? await store.openWriter(stream).then((opened) => {
        if (opened.version !== replayed) return opened.version;
        return opened.truncated
          ? {
              file: opened.truncated.file,
              line: opened.truncated.line,
              bytes: opened.truncated.bytes,
            }
          : undefined;
      })
    : await store.version(stream).then((v) => (v !== replayed ? v : undefined));
  if (typeof version === 'number') {
    throw new ConcurrencyError(
      stream,
      replayed,
      version,
      `${stream}: the log moved from version ${replayed} to ${version} while it was replayed`,
    );
  }
  return version;
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

/**
 * The newest stream whose session neither completed nor aborted, or null. Only the first event
 * (`session.started`) and the last one of each stream are read, not whole logs.
 */
export async function findResumableSession(store: EventStore): Promise<string | null> {
  let best: { stream: string; ts: string } | null = null;
  for (const stream of await store.streams()) {
    const version = await store.version(stream);
    if (version === 0) continue;
    const first = await eventAt(store, stream, 1);
    const last = await eventAt(store, stream, version);
    if (first?.type !== 'session.started') continue;
    if (last?.type === 'session.completed' || last?.type === 'session.aborted') continue;
    if (!best || first.ts > best.ts) best = { stream, ts: first.ts };
  }
  return best?.stream ?? null;
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
