/**
 * Bounds the rate of `agent.output` events of one run: up to `perSecond` texts per one-second
 * window become events as they come; beyond that, texts are coalesced into one event emitted when
 * the next window opens (or at the end of the run), keeping the first `keepChars` characters and
 * counting the lines merged and the characters dropped. An agent printing a million lines makes a
 * few hundred events, and memory stays flat.
 */

/** Default texts per second that become events one by one. */
const DEFAULT_OUTPUT_EVENTS_PER_SECOND = 100;

/** What was merged into one coalesced event. */
export interface Coalesced {
  /** Lines (texts) merged into the event. */
  lines: number;
  /** Characters of those lines not kept. */
  droppedChars: number;
}

/** Options of {@link OutputThrottle}. */
export interface OutputThrottleOptions {
  perSecond?: number;
  /** Characters kept in a coalesced event. */
  keepChars: number;
  /** Milliseconds clock (default `Date.now`). */
  now?: () => number;
}

/** The throttle of one run; `emit` receives texts and, for coalesced ones, what was merged. */
export class OutputThrottle {
  private windowStart = Number.NEGATIVE_INFINITY;
  private count = 0;
  private pending: string[] = [];
  private pendingChars = 0;
  private pendingLines = 0;
  private pendingDropped = 0;
  private readonly perSecond: number;
  private readonly now: () => number;
  /** Totals over the run. */
  readonly totals: Coalesced = { lines: 0, droppedChars: 0 };

  constructor(
    private readonly options: OutputThrottleOptions,
    private readonly emit: (text: string, coalesced?: Coalesced) => void,
  ) {
    this.perSecond = options.perSecond ?? DEFAULT_OUTPUT_EVENTS_PER_SECOND;
    this.now = options.now ?? Date.now;
  }

  /** Offers one text: emitted now, or kept for the next coalesced event. */
  offer(text: string): void {
    const now = this.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.count = 0;
      if (this.pendingLines > 0) {
        this.count = 1;
        this.flush();
      }
    }
    if (this.count < this.perSecond) {
      this.count += 1;
      this.emit(text);
      return;
    }
    this.pendingLines += 1;
    const room = this.options.keepChars - this.pendingChars;
    if (room <= 0) {
      this.pendingDropped += text.length;
      return;
    }
    const kept = text.length <= room ? text : text.slice(0, room);
    this.pending.push(kept);
    this.pendingChars += kept.length + 1;
    this.pendingDropped += text.length - kept.length;
  }

  /** Emits what is pending as one coalesced event (end of run). */
  flush(): void {
    if (this.pendingLines === 0) return;
    const coalesced = { lines: this.pendingLines, droppedChars: this.pendingDropped };
    const text = this.pending.join('\n');
    this.totals.lines += coalesced.lines;
    this.totals.droppedChars += coalesced.droppedChars;
    this.pending = [];
    this.pendingChars = 0;
    this.pendingLines = 0;
    this.pendingDropped = 0;
    this.emit(text, coalesced);
  }
}
