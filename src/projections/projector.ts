/**
 * Folds events into a set of projections and renders them together. Pure: the same code serves
 * the live runtime (render once per commit batch), `wave replay`, `projectAt` time travel and the
 * inspector. Each event goes only to the projections that handle its type (a table built once),
 * so an agent's stream events, which most projections ignore, cost one map lookup.
 *
 * The projector remembers which projections an event reached since the last
 * {@link Projector.renderChanged}: the live runtime renders and writes only those (a tool call
 * renders nothing; a mission transition does not re-render the agent status).
 */
import type { DomainEvent } from '../events.js';
import type { Projection, ProjectionOutput } from './projection.js';

/** A set of projections folded side by side. */
export class Projector {
  private readonly views: unknown[];
  /** Event type → indices of the projections that handle it, in projection order. */
  private readonly routes = new Map<string, number[]>();
  /** Per projection: evolved since the last {@link renderChanged}. */
  private readonly dirty: boolean[];
  /** Nothing rendered yet: the first {@link renderChanged} renders every projection. */
  private fresh = true;

  constructor(private readonly projections: readonly Projection<unknown>[]) {
    this.views = projections.map((p) => p.init());
    this.dirty = projections.map(() => false);
    projections.forEach((p, i) => {
      for (const type of new Set(p.handles)) {
        const list = this.routes.get(type);
        if (list) list.push(i);
        else this.routes.set(type, [i]);
      }
    });
  }

  /** Folds one event into every projection that handles its type. */
  evolve(event: DomainEvent): void {
    const targets = this.routes.get(event.type);
    if (targets === undefined) return;
    for (const i of targets) {
      this.dirty[i] = true;
      this.views[i] = (this.projections[i] as Projection<unknown>).evolve(this.views[i], event);
    }
  }

  /** Folds many events. */
  evolveAll(events: Iterable<DomainEvent>): void {
    for (const e of events) this.evolve(e);
  }

  /** Renders every projection (pure; call it at commit boundaries). */
  render(): ProjectionOutput[] {
    const out: ProjectionOutput[] = [];
    for (let i = 0; i < this.projections.length; i++) {
      out.push(...(this.projections[i] as Projection<unknown>).render(this.views[i]));
    }
    return out;
  }

  /** True when an event reached a projection since the last {@link renderChanged}. */
  get changed(): boolean {
    return this.fresh || this.dirty.includes(true);
  }

  /**
   * Renders only the projections an event reached since the last call (every projection the
   * first time), and forgets that they changed. A projection no event reached renders what it
   * rendered last time, so its files need no look.
   */
  renderChanged(): ProjectionOutput[] {
    const out: ProjectionOutput[] = [];
    for (let i = 0; i < this.projections.length; i++) {
      if (!this.fresh && !this.dirty[i]) continue;
      this.dirty[i] = false;
      out.push(...(this.projections[i] as Projection<unknown>).render(this.views[i]));
    }
    this.fresh = false;
    return out;
  }

  /** The current view of the projection called `name`. */
  view<V>(name: string): V | undefined {
    const i = this.projections.findIndex((p) => p.name === name);
    return i < 0 ? undefined : (this.views[i] as V);
  }
}

/** Renders the projections as of event `seq` (inclusive): time travel over a log. */
export function projectAt(
  projections: readonly Projection<unknown>[],
  events: Iterable<DomainEvent>,
  seq = Number.POSITIVE_INFINITY,
): ProjectionOutput[] {
  const projector = new Projector(projections);
  for (const e of events) {
    if (e.seq > seq) break;
    projector.evolve(e);
  }
  return projector.render();
}
