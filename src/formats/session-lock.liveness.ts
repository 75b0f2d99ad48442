/**
 * Pure readers of `.orchestrator/session.lock` for the runtime's "another live session holds the
 * repository" check (exit 4): parse a lock (v2, or the v1 legacy shape without `last_heartbeat`
 * and `semantic_session_id`) and decide whether it is live at a given instant.
 */

/** A lock as read from disk (v1 lacks `last_heartbeat` and `semantic_session_id`). */
export interface ParsedSessionLock {
  /** 2 when `last_heartbeat` is present, else 1 (legacy). */
  version: 1 | 2;
  session_id: string;
  started_at: string;
  last_heartbeat?: string;
  mode?: string;
  pid?: number;
  host?: string;
  ttl_hours: number;
  semantic_session_id?: string;
}

/** Result of {@link parseLock}. */
export type LockParse = { ok: true; lock: ParsedSessionLock } | { ok: false; reason: string };

/** Default time-to-live of a lock without (or with an invalid) `ttl_hours`. */
const DEFAULT_LOCK_TTL_HOURS = 4;

const optString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Parses lock text; never throws. Unknown keys are ignored, a missing ttl defaults to 4 h. */
export function parseLock(text: string): LockParse {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `not JSON: ${(err as Error).message}` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, reason: 'not a JSON object' };
  }
  const r = raw as Record<string, unknown>;
  if (typeof r.session_id !== 'string' || r.session_id.length === 0) {
    return { ok: false, reason: 'session_id must be a non-empty string' };
  }
  if (typeof r.started_at !== 'string' || Number.isNaN(Date.parse(r.started_at))) {
    return { ok: false, reason: 'started_at must be an ISO timestamp' };
  }
  const lock: ParsedSessionLock = {
    version: typeof r.last_heartbeat === 'string' ? 2 : 1,
    session_id: r.session_id,
    started_at: r.started_at,
    ttl_hours:
      typeof r.ttl_hours === 'number' && Number.isFinite(r.ttl_hours) && r.ttl_hours > 0
        ? r.ttl_hours
        : DEFAULT_LOCK_TTL_HOURS,
  };
  const heartbeat = optString(r.last_heartbeat);
  if (heartbeat !== undefined) lock.last_heartbeat = heartbeat;
  const mode = optString(r.mode);
  if (mode !== undefined) lock.mode = mode;
  if (typeof r.pid === 'number') lock.pid = r.pid;
  const host = optString(r.host);
  if (host !== undefined) lock.host = host;
  const semantic = optString(r.semantic_session_id);
  if (semantic !== undefined) lock.semantic_session_id = semantic;
  return { ok: true, lock };
}

/**
 * The reference's liveness rule: `now - (last_heartbeat ?? started_at) < ttl_hours·3600·1000`.
 * An unparsable timestamp makes the lock not live (it can prove nothing).
 */
export function isLockLive(
  lock: Pick<ParsedSessionLock, 'started_at' | 'last_heartbeat' | 'ttl_hours'>,
  nowIso: string,
): boolean {
  const last = Date.parse(lock.last_heartbeat ?? lock.started_at);
  const now = Date.parse(nowIso);
  if (Number.isNaN(last) || Number.isNaN(now)) return false;
  const ttl =
    typeof lock.ttl_hours === 'number' && lock.ttl_hours > 0
      ? lock.ttl_hours
      : DEFAULT_LOCK_TTL_HOURS;
  return now - last < ttl * 3600 * 1000;
}
