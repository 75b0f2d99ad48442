/**
 * The append rules every event store shares: optimistic concurrency on `expectedVersion`, stamped
 * seqs that continue the stream without gaps, events that belong to the stream, and (unless the
 * store was built with `validateOnAppend: false`) envelope + data validation with `parseEvent`.
 */
import { ConcurrencyError, EventValidationError } from '../errors.js';
import type { DomainEvent } from '../events.js';
import { fastParseEvent } from './jsonl-fast-parse.js';
import type { ExpectedVersion } from '../ports.js';

/** Throws {@link ConcurrencyError} when `expected` does not match the stream's `actual` version. */
function checkExpectedVersion(stream: string, expected: ExpectedVersion, actual: number): void {
  if (expected === 'any') return;
  if (expected === 'no-stream') {
    if (actual !== 0) {
      throw new ConcurrencyError(
        stream,
        expected,
        actual,
        `stream ${stream}: expected no stream, but it exists at version ${actual}`,
      );
    }
    return;
  }
  if (expected !== actual) throw new ConcurrencyError(stream, expected, actual);
}

/**
 * Checks an append against the stream's current version and returns the events to store (parsed,
 * with defaults applied, when `validate`). The whole batch is rejected on the first problem.
 */
export function prepareAppend(
  stream: string,
  events: readonly DomainEvent[],
  expected: ExpectedVersion,
  actual: number,
  validate: boolean,
): DomainEvent[] {
  checkExpectedVersion(stream, expected, actual);
  const out: DomainEvent[] = new Array<DomainEvent>(events.length);
  for (let i = 0; i < events.length; i++) {
    const given = events[i] as DomainEvent;
    const event = validate ? fastParseEvent(given) : given;
    const want = actual + 1 + i;
    if (event.seq !== want) {
      if (i === 0) {
        throw new ConcurrencyError(
          stream,
          expected,
          actual,
          `stream ${stream}: first event has seq ${String(event.seq)} but the stream is at version ${actual} (expected seq ${want})`,
        );
      }
      throw new EventValidationError(
        String(event.type),
        `seq ${String(event.seq)} does not continue the batch (expected ${want})`,
      );
    }
    if (event.session !== stream) {
      throw new EventValidationError(
        String(event.type),
        `session "${String(event.session)}" does not match stream "${stream}"`,
      );
    }
    if (!validate && event.data === undefined) {
      throw new EventValidationError(String(event.type), 'missing "data"');
    }
    out[i] = event;
  }
  return out;
}
