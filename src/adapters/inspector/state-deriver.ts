/**
 * "Everything as of event N" for the inspector, derived by replaying the log through the public
 * {@link Coordinator} and the pure projections: the machine view before and after event N, the
 * STATE.md / session record / wave-scope files before and after it, and the spend so far.
 *
 * Derivation sits behind {@link StateDeriver}. {@link ReplayDeriver} replays the machines once,
 * forward, into a {@link MachineIndex}; the projections replay forward incrementally from a cursor
 * (moving forward costs only the new events) and, on a step backwards, restart from the nearest
 * {@link ReplayCheckpoints} entry ({@link IntervalCheckpoints} by default). Answers are cached.
 *
 * Spend is the session's own accounting — the fold the budgets, `wave status` and the session
 * record use ({@link evolveBudgetSpend}: `agent.usage` as running totals per agent run, dollars
 * from the runner or `prices:`) — so the page never disagrees with them.
 */
import type { DomainEvent } from '../../events.js';
import type { CoordinatorView } from '../../machines/coordinator.js';
import type { Projection } from '../../projections/projection.js';
import { sessionsJsonlProjection } from '../../projections/sessions-jsonl/sessions-jsonl.projection.js';
import { stateMdProjection } from '../../projections/state-md/state-md.projection.js';
import { waveScopeProjection } from '../../projections/wave-scope.projection.js';
import { MachineIndex } from './machine-index.js';
import {
  copyBudgetSpend,
  evolveBudgetSpend,
  initBudgetSpend,
  type BudgetSpendState,
} from '../../domain/budget/spend.fold.js';

/** The files the inspector shows, by label. */
export const SHOWN_FILES: Readonly<Record<string, Projection<unknown>>> = {
  'STATE.md': stateMdProjection,
  'session record': sessionsJsonlProjection,
  'wave-scope.json': waveScopeProjection,
};

/** Everything shown as of one event. */
export interface StateAt {
  seq: number;
  before: CoordinatorView;
  after: CoordinatorView;
  /** Rendered text of each shown file before and after the event (null: no such file). */
  files: Record<string, { before: string | null; after: string | null }>;
  spend: BudgetSpendState;
  /** A machine raised an error replaying this prefix (the log is not what the code decides). */
  error: string | null;
}

/** Derives the state as of an event. */
interface StateDeriver {
  at(seq: number): StateAt;
}

/** A projection replay position: the views of the shown files and the spend after `seq`. */
export interface ReplayCursor {
  seq: number;
  views: unknown[];
  spend: BudgetSpendState;
}

/** Where a backwards step restarts from. */
export interface ReplayCheckpoints {
  /** A cursor at the greatest checkpointed seq ≤ `seq`, or null for "start from scratch". */
  restore(seq: number): ReplayCursor | null;
  /** Offered the cursor after each step; keeps what it wants. */
  offer(cursor: ReplayCursor): void;
}

const projections = Object.values(SHOWN_FILES);

/** An independent copy of a cursor (each projection copies its own view). */
function cloneCursor(c: ReplayCursor): ReplayCursor {
  return {
    seq: c.seq,
    views: c.views.map((v, i) => {
      const p = projections[i] as Projection<unknown>;
      return p.clone ? p.clone(v) : structuredClone(v);
    }),
    spend: copyBudgetSpend(c.spend),
  };
}

/**
 * Checkpoints every `every` events (default 500), kept in memory (derived from the log, never stored): a step
 * back restarts from the nearest one at or before the target, so no step folds more than `every`
 * events. Default for {@link ReplayDeriver}.
 */
export class IntervalCheckpoints implements ReplayCheckpoints {
  private readonly kept: ReplayCursor[] = [];

  constructor(private readonly every = 500) {}

  restore(seq: number): ReplayCursor | null {
    let lo = 0;
    let hi = this.kept.length - 1;
    let found: ReplayCursor | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const k = this.kept[mid] as ReplayCursor;
      if (k.seq <= seq) {
        found = k;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found ? cloneCursor(found) : null;
  }

  offer(cursor: ReplayCursor): void {
    if (cursor.seq % this.every !== 0) return;
    const last = this.kept[this.kept.length - 1];
    if (last !== undefined && last.seq >= cursor.seq) return;
    this.kept.push(cloneCursor(cursor));
  }
}

function freshCursor(): ReplayCursor {
  return { seq: 0, views: projections.map((p) => p.init()), spend: initBudgetSpend() };
}

function step(c: ReplayCursor, e: DomainEvent): void {
  for (let i = 0; i < projections.length; i++) {
    c.views[i] = (projections[i] as Projection<unknown>).evolve(c.views[i], e);
  }
  evolveBudgetSpend(c.spend, e);
  c.seq = e.seq;
}

function render(c: ReplayCursor): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  Object.keys(SHOWN_FILES).forEach((label, i) => {
    const outputs = (projections[i] as Projection<unknown>).render(c.views[i]);
    const first = outputs[0];
    out[label] = !first ? null : first.kind === 'file' ? first.content : first.lines.join('\n');
  });
  return out;
}

