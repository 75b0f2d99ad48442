/**
 * Resume support: find the interrupted session of a repository and replay its log into the
 * coordinator and projections (no effects), so the live engine can continue where it stopped.
 */
import type { DomainEvent } from '../events.js';
import type { EventStore, TornTail } from '../ports.js';
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
  truncated?: TornTail;
}

/** Replays a stream into the coordinator and projector. Takes the stream's writer first. */
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
  };
  // Through the port only: every store takes its writer claim and reports a torn tail here.
  const opened = await store.openWriter(stream);
  if (opened.truncated) {
    const { file, line, bytes } = opened.truncated;
    out.truncated = { file, line, bytes };
  }
  for await (const batch of store.read(stream)) {
    for (const e of batch) {
      projector.evolve(e);
      coordinator.apply(e);
      onEvent?.(e);
      out.version = e.seq;
      if (e.type === 'session.started') {
        out.semanticId = e.data.semanticId;
        out.headRef = e.data.headRef;
        out.startedTs = e.ts;
      } else if (e.type === 'session.planned') out.plan = e.data.plan;
    }
  }
  out.finished = coordinator.finished;
  return out;
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
