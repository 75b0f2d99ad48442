/**
 * A faithful port of the reference's `validateSession` (session-orchestrator
 * `scripts/lib/session-schema/validator.mjs`, v3.21.0): the rules every sessions.jsonl record must
 * satisfy, checked in the reference's order, with the reference's exact error messages. The first
 * violation wins, as in the reference (which throws on it).
 */

/** Result of {@link validateSession}: the record with `schema_version` stamped, or the first error. */
export type SessionValidation =
  { ok: true; record: Record<string, unknown> } | { ok: false; error: string };

/** Schema version stamped on records that carry none. */
export const CURRENT_SESSION_SCHEMA_VERSION = 2;

/** Keys every record must have, in the order the reference checks them. */
const SESSION_REQUIRED_FIELDS = [
  'session_id',
  'session_type',
  'started_at',
  'completed_at',
  'total_waves',
  'waves',
  'agent_summary',
  'total_agents',
  'total_files_changed',
] as const;

const SESSION_TYPES = ['feature', 'deep', 'housekeeping'];
const AGENT_SUMMARY_FIELDS = ['complete', 'partial', 'failed', 'spiral'];
const SCHEMA_VERSIONS = [0, 1, 2, 3];
const STATUSES = ['completed', 'abandoned'];
const COST_TIERS = ['quick', 'standard', 'deep'];
/** `YYYY-MM-DDTHH:MM:SS[.SSS]Z`, the only timestamp form the reference accepts. */
const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;

class Invalid extends Error {}

function fail(message: string): never {
  throw new Invalid(message);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** JS template-literal rendering of a value, as the reference's messages show it. */
function show(v: unknown): string {
  return String(v);
}

const present = (v: unknown): boolean => v !== undefined && v !== null;

function checkSchemaVersion(e: Record<string, unknown>): void {
  if ('schema_version' in e && e.schema_version !== undefined) {
    if (!SCHEMA_VERSIONS.includes(e.schema_version as number)) {
      fail(`schema_version must be one of [0 (legacy), 1, 2, 3], got: ${show(e.schema_version)}`);
    }
  }
}

function checkTimestamp(e: Record<string, unknown>, key: 'started_at' | 'completed_at'): number {
  const v = e[key];
  if (typeof v !== 'string') fail(`${key} must be an ISO timestamp string`);
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) fail(`${key} is not a parsable timestamp: ${v}`);
  if (!ISO_UTC_MS.test(v)) {
    fail(`${key} must match ISO-8601 UTC ms format (YYYY-MM-DDTHH:MM:SS[.SSS]Z), got: ${v}`);
  }
  return ms;
}

function checkCore(e: Record<string, unknown>): void {
  for (const field of SESSION_REQUIRED_FIELDS) {
    if (!(field in e)) fail(`session missing required field: ${field}`);
  }
  if (typeof e.session_id !== 'string' || e.session_id.length === 0) {
    fail('session_id must be a non-empty string');
  }
  if (!SESSION_TYPES.includes(e.session_type as string)) {
    fail(`session_type must be one of ${SESSION_TYPES.join('|')}, got: ${show(e.session_type)}`);
  }
  const started = checkTimestamp(e, 'started_at');
  const completed = checkTimestamp(e, 'completed_at');
  if (completed < started) {
    fail(`completed_at (${show(e.completed_at)}) must be >= started_at (${show(e.started_at)})`);
  }
  if (typeof e.total_waves !== 'number' || e.total_waves < 0) {
    fail(`total_waves must be a non-negative number, got: ${show(e.total_waves)}`);
  }
  if (!Array.isArray(e.waves)) fail(`waves must be an array, got: ${typeof e.waves}`);
  e.waves.forEach((w: unknown, i: number) => {
    if (!isPlainObject(w)) fail(`waves[${i}] must be an object`);
    if (typeof w.wave !== 'number' || w.wave < 1) {
      fail(`waves[${i}].wave must be a number >= 1, got: ${show(w.wave)}`);
    }
    if (typeof w.role !== 'string' || w.role.length === 0) {
      fail(`waves[${i}].role must be a non-empty string`);
    }
  });
  const summary = e.agent_summary;
  if (!isPlainObject(summary)) fail('agent_summary must be an object');
  for (const f of AGENT_SUMMARY_FIELDS) {
    if (!(f in summary)) fail(`agent_summary missing required field: ${f}`);
    const v = summary[f];
    if (typeof v !== 'number' || v < 0) {
      fail(`agent_summary.${f} must be a non-negative number, got: ${show(v)}`);
    }
  }
  for (const key of ['total_agents', 'total_files_changed'] as const) {
    const v = e[key];
    if (typeof v !== 'number' || v < 0)
      fail(`${key} must be a non-negative number, got: ${show(v)}`);
  }
}

