/**
 * What the user sees while a session runs: the `Display` port and its factory. The runtime hands
 * every committed batch to `onEvents`; `close()` ends the display and prints the end-of-session
 * summary (§A2.2 progress update per wave, outcome, file paths).
 *
 * Modes: `tty` (live block redrawn in place on `err`), `plain` (one line per notable event on
 * `err`), `json` (the log's JSON lines on `out`). The summary goes to `out`, except in `json`
 * mode, where `out` carries only events and the summary goes to `err`.
 */
import type { DomainEvent } from '../events.js';
import { evolveProgress } from '../projections/progress.view.js';
import { initProgress, type ProgressView } from '../projections/progress.types.js';
import { JsonDisplay } from './json-display.js';
import { PlainDisplay } from './plain-display.js';
import { TtyProgressDisplay, type Scheduler } from './progress-display.js';
import { renderSessionSummary, type SummaryPaths } from './session-summary.js';
import { evolveBudgetSpend, initBudgetSpend } from '../domain/budget/spend.fold.js';
import type { Budgets } from '../domain/budget/budget.schema.js';
import { spendLines } from './spend-format.js';

/** Where a display writes (a stream, or a string sink in tests). */
export interface TextSink {
  write(chunk: string): unknown;
}

/** A progress display fed with committed event batches. */
export interface Display {
  /** The progress view folded from every event seen so far. */
  readonly view: ProgressView;
  /** Receives one committed batch, in log order. */
  onEvents(events: readonly DomainEvent[]): void;
  /** Ends the display (final redraw, summary); later batches are ignored. */
  close(): void;
}

/** Display modes. */
export type DisplayMode = 'tty' | 'plain' | 'json';

/** Options of {@link createDisplay}. */
export interface DisplayOptions {
  mode: DisplayMode;
  /** stdout: JSON lines (`json`) and the end summary. */
  out: TextSink;
  /** stderr: the live display (`tty`) or plain lines (`plain`). */
  err: TextSink;
  /** Wall clock in epoch ms; only the TTY display reads it. */
  now: () => number;
  /** The repository (known before `session.started` arrives, e.g. on resume). */
  repo?: string;
  /** Events already in the log (resume): folded silently before the first batch. */
  history?: readonly DomainEvent[];
  /** Print the end summary on close (default true); paths override the default file paths. */
  summary?: false | SummaryPaths;
  /** TTY only: timers, redraw interval, terminal size. */
  scheduler?: Scheduler;
  intervalMs?: number;
  columns?: () => number;
  rows?: () => number;
  /** TTY only: colour the status symbols and notices (see `colourEnabled`). Default off. */
  colour?: boolean;
}

/** Picks the mode for a CLI invocation: `--json` wins, then whether stderr is a TTY. */
export function displayModeFor(flags: { json?: boolean; isTTY?: boolean }): DisplayMode {
  if (flags.json) return 'json';
  return flags.isTTY ? 'tty' : 'plain';
}

function inner(view: ProgressView, o: DisplayOptions): Display {
  switch (o.mode) {
    case 'json':
      return new JsonDisplay(view, o.out);
    case 'plain':
      return new PlainDisplay(view, o.err);
    case 'tty': {
      const tty = { err: o.err, now: o.now };
      return new TtyProgressDisplay(view, {
        ...tty,
        ...(o.scheduler ? { scheduler: o.scheduler } : {}),
        ...(o.intervalMs !== undefined ? { intervalMs: o.intervalMs } : {}),
        ...(o.columns ? { columns: o.columns } : {}),
        ...(o.rows ? { rows: o.rows } : {}),
        ...(o.colour ? { colour: true } : {}),
      });
    }
  }
}

/** Creates the display of a mode; its `close()` prints the end summary unless `summary: false`. */
export function createDisplay(o: DisplayOptions): Display {
  const view = initProgress();
  if (o.repo !== undefined) view.repo = o.repo;
  // Spend per session and wave (tokens, dollars, minutes) for the summary's Spend line.
  const spend = initBudgetSpend();
  let budgets: Budgets | undefined;
  const foldSpend = (e: DomainEvent) => {
    evolveBudgetSpend(spend, e);
    if (e.type === 'session.planned') budgets = e.data.plan.config.budgets;
  };
  for (const e of o.history ?? []) {
    evolveProgress(view, e);
    foldSpend(e);
  }
  const display = inner(view, o);
  let closed = false;
  return {
    view,
    onEvents: (events) => {
      if (!closed) for (const e of events) foldSpend(e);
      display.onEvents(events);
    },
    close() {
      if (closed) return;
      closed = true;
      display.close();
      if (o.summary === false) return;
      const spent = spend.session.firstMs === null ? [] : spendLines(spend, budgets);
      const text = renderSessionSummary(view, o.summary ?? {}, spent);
      (o.mode === 'json' ? o.err : o.out).write(`\n${text}`);
    },
  };
}
