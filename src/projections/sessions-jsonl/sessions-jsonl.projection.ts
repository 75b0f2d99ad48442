/**
 * `.orchestrator/metrics/sessions.jsonl`: one record per finished session, rendered as the lines this
 * session owns in the shared ledger (found by `session_id` = the session's semantic label).
 */
import type { DomainEvent } from '../../events.js';
import type { OwnedLinesOutput, Projection, ProjectionOutput } from '../projection.js';
import { buildSessionRecord } from './session-record.js';
import {
  evolveSessionMetrics,
  initSessionMetrics,
  type SessionMetricsView,
} from './session-metrics.view.js';

/** Repository-relative path of the sessions ledger. */
export const SESSIONS_JSONL_PATH = '.orchestrator/metrics/sessions.jsonl';

/**
 * True when `line` is a JSON object whose `key` is the string `value` (a cheap substring test first,
 * then a real parse, so foreign lines that merely mention the value are not claimed).
 */
export function lineHasField(line: string, key: string, value: string): boolean {
  if (!line.includes(JSON.stringify(value))) return false;
  try {
    const parsed: unknown = JSON.parse(line);
    return (
      typeof parsed === 'object' &&
      parsed !== null &&
      (parsed as Record<string, unknown>)[key] === value
    );
  } catch (err) {
    if (err instanceof SyntaxError) return false; // a foreign non-JSON line is simply not ours
    throw err;
  }
}

/** Renders the session's line (none before it ends; nothing at all before it starts). */
function renderSessionsJsonl(view: SessionMetricsView): ProjectionOutput[] {
  if (!view.started) return [];
  const id = view.started.data.semanticId;
  const record = buildSessionRecord(view);
  const out: OwnedLinesOutput = {
    kind: 'owned-lines',
    path: SESSIONS_JSONL_PATH,
    owns: (line) => lineHasField(line, 'session_id', id),
    markers: [JSON.stringify(id)],
    lines: record ? [JSON.stringify(record)] : [],
  };
  return [out];
}

/** The sessions.jsonl projection. */
export const sessionsJsonlProjection: Projection<SessionMetricsView> = {
  name: 'sessions-jsonl',
  version: 2,
  handles: [
    'session.started',
    'session.planned',
    'session.completed',
    'session.aborted',
    'mission.status_changed',
    'stagnation.detected',
    'agent.loop_detected',
    'question.asked',
    'question.answered',
    'wave.started',
    'wave.skipped',
    'wave.dispatched',
    'wave.reviewed',
    'wave.completed',
    'agent.dispatched',
    'agent.finished',
    'agent.crashed',
    'agent.timed_out',
    'agent.usage',
    'budget.exceeded',
  ],
  init: initSessionMetrics,
  evolve: (view: SessionMetricsView, event: DomainEvent) => evolveSessionMetrics(view, event),
  render: renderSessionsJsonl,
};
