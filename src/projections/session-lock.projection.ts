/**
 * `.orchestrator/session.lock` (v2): who holds the repository, and the heartbeat that proves it is
 * alive. Rendered from `session.started`, `heartbeat.recorded` and `session.resumed`; removed
 * (content null) once the session completed or aborted.
 */
import type { DomainEvent } from '../events.js';
import type { Projection, ProjectionOutput } from './projection.js';

/** Repository-relative path of the session lock. */
export const SESSION_LOCK_PATH = '.orchestrator/session.lock';

/** The v2 lock body, keys in the reference's order. */
interface SessionLockBody {
  session_id: string;
  started_at: string;
  last_heartbeat: string;
  mode: string;
  pid: number;
  host: string;
  ttl_hours: number;
  semantic_session_id: string;
}

/** The folded view: the lock body while the session holds the lock. */
export interface SessionLockView {
  lock?: SessionLockBody;
  released: boolean;
}

/** Serialises a lock body exactly as the reference does (2-space JSON, trailing newline). */
export function serializeLock(lock: SessionLockBody): string {
  const ordered: SessionLockBody = {
    session_id: lock.session_id,
    started_at: lock.started_at,
    last_heartbeat: lock.last_heartbeat,
    mode: lock.mode,
    pid: lock.pid,
    host: lock.host,
    ttl_hours: lock.ttl_hours,
    semantic_session_id: lock.semantic_session_id,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

function evolve(view: SessionLockView, event: DomainEvent): SessionLockView {
  switch (event.type) {
    case 'session.started':
      view.released = false;
      view.lock = {
        session_id: event.session,
        started_at: event.ts,
        last_heartbeat: event.ts,
        mode: event.data.sessionType,
        pid: event.data.pid,
        host: event.data.host,
        ttl_hours: event.data.ttlHours,
        semantic_session_id: event.data.semanticId,
      };
      return view;
    case 'heartbeat.recorded':
      if (view.lock) view.lock.last_heartbeat = event.ts;
      return view;
    case 'session.resumed':
      if (view.lock) {
        view.lock.pid = event.data.pid;
        view.lock.host = event.data.host;
      }
      return view;
    case 'session.completed':
    case 'session.aborted':
      view.released = true;
      return view;
    default:
      return view;
  }
}

function render(view: SessionLockView): ProjectionOutput[] {
  if (!view.lock) return [];
  return [
    {
      kind: 'file',
      path: SESSION_LOCK_PATH,
      content: view.released ? null : serializeLock(view.lock),
    },
  ];
}

/** The session.lock projection. */
export const sessionLockProjection: Projection<SessionLockView> = {
  name: 'session-lock',
  version: 1,
  handles: [
    'session.started',
    'heartbeat.recorded',
    'session.resumed',
    'session.completed',
    'session.aborted',
  ],
  init: () => ({ released: false }),
  evolve,
  render,
};