function checkOptionalShapes(e: Record<string, unknown>): void {
  for (const key of ['effectiveness', 'discovery_stats', 'review_stats']) {
    if (present(e[key]) && !isPlainObject(e[key])) fail(`${key} must be an object or null`);
  }
  for (const key of ['platform', 'branch', 'base_branch', 'notes']) {
    if (present(e[key]) && typeof e[key] !== 'string') fail(`${key} must be a string or null`);
  }
  const d = e.duration_seconds;
  if (present(d) && (typeof d !== 'number' || d < 0)) {
    fail(`duration_seconds must be a non-negative number or null, got: ${show(d)}`);
  }
  for (const key of ['issues_closed', 'issues_created']) {
    const v = e[key];
    if (v !== undefined && (!Array.isArray(v) || v.some((n) => typeof n !== 'number'))) {
      fail(`${key} must be an array of numbers`);
    }
  }
}

function checkLeaseFields(e: Record<string, unknown>): void {
  for (const key of ['agent_identity', 'worktree_path', 'parent_run_id']) {
    const v = e[key];
    if (present(v) && (typeof v !== 'string' || v.length === 0)) {
      fail(`${key} must be a non-empty string or null`);
    }
  }
  const lease = e.lease_acquired_at;
  if (present(lease)) {
    if (typeof lease !== 'string') {
      fail('lease_acquired_at must be an ISO 8601 timestamp string or null');
    }
    if (Number.isNaN(Date.parse(lease))) {
      fail(`lease_acquired_at is not a parsable timestamp: ${lease}`);
    }
    if (!ISO_UTC_MS.test(lease)) {
      fail(
        `lease_acquired_at must match ISO-8601 UTC ms format (YYYY-MM-DDTHH:MM:SS[.SSS]Z), got: ${lease}`,
      );
    }
  }
  const ttl = e.lease_ttl_seconds;
  if (present(ttl) && (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl < 0)) {
    fail(`lease_ttl_seconds must be a non-negative finite number or null, got: ${show(ttl)}`);
  }
  const tier = e.expected_cost_tier;
  if (present(tier) && !COST_TIERS.includes(tier as string)) {
    fail(`expected_cost_tier must be one of ${COST_TIERS.join('|')} or null, got: ${show(tier)}`);
  }
}

function checkTelemetryFields(e: Record<string, unknown>): void {
  for (const key of ['total_token_input', 'total_token_output']) {
    const v = e[key];
    if (present(v) && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
      fail(`${key} must be a non-negative finite number or null, got: ${show(v)}`);
    }
  }
  for (const key of [
    'subagents_with_tokens',
    'open_questions_asked',
    'open_questions_answered',
    'open_questions_deferred',
  ]) {
    const v = e[key];
    if (present(v) && (!Number.isInteger(v) || (v as number) < 0)) {
      fail(`${key} must be a non-negative integer, got: ${show(v)}`);
    }
  }
  const status = e.status;
  if (present(status) && !STATUSES.includes(status as string)) {
    fail(`status must be one of ${STATUSES.join('|')} or null, got: ${show(status)}`);
  }
}

/**
 * Validates one sessions.jsonl record with the reference's rules and messages. On success returns a
 * NEW object with `schema_version` stamped to 2 when absent (appended as the last key, as the
 * reference writes it; an existing one keeps its place); the input is never mutated.
 */
export function validateSession(entry: unknown): SessionValidation {
  if (!isPlainObject(entry)) return { ok: false, error: 'session must be an object' };
  try {
    checkSchemaVersion(entry);
    checkCore(entry);
    checkOptionalShapes(entry);
    checkLeaseFields(entry);
    checkTelemetryFields(entry);
  } catch (err) {
    if (err instanceof Invalid) return { ok: false, error: err.message };
    throw err;
  }
  return {
    ok: true,
    record: { ...entry, schema_version: entry.schema_version ?? CURRENT_SESSION_SCHEMA_VERSION },
  };
}
