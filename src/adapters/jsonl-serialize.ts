/**
 * One log line per event: the JSON envelope with a fixed key order
 * (`v, seq, ts, session, type, data, causation`) and a trailing newline.
 */
import type { DomainEvent } from '../events.js';

const KEYS = ['v', 'seq', 'ts', 'session', 'type', 'data', 'causation'];

/** True when the event's own keys are exactly the envelope's, in line order. */
function inLineOrder(e: DomainEvent): boolean {
  let i = 0;
  for (const k in e) if (k !== KEYS[i++]) return false;
  return i === 6 || (i === 7 && e.causation !== undefined);
}

/** Serialises one event as a JSONL line (with its `\n`). */
export function serializeEvent(e: DomainEvent): string {
  // One JSON.stringify when the object is already in line order (events the store validated).
  if (inLineOrder(e)) return JSON.stringify(e) + '\n';
  let line =
    '{"v":' +
    String(e.v) +
    ',"seq":' +
    String(e.seq) +
    ',"ts":' +
    JSON.stringify(e.ts) +
    ',"session":' +
    JSON.stringify(e.session) +
    ',"type":' +
    JSON.stringify(e.type) +
    ',"data":' +
    JSON.stringify(e.data);
  if (e.causation !== undefined) line += ',"causation":' + String(e.causation);
  return line + '}\n';
}

/** Serialises a batch of events into one string of lines. */
export function serializeEvents(events: readonly DomainEvent[]): string {
  let text = '';
  for (const e of events) text += serializeEvent(e);
  return text;
}
