/**
 * `--json`: every committed event as one line on stdout, exactly as the log stores it (same
 * envelope, same key order), one write per batch.
 */
import type { DomainEvent } from '../events.js';
import { serializeEvents } from '../adapters/jsonl-serialize.js';
import { evolveProgress } from '../projections/progress.view.js';
import type { ProgressView } from '../projections/progress.types.js';
import type { Display, TextSink } from './display.js';

/** The JSON-lines display. */
export class JsonDisplay implements Display {
  private closed = false;

  constructor(
    readonly view: ProgressView,
    private readonly out: TextSink,
  ) {}

  /** Writes the batch as JSON lines (and folds it, for the end summary). */
  onEvents(events: readonly DomainEvent[]): void {
    if (this.closed || events.length === 0) return;
    for (const e of events) evolveProgress(this.view, e);
    this.out.write(serializeEvents(events));
  }

  /** Stops writing. */
  close(): void {
    this.closed = true;
  }
}
