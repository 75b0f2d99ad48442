/**
 * Port of the reference's `validateEventRecord` for `.orchestrator/metrics/events.jsonl` lines:
 * envelope `{timestamp, event, ...flat payload}`; names in the `orchestrator.` namespace must match
 * {@link ORCHESTRATOR_EVENT_NAME}; legacy names (`stagnation_detected`, `freshness_check`) pass.
 */

/** The reference's pattern for `orchestrator.*` event names. */
export const ORCHESTRATOR_EVENT_NAME =
  /^orchestrator\.[a-z0-9]+(_[a-z0-9]+)*(\.[a-z0-9]+(_[a-z0-9]+)*)+$/;

/** ISO UTC timestamp with `Z` and at most three fraction digits. */
const EVENT_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** Verdict on one events.jsonl record. */
export interface EventRecordValidation {
  valid: boolean;
  errors: string[];
}

/** Validates one parsed events.jsonl record; collects every problem. */
export function validateEventRecord(record: unknown): EventRecordValidation {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return { valid: false, errors: ['record must be a JSON object'] };
  }
  const r = record as Record<string, unknown>;
  const errors: string[] = [];
  if (typeof r.event !== 'string' || r.event.length === 0) {
    errors.push('event must be a non-empty string');
  } else if (r.event.startsWith('orchestrator.') && !ORCHESTRATOR_EVENT_NAME.test(r.event)) {
    errors.push(`event name does not match ${ORCHESTRATOR_EVENT_NAME.source}: ${r.event}`);
  }
  if (typeof r.timestamp !== 'string') {
    errors.push('timestamp must be a string');
  } else if (!EVENT_TIMESTAMP.test(r.timestamp) || Number.isNaN(Date.parse(r.timestamp))) {
    errors.push(`timestamp must be an ISO-8601 UTC timestamp ending in Z: ${r.timestamp}`);
  }
  return { valid: errors.length === 0, errors };
}
