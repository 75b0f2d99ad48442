/**
 * One log line per event: the JSON envelope with a fixed key order
 * (`v, seq, ts, session, type, data, causation`) and a trailing newline.
 */
import type { DomainEvent } from '../events.js';

/** Serialises one event as a JSONL line (with its `\n`). */
export function serializeEvent(e: DomainEvent): string {
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
