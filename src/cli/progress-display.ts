/**
 * The live TTY display on stderr: a block of lines (a line per wave and per agent) redrawn in
 * place by `log-update`, at most once per `intervalMs` (10 redraws/s by default), plus a slow tick
 * while agents run so their elapsed time keeps counting. Waves that are over, gate failures and
 * open questions are printed once above the block and scroll away with the terminal's history.
 * Each redraw is one write.
 *
 * While a decision is pending the block is erased and drawing stops, so the decision prompt on
 * the same terminal is not overwritten.
 */
import { createLogUpdate } from 'log-update';
import type { DomainEvent } from '../events.js';
import { evolveProgress } from '../projections/progress.view.js';
import type { ProgressView } from '../projections/progress.types.js';
import type { Display, TextSink } from './display.js';
import { footerLine, waveBlock, waveIsFinal } from './progress-frame.js';
import { plainLine } from './plain-display.js';
import { cutToWidth, painter, type Paint } from './progress-format.js';

/** Timer port (tests inject a manual one). */
export interface Scheduler {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** Real timers that never keep the process alive. */
const realScheduler: Scheduler = {
  set(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clear(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

/** Options of the TTY display. */
export interface TtyDisplayOptions {
  err: TextSink;
  /** Wall clock in epoch ms (elapsed times, throttling). */
  now: () => number;
  scheduler?: Scheduler;
  /** Minimum time between two redraws (default 100 ms). */
  intervalMs?: number;
  /** Redraw period while agents run and nothing else happens (default 1000 ms). */
  tickMs?: number;
  /** Terminal width and height, read at every redraw. */
  columns?: () => number;
  rows?: () => number;
  /** Colour the status symbols and notices. */
  colour?: boolean;
}

/** Lines of a failed gate's output shown under its notice. */
const GATE_TAIL_LINES = 6;

const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';
/** Most agent lines of a finished wave printed into the scrollback. */
const MAX_FLUSHED_AGENTS = 50;

/** The live, in-place progress display. */
export class TtyProgressDisplay implements Display {
  private readonly flushed = new Set<number>();
  private liveLines = 0;
  /** What one redraw writes, handed to the sink at once. */
  private pending = '';
  private readonly block: ReturnType<typeof createLogUpdate>;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private timer: unknown = null;
  private timerDue = 0;
  private cursorHidden = false;
  private closed = false;
  private readonly sched: Scheduler;
  private readonly intervalMs: number;
  private readonly tickMs: number;
  private readonly paint: Paint;
  /** Gate failures and open questions waiting to be printed above the live block. */
  private readonly notices: { text: string; style: 'red' | 'yellow' | null }[] = [];

  constructor(
    readonly view: ProgressView,
    private readonly opts: TtyDisplayOptions,
  ) {
    this.sched = opts.scheduler ?? realScheduler;
    this.intervalMs = opts.intervalMs ?? 100;
    this.tickMs = opts.tickMs ?? 1000;
    this.paint = painter(opts.colour ?? false);
    const sink = {
      write: (chunk: string) => {
        this.pending += chunk;
        return true;
      },
      get columns() {
        return opts.columns?.() ?? 80;
      },
      get rows() {
        return opts.rows?.() ?? 24;
      },
    };
    // The cursor is ours to hide and show (log-update would use process.stderr for it).
    this.block = createLogUpdate(sink as unknown as NodeJS.WriteStream, { showCursor: true });
  }

  /** Gate failures (with their output's last lines) and open questions: printed, not redrawn. */
  private notice(e: DomainEvent): void {
    if (e.type === 'gate.failed' || e.type === 'gate.exhausted') {
      const line = plainLine(this.view, e);
      if (line) this.notices.push({ text: line, style: 'red' });
      if (e.type === 'gate.failed') {
        const tail = e.data.output.split('\n').filter((l) => l.trim() !== '');
        for (const l of tail.slice(-GATE_TAIL_LINES))
          this.notices.push({ text: `    │ ${l}`, style: null });
      }
    } else if (e.type === 'question.asked') {
      const line = plainLine(this.view, e);
      if (line) this.notices.push({ text: line, style: 'yellow' });
    }
  }

  /** Folds a committed batch and asks for a (throttled) redraw. */
  onEvents(events: readonly DomainEvent[]): void {
    if (this.closed) return;
    let urgent = false;
    for (const e of events) {
      evolveProgress(this.view, e);
      this.notice(e);
      if (e.type === 'decision.requested') urgent = true;
    }
    // A decision prompt follows at once on this terminal: erase the block before it appears.
    if (urgent) this.draw(this.opts.now(), false);
    else this.request();
  }

  /** Draws the final state (no footer), shows the cursor again and stops. */
  close(): void {
    if (this.closed) return;
    this.cancel();
    this.draw(this.opts.now(), true);
    this.closed = true;
    if (this.cursorHidden) this.opts.err.write(SHOW_CURSOR);
  }

  private request(): void {
    if (this.closed) return;
    const t = this.opts.now();
    const due = this.lastDraw + this.intervalMs;
    if (t >= due) this.draw(t, false);
    else this.schedule(due, t);
  }

  private schedule(at: number, t: number): void {
    if (this.timer !== null && this.timerDue <= at) return;
    this.cancel();
    this.timerDue = at;
    this.timer = this.sched.set(
      () => {
        this.timer = null;
        this.request();
      },
      Math.max(0, at - t),
    );
  }

  private cancel(): void {
    if (this.timer !== null) this.sched.clear(this.timer);
    this.timer = null;
  }

  private draw(t: number, final: boolean): void {
    this.cancel();
    this.lastDraw = t;
    const columns = this.opts.columns?.() ?? 80;
    const rows = this.opts.rows?.() ?? 24;
    const permanent: string[] = [];
    const live: string[] = [];
    const waves = [...this.view.waves.values()].sort((a, b) => a.wave - b.wave);
    let inOrder = true;
    for (const w of waves) {
      if (this.flushed.has(w.wave)) continue;
      if (inOrder && waveIsFinal(w)) {
        this.flushed.add(w.wave);
        const layout = { columns, maxAgentLines: MAX_FLUSHED_AGENTS, paint: this.paint };
        permanent.push(...waveBlock(this.view, w, t, layout));
        continue;
      }
      inOrder = false;
      if (w.state === 'pending') continue;
      const layout = { columns, maxAgentLines: Math.max(3, rows - 4), paint: this.paint };
      live.push(...waveBlock(this.view, w, t, layout));
    }
    for (const n of this.notices.splice(0)) {
      const text = cutToWidth(n.text, Math.max(10, columns - 1));
      permanent.push(n.style ? this.paint(n.style, text) : text);
    }
    const paused = this.view.pendingDecision !== null && !final;
    if (paused) live.length = 0;
    else if (!final && this.view.state !== 'idle') live.push(footerLine(this.view, t, columns));
    if (permanent.length === 0 && live.length === 0 && this.liveLines === 0) return;
    if (!this.cursorHidden && !final) {
      this.pending += HIDE_CURSOR;
      this.cursorHidden = true;
    }
    if (permanent.length > 0) {
      this.block.clear();
      this.pending += permanent.map((line) => `${line}\n`).join('');
    }
    if (live.length > 0) this.block(live.join('\n'));
    else this.block.clear();
    if (final) this.block.done();
    this.liveLines = live.length;
    const out = this.pending;
    this.pending = '';
    if (out !== '') this.opts.err.write(out);
    const running = this.view.state === 'running' && live.length > 0;
    if (!final && !paused && running) this.schedule(t + this.tickMs, t);
  }
}
