/**
 * Bounds the rate of `agent.tool_called` events of one run: up to `perSecond` calls per
 * one-second window are logged one by one; the calls beyond are still seen by the run's collector
 * (status, files changed, stagnation) but not logged, and their number is reported once per
 * window (and at the end of the run), so an agent flooding tool calls cannot flood the log.
 */
/** Default tool calls per second logged one by one (bursts of real agents stay far below). */
const DEFAULT_TOOL_CALL_EVENTS_PER_SECOND = 1000;

/** The gate of one run; `report(n)` is told how many calls of a window were not logged. */
export class ToolCallGate {
  private windowStart = Number.NEGATIVE_INFINITY;
  private count = 0;
  private skipped = 0;
  /** Calls not logged over the run. */
  skippedTotal = 0;

  constructor(
    private readonly report: (skipped: number) => void,
    private readonly perSecond: number = DEFAULT_TOOL_CALL_EVENTS_PER_SECOND,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when this call may be logged. */
  admit(): boolean {
    const now = this.now();
    if (now - this.windowStart >= 1000) {
      this.flush();
      this.windowStart = now;
      this.count = 0;
    }
    if (this.count < this.perSecond) {
      this.count += 1;
      return true;
    }
    this.skipped += 1;
    this.skippedTotal += 1;
    return false;
  }

  /** Reports the calls not logged since the last report. */
  flush(): void {
    if (this.skipped === 0) return;
    const n = this.skipped;
    this.skipped = 0;
    this.report(n);
  }
}
