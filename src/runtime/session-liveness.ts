/**
 * Is the process that runs a session still alive? From the locks: `.orchestrator/runtime/run.lock`
 * (pid, host, process start time: held by every live `wave run`/`wave resume`) and the reference's
 * `.orchestrator/session.lock` (pid, host, heartbeat). On this host a dead pid, or a pid now
 * belonging to another process, means the session was interrupted; on another host only the
 * heartbeat can tell.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readTextIfPresent } from '../adapters/optional-files.js';
import { isLockLive, parseLock } from '../formats/session-lock.liveness.js';
import { SESSION_LOCK_PATH } from '../projections/session-lock.projection.js';
import { isSameProcess, pidAlive } from './process-identity.js';
import { runLockPath } from './run-lock.js';

/** What the locks say about a session's process. */
export type Liveness = 'alive' | 'dead' | 'unknown';

interface RunLockBody {
  pid?: number;
  host?: string;
  session?: string;
  started?: string;
}

async function readRunLock(repo: string): Promise<RunLockBody | null> {
  const text = await readTextIfPresent(runLockPath(repo));
  if (text === undefined) return null;
  try {
    return JSON.parse(text) as RunLockBody;
  } catch (error) {
    if (error instanceof SyntaxError) return null; // torn or empty: proves nothing
    throw error;
  }
}

/**
 * Liveness of the process of `session` (a stream id) in `repo`: `alive` when the run lock names
 * it and its process is that very process on this host, `dead` when its recorded process on this
 * host is gone (or no lock holds it), `unknown` for another host (decided by the heartbeat).
 */
export async function sessionLiveness(
  repo: string,
  session: string,
  nowIso: string,
): Promise<Liveness> {
  const run = await readRunLock(repo);
  if (run && run.session === session && typeof run.pid === 'number') {
    if (run.host !== hostname()) return 'unknown';
    return isSameProcess(run.pid, run.started) ? 'alive' : 'dead';
  }
  const text = await readTextIfPresent(join(repo, SESSION_LOCK_PATH));
  const parsed = text === undefined ? null : parseLock(text);
  if (parsed?.ok && parsed.lock.session_id === session) {
    const lock = parsed.lock;
    if (lock.host !== undefined && lock.host !== hostname())
      return isLockLive(lock, nowIso) ? 'unknown' : 'dead';
    // Held without a run lock (e.g. by the reference's own tools): its pid decides.
    if (typeof lock.pid === 'number') return pidAlive(lock.pid) ? 'alive' : 'dead';
    return 'unknown';
  }
  // No live run lock for it on this host: nothing runs the session.
  return 'dead';
}
