/**
 * The machine states of every event, derived by replaying the log once, forward, through the
 * public {@link Coordinator}: after each event it records what changed in `coordinator.view()`
 * (session state, wave, each mission and agent), with a full copy of the view every
 * {@link CHECKPOINT_EVERY} events. The view as of any replayed event is then a checkpoint plus at
 * most that many deltas, so scrubbing backwards never replays the machines again.
 *
 * When the Coordinator offers `checkpoint()` / `Coordinator.fromCheckpoint()`, this index can keep
 * those instead of view copies (and so answer more than the view); the interface stays.
 */
import type { DomainEvent } from '../../events.js';
import { Coordinator, type CoordinatorView } from '../../machines/coordinator.js';

/** Full view copies are kept every this many events. */
const CHECKPOINT_EVERY = 512;

/** What one event changed in the view. */
interface ViewDelta {
  session?: string;
  wave?: CoordinatorView['wave'];
  missions?: Record<string, string>;
  agents?: Record<string, string>;
}

const copyView = (v: CoordinatorView): CoordinatorView => ({
  session: v.session,
  wave: v.wave ? { ...v.wave } : null,
  missions: { ...v.missions },
  agents: { ...v.agents },
});

function changed(
  a: Record<string, string>,
  b: Record<string, string>,
): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const k in b) if (a[k] !== b[k]) (out ??= {})[k] = b[k] as string;
  return out;
}

/** Forward-only replay of the machines with an index of their views. */
export class MachineIndex {
  private readonly coordinator = new Coordinator();
  private readonly deltas: (ViewDelta | null)[] = [];
  private readonly checkpoints: CoordinatorView[] = [];
  private last: CoordinatorView;
  /** The first error a machine raised (the log is not what the code decides), with its seq. */
  error: { seq: number; message: string } | null = null;

  /**
   * @param watched event types that can change a state value: those some chart's transitions name
   *   (read from the machine definitions). Other events skip the view comparison, except at
   *   checkpoints, where any change is still caught.
   */
  constructor(
    private readonly watched: ReadonlySet<string> | null = null,
    private readonly every = CHECKPOINT_EVERY,
  ) {
    this.last = copyView(this.coordinator.view());
    this.checkpoints.push(copyView(this.last));
  }

  /** How many events have been replayed. */
  get seq(): number {
    return this.deltas.length;
  }

  /** Replays the next event (its seq must be `this.seq + 1`). */
  apply(e: DomainEvent): void {
    if (this.error === null) {
      try {
        this.coordinator.apply(e);
      } catch (error) {
        this.error = { seq: e.seq, message: (error as Error).message };
      }
    }
    const atCheckpoint = (this.deltas.length + 1) % this.every === 0;
    if (this.watched && !this.watched.has(e.type) && !atCheckpoint) {
      this.deltas.push(null);
      return;
    }
    const now = this.coordinator.view();
    const d: ViewDelta = {};
    if (now.session !== this.last.session) d.session = now.session;
    if (JSON.stringify(now.wave) !== JSON.stringify(this.last.wave)) d.wave = now.wave;
    const m = changed(this.last.missions, now.missions);
    if (m) d.missions = m;
    const a = changed(this.last.agents, now.agents);
    if (a) d.agents = a;
    const any = Object.keys(d).length > 0;
    this.deltas.push(any ? d : null);
    if (any) this.last = now;
    if (this.deltas.length % this.every === 0) this.checkpoints.push(copyView(this.last));
  }

  /** The view right after event `seq` (0: before the first event); `seq` ≤ {@link seq}. */
  viewAt(seq: number): CoordinatorView {
    if (seq > this.deltas.length) throw new RangeError(`seq ${seq} not replayed yet`);
    const k = Math.floor(seq / this.every);
    const v = copyView(this.checkpoints[k] as CoordinatorView);
    for (let i = k * this.every; i < seq; i++) {
      const d = this.deltas[i];
      if (!d) continue;
      if (d.session !== undefined) v.session = d.session;
      // Copied: the caller owns the returned view; a delta is never shared with it.
      if (d.wave !== undefined) v.wave = d.wave ? { ...d.wave } : null;
      if (d.missions) Object.assign(v.missions, d.missions);
      if (d.agents) Object.assign(v.agents, d.agents);
    }
    return v;
  }
}