/**
 * Machines from a {@link MachineIndex} (replayed once, forward), projections by forward-incremental
 * replay from a cursor; answers are cached.
 */
export class ReplayDeriver implements StateDeriver {
  private cursor: ReplayCursor = freshCursor();
  private readonly machines: MachineIndex;
  private readonly cache = new Map<number, StateAt>();
  /** Rendered files and spend after each recently passed seq (the backfill of a restart). */
  private readonly snapshots = new Map<number, Snapshot>();
  /** How many events the projections folded in total (for measurements). */
  folded = 0;

  constructor(
    private readonly events: () => readonly DomainEvent[],
    private readonly checkpoints: ReplayCheckpoints = new IntervalCheckpoints(),
    private readonly cacheSize = 256,
    watched: ReadonlySet<string> | null = null,
  ) {
    this.machines = new MachineIndex(watched);
  }

  /** How many events the machines have replayed. */
  get machineSeq(): number {
    return this.machines.seq;
  }

  /** The machine view right after event `seq` (replaying the machines that far first). */
  viewAt(seq: number): CoordinatorView {
    this.advanceMachines(seq);
    return this.machines.viewAt(Math.min(seq, this.machines.seq));
  }

  /** Replays the machines up to `seq` (call in slices to keep a server responsive). */
  advanceMachines(seq: number): number {
    const log = this.events();
    const to = Math.min(seq, log.length);
    while (this.machines.seq < to) this.machines.apply(log[this.machines.seq] as DomainEvent);
    return this.machines.seq;
  }

  at(seq: number): StateAt {
    const hit = this.cache.get(seq);
    if (hit) {
      this.cache.delete(seq);
      this.cache.set(seq, hit);
      return hit;
    }
    const log = this.events();
    const target = Math.max(1, Math.min(seq, log.length));
    this.advanceMachines(target);
    const before = this.snapshot(target - 1);
    const after = this.snapshot(target);
    const files: StateAt['files'] = {};
    for (const k of Object.keys(after.files)) {
      files[k] = { before: before.files[k] ?? null, after: after.files[k] ?? null };
    }
    const err = this.machines.error;
    const result: StateAt = {
      seq: target,
      before: this.machines.viewAt(target - 1),
      after: this.machines.viewAt(target),
      files,
      spend: after.spend,
      error: err && err.seq <= target ? `seq ${err.seq}: ${err.message}` : null,
    };
    remember(this.cache, target, result, this.cacheSize);
    return result;
  }

  /**
   * Files and spend right after event `seq`. Forward, the cursor folds only the new events; a step
   * back restarts it (from a checkpoint, else from scratch) and renders the last
   * {@link BACKFILL} positions on the way, so the next steps back are already there.
   */
  private snapshot(seq: number): Snapshot {
    const known = this.snapshots.get(seq);
    if (known) return known;
    let backfillFrom = seq;
    if (this.cursor.seq > seq) {
      this.cursor = this.checkpoints.restore(seq) ?? freshCursor();
      backfillFrom = Math.max(this.cursor.seq, seq - BACKFILL);
    }
    const log = this.events();
    const keep = () => {
      const snap = { files: render(this.cursor), spend: copyBudgetSpend(this.cursor.spend) };
      remember(this.snapshots, this.cursor.seq, snap, SNAPSHOTS);
      return snap;
    };
    if (this.cursor.seq >= backfillFrom) keep();
    while (this.cursor.seq < seq) {
      step(this.cursor, log[this.cursor.seq] as DomainEvent);
      this.folded += 1;
      this.checkpoints.offer(this.cursor);
      if (this.cursor.seq >= backfillFrom) keep();
    }
    return this.snapshots.get(seq) ?? keep();
  }
}

/** Files and spend after one event. */
interface Snapshot {
  files: Record<string, string | null>;
  spend: BudgetSpendState;
}

/** How many positions before the target a restart renders on its way (for steps back). */
const BACKFILL = 16;
const SNAPSHOTS = 512;

/** Inserts into an insertion-ordered map used as an LRU of `size` entries. */
function remember<K, V>(map: Map<K, V>, key: K, value: V, size: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > size) map.delete(map.keys().next().value as K);
}
