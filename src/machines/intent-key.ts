/**
 * Identity of a proposed event, so a logged event can be matched with the proposal that caused
 * it (live) or with what the machines decide again (replay).
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
]);

/** JSON with sorted keys and without undefined members. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The identity of an event: type plus its identifying fields. */
export function intentKey(event: Pick<NewEvent, 'type' | 'data'>): string {
  const d = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'agent.dispatched':
      return `${event.type}:${String(d.agentId)}`;
    case 'wave.started':
    case 'wave.skipped':
    case 'wave.dispatched':
    case 'wave.reviewed':
    case 'wave.completed':
      return `${event.type}:${String(d.wave)}`;
    case 'gate.started':
    case 'gate.fix_dispatched':
      return `${event.type}:${String(d.wave)}:${String(d.attempt)}`;
    case 'mission.status_changed':
      return `${event.type}:${String(d.id)}:${String(d.from)}:${String(d.to)}`;
    case 'decision.requested':
      return `${event.type}:${String(d.id)}`;
    case 'session.approved':
    case 'session.completed':
    case 'session.aborted':
      return event.type;
    default: {
      const { prio: _prio, ...rest } = d;
      return `${event.type}:${canonicalJson(rest)}`;
    }
  }
}
