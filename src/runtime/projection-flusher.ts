/**
 * Writes the projection files of a live session off the commit's critical path.
 *
 * A commit waits only for the log to be durable; it then marks the projections changed and asks
 * for a flush. The flush runs later on the event loop (while the next commit's `fdatasync` is in
 * flight), renders only the projections an event reached ({@link Projector.renderChanged}) and
 * writes only files whose content changed. Flushes are coalesced: after a flush that took `d` ms
 * the next one waits `pacing × d` ms, and at least `minIntervalMs`, so rendering a large STATE.md
 * takes a bounded share of the loop however often commits come (commits in between fold into one
 * flush), and a busy session rewrites its files at most ten times a second, which is as often as
 * anyone reads them. The files lag the log by at most that delay; {@link ProjectionFlusher.flush}
 * writes them at once (the engine calls it when the session stops or pauses), and replay rebuilds
 * them from the log anyway. The first flush is not delayed.
 */
import type { ProjectionWriter } from '../adapters/projection-writer.js';
import type { Projector } from '../projections/projector.js';

/** Options of {@link ProjectionFlusher}. */
export interface FlusherOptions {
  /**
   * Idle time after a flush, as a multiple of how long the flush took (default 4: rendering takes
   * at most a fifth of the loop). 0 flushes at the next turn of the event loop.
   */
  pacing?: number;
  /** Shortest time from the end of a flush to the start of the next (default 100 ms). */
  minIntervalMs?: number;
  /** Called with the error of a flush that runs in the background (the engine fails with it). */
  onError: (error: unknown) => void;
  /** Called after each flush that wrote something (e.g. a status snapshot keeper). */
  afterFlush?: () => void;
}

/** Coalesced, deferred writer of a projector's changed files. */
export class ProjectionFlusher {
  private timer: NodeJS.Timeout | null = null;
  private pending = false;
  /** performance.now() before which no background flush starts. */
  private notBefore = 0;

  constructor(
    private readonly projector: Projector,
    private readonly writer: ProjectionWriter,
    private readonly options: FlusherOptions,
  ) {}

  /** Asks for the changed projections to be written soon (coalesced with other requests). */
  request(): void {
    this.pending = true;
    if (this.timer !== null) return;
    const delay = Math.max(0, this.notBefore - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      try {
        this.flush();
      } catch (error) {
        this.options.onError(error);
      }
    }, delay);
  }

  /** True when a flush was asked for and has not run yet. */
  get dirty(): boolean {
    return this.pending;
  }

  /** Writes the changed projections now (synchronously) and cancels a scheduled flush. */
  flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.pending && !this.projector.changed) return;
    this.pending = false;
    const t0 = performance.now();
    this.writer.write(this.projector.renderChanged());
    const t1 = performance.now();
    this.notBefore =
      t1 + Math.max((t1 - t0) * (this.options.pacing ?? 4), this.options.minIntervalMs ?? 100);
    this.options.afterFlush?.();
  }

  /** Cancels a scheduled flush without writing (the session failed; replay rebuilds). */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
