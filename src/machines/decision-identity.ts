/**
 * How a logged decision is matched with what the machines decide now (Temporal's
 * non-determinism check). A machine-authored event has an identity (its type and the keys that
 * name the decision: a wave, an agent, a task, a code) and decision data (everything the
 * decision is made of); prose is neither. Sentences the machines still write (a question's
 * prompt, an abort's reason, a mission move's reason, an agent's description) are left out, so
 * rewording one never makes an old log diverge.
 */
import type { NewEvent } from '../events.js';

/** Event types the machines author (everything else is reported by actors or the runtime). */
export const AUTHORED_TYPES: ReadonlySet<string> = new Set([
  'session.approved',
  'session.completed',
  'session.aborted',
  'wave.started',
  'wave.skipped',
  'wave.dispatched',
  'wave.reviewed',
  'wave.completed',
  'agent.dispatched',
  'mission.status_changed',
  'gate.started',
  'gate.fix_dispatched',
  'gate.exhausted',
  'deviation.recorded',
  'question.asked',
  'decision.requested',
  'what_not_to_retry.recorded',
  'agent.loop_detected',
  'agent.limit_reached',
  'budget.exceeded',
  'scope.violated',
]);

/** Fields of an authored event's data that are words for people, not part of the decision. */
const PROSE: Readonly<Record<string, readonly string[]>> = {
  'session.aborted': ['reason'],
  'decision.requested': ['prompt'],
  'mission.status_changed': ['reason'],
  'agent.dispatched': ['description'],
  'question.asked': ['prio'],
  'what_not_to_retry.recorded': ['description', 'note', 'text'],
  'wave.reviewed': [],
  'agent.loop_detected': ['evidence'],
};

/** JSON with sorted keys and without undefined members. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The decision data of an authored event: its data without prose, as canonical JSON. */
export function decisionDataOf(event: Pick<NewEvent, 'type' | 'data'>): string {
  const prose = PROSE[event.type];
  if (!prose || prose.length === 0) return canonicalJson(event.data);
  const data = { ...(event.data as Record<string, unknown>) };
  for (const k of prose) delete data[k];
  return canonicalJson(data);
}

/** The identity of an authored event: its type and the keys that name the decision. */
export function identityOf(event: Pick<NewEvent, 'type' | 'data'>): string {
  const d = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'agent.dispatched':
      return `${event.type}:${String(d.agentId)}`;
    case 'wave.started':
    case 'wave.skipped':
    case 'wave.dispatched':
    case 'wave.reviewed':
    case 'wave.completed':
    case 'gate.exhausted':
      return `${event.type}:${String(d.wave)}`;
    case 'gate.started':
    case 'gate.fix_dispatched':
      return `${event.type}:${String(d.wave)}:${String(d.attempt)}`;
    case 'mission.status_changed':
      return `${event.type}:${String(d.id)}:${String(d.from)}:${String(d.to)}`;
    case 'decision.requested':
      return `${event.type}:${String(d.id)}`;
    case 'agent.loop_detected':
      return `${event.type}:${String(d.agentId)}:${String(d.pattern)}:${String(d.file)}:${String(d.errorClass)}`;
    case 'budget.exceeded':
      return `${event.type}:${String(d.scope)}:${String(d.wave)}:${String(d.agentId)}`;
    case 'scope.violated':
      return `${event.type}:${String(d.wave)}:${String(d.agentId)}`;
    case 'agent.limit_reached':
      return `${event.type}:${String(d.agentId)}:${String(d.limit)}`;
    case 'session.approved':
    case 'session.completed':
    case 'session.aborted':
      return event.type;
    case 'what_not_to_retry.recorded':
      return `${event.type}:${String(d.taskId)}:${String(d.status)}`;
    case 'deviation.recorded': {
      const p = (d.params ?? {}) as Record<string, unknown>;
      const subject =
        typeof p.taskId === 'string' ? p.taskId : typeof p.agent === 'string' ? p.agent : '';
      return `${event.type}:${String(d.wave)}:${String(d.kind)}:${String(d.code)}:${subject}`;
    }
    default:
      return `${event.type}:${decisionDataOf(event)}`;
  }
}
