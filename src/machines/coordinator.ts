/**
 * The coordinator: runs the actor tree (session ▸ waves, missions ▸ agents), delivers each logged
 * event to the actors it concerns, and collects what they ask for as data.
 *
 * It keeps two books, both folded from the log alone:
 * - proposed events not yet seen in the log (`pendingEvents`): in live mode the runtime appends
 *   them right away; after a crash, replay leaves exactly the unappended ones here;
 * - effects not yet completed (`pendingEffects`): an agent run ends with its terminal event, a gate
 *   run with gate.passed/failed, a question with decision.made… After replay, the open ones are
 *   what was in flight at the crash.
 * A logged decision is matched with the proposals by identity and decision data, never by prose
 * (`decision-identity.ts`); one the code would not take now is a {@link Divergence}.
 */
import { createActor, type Actor, type AnyActorRef } from 'xstate';
import { IllegalTransitionError } from '../errors.js';
import type { DomainEvent, NewEvent } from '../events.js';
import type { Effect, Intent } from './intents.js';
import { MISSION_VERBS } from './mission.machine.js';
import { sessionMachine } from './session.machine.js';
import type { SessionContext } from './session.context.js';
import { waveMachine } from './wave.machine.js';
import { agentMachine } from './agent.machine.js';
import { evolveBudgetSpend, initBudgetSpend } from '../domain/budget/spend.fold.js';
import { budgetTripsAfter } from '../domain/budget/budget-trip.js';
import { AUTHORED_TYPES, decisionDataOf, identityOf } from './decision-identity.js';
import { ACCEPT_DIVERGENCE_ID, divergenceOf, type Divergence } from './divergence.js';
import { keysCompletedBy } from './effect-keys.js';
import { CHECKPOINT_FORMAT, type CoordinatorCheckpoint } from './coordinator-checkpoint.js';
import { stateName, viewOf, type CoordinatorView } from './coordinator-view.js';

export type { CoordinatorView } from './coordinator-view.js';

/** Sends an event and surfaces an error thrown inside the machine (a bug, never swallowed). */
function deliver(actor: AnyActorRef, event: unknown): void {
  actor.send(event);
  const snap = actor.getSnapshot() as { status: string; error?: unknown };
  if (snap.status === 'error') throw snap.error;
}

/** Event types a chart acts on anywhere, read off its definition. */
function eventsOf(machine: { root: { events: readonly string[] } }): ReadonlySet<string> {
  return new Set(machine.root.events.filter((t) => !t.startsWith('xstate.')));
}

const RUN_END_TYPES: readonly string[] = ['agent.finished', 'agent.crashed', 'agent.timed_out'];
const SESSION_EVENTS = eventsOf(sessionMachine);
const WAVE_EVENTS = eventsOf(waveMachine);
/** Facts of a running agent, delivered to its actor (read off the agent chart). */
const RUN_FACTS: ReadonlySet<string> = new Set(
  [...eventsOf(agentMachine)].filter((t) => t !== 'agent.lost' && !RUN_END_TYPES.includes(t)),
);
const RUN_ENDS: ReadonlySet<string> = new Set(RUN_END_TYPES);
/** What most events produce (shared: an agent's tool calls allocate nothing here). */
const NO_INTENTS: readonly Intent[] = Object.freeze([]);

/**
 * Routes logged events through the statecharts and books their intents. The actors' `intent`
 * action is provided here and only collects its params, so they stay pure functions of the
 * events they are sent: no effect runs inside them.
 */
export class Coordinator {
  private readonly buffer: Intent[] = [];
  private readonly session: Actor<typeof sessionMachine>;
  private currentWave: number | null = null;
  /** Routing table: the wave of every agent run (a finished actor leaves the system). */
  private readonly agentWave = new Map<string, number>();
  private readonly pendingAppends = new Map<string, NewEvent[]>();
  private readonly openEffects = new Map<string, Effect>();
  private accepted = 0;
  /** Spend so far per session, wave and agent run, folded from the log. */
  private readonly spend;
  /** Logged decisions the current code does not take, in log order. */
  readonly divergences: Divergence[] = [];

  /** A coordinator at the start of a log, or where `from` left one ({@link fromCheckpoint}). */
  constructor(from?: CoordinatorCheckpoint) {
    const intent = (_: unknown, p: Intent) => void this.buffer.push(p);
    const machine = sessionMachine.provide({
      actions: { intent },
      actors: {
        wave: waveMachine.provide({
          actions: { intent },
          actors: { agent: agentMachine.provide({ actions: { intent } }) },
        }),
      },
    });
    this.session = createActor(machine, from && { snapshot: from.session });
    this.spend = from?.spend ?? initBudgetSpend();
    if (from) {
      this.currentWave = from.currentWave;
      for (const [k, v] of from.agentWave) this.agentWave.set(k, v);
      for (const [k, v] of from.pendingAppends) this.pendingAppends.set(k, v);
      for (const [k, v] of from.openEffects) this.openEffects.set(k, v);
      this.accepted = from.accepted;
      this.divergences.push(...from.divergences);
    }
    // An error inside a machine is rethrown synchronously by `deliver`; this observer only keeps
    // XState from also reporting it as unhandled on a later tick.
    this.session.subscribe({ error: () => undefined });
    this.session.start();
  }

  /** Folds one logged event; returns the intents it produced (in order; most events: none). */
  apply(event: DomainEvent): readonly Intent[] {
    this.settle(event);
    this.buffer.length = 0;
    if (SESSION_EVENTS.has(event.type)) deliver(this.session, event);
    this.watchBudgets(event);
    if (event.type === 'mission.status_changed') this.moveMission(event);
    this.routeAgent(event);
    this.routeWave(event);
    if (this.buffer.length === 0) return NO_INTENTS;
    const intents = this.buffer.splice(0);
    for (const intent of intents) {
      if (intent.kind === 'append') {
        const id = identityOf(intent.event);
        const queue = this.pendingAppends.get(id);
        if (queue) queue.push(intent.event);
        else this.pendingAppends.set(id, [intent.event]);
      } else this.openEffects.set(intent.effect.key, intent.effect);
    }
    return intents;
  }

  /** Matches a logged decision with its proposal and closes the effects it completes. */
  private settle(event: DomainEvent): void {
    if (AUTHORED_TYPES.has(event.type)) {
      const id = identityOf(event);
      const queue = this.pendingAppends.get(id);
      const proposed = queue?.shift();
      if (queue && queue.length === 0) this.pendingAppends.delete(id);
      // Live, the logged event carries the very data object proposed (validation and redaction
      // return what they need not change): equal by identity, no canonical form to compare.
      if (proposed === undefined || proposed.data !== event.data) {
        const verdict = divergenceOf(event, id, proposed && decisionDataOf(proposed));
        if (verdict) this.divergences.push(verdict);
      }
    }
    for (const key of keysCompletedBy(event)) this.openEffects.delete(key);
    if (event.type === 'decision.made' && event.data.id === ACCEPT_DIVERGENCE_ID) {
      this.accepted = this.divergences.length;
    }
  }

  /**
   * Folds the event into the session's spend and hands every limit it reached to the session
   * machine, which decides (each scope trips once).
   */
  private watchBudgets(event: DomainEvent): void {
    // A plan without budgets needs no fold (the plan is logged before any spend).
    const budgets = this.sessionContext.plan?.config.budgets;
    if (budgets === undefined) return;
    evolveBudgetSpend(this.spend, event);
    for (const trip of budgetTripsAfter(this.spend, event, budgets)) {
      deliver(this.session, { type: 'budget.tripped', trip });
    }
  }

  private child(systemId: string): AnyActorRef | undefined {
    return this.session.system.get(systemId) as AnyActorRef | undefined;
  }

  private moveMission(event: Extract<DomainEvent, { type: 'mission.status_changed' }>): void {
    const actor = this.child(`mission:${event.data.id}`);
    if (!actor) {
      throw new IllegalTransitionError(
        `seq ${event.seq}: mission ${event.data.id} is not in the plan`,
      );
    }
    const move = { type: MISSION_VERBS[event.data.to] };
    const snap = actor.getSnapshot() as { value: unknown; can: (e: unknown) => boolean };
    if (snap.value !== event.data.from || !snap.can(move)) {
      throw new IllegalTransitionError(
        `seq ${event.seq}: mission ${event.data.id} cannot move ${String(snap.value)} → ${event.data.to}`,
      );
    }
    deliver(actor, move);
  }

  private routeAgent(event: DomainEvent): void {
    if (event.type === 'session.resumed') {
      for (const id of event.data.inFlight) {
        const actor = this.child(id);
        if (actor) deliver(actor, { type: 'agent.lost', policy: event.data.policy });
      }
      return;
    }
    if (event.type === 'agent.dispatched') this.agentWave.set(event.data.agentId, event.data.wave);
    const lifecycle = RUN_ENDS.has(event.type) || event.type === 'agent.started';
    if (!lifecycle && !RUN_FACTS.has(event.type)) return;
    const agentId = (event.data as { agentId: string }).agentId;
    const actor = this.child(agentId);
    if (actor) deliver(actor, event);
    else if (lifecycle && !this.agentWave.has(agentId)) {
      throw new IllegalTransitionError(
        `seq ${event.seq}: ${event.type} for unknown agent ${agentId}`,
      );
    }
  }

  private routeWave(event: DomainEvent): void {
    if (event.type === 'wave.started') {
      this.currentWave = event.data.wave;
      return;
    }
    if (!WAVE_EVENTS.has(event.type) || this.currentWave === null) return;
    const waveNo = this.waveOf(event);
    if (waveNo === null) return;
    const actor = this.child(`wave-${waveNo}`);
    if (!actor || (actor.getSnapshot() as { hasTag(t: string): boolean }).hasTag('ended')) return;
    deliver(actor, event);
  }

  private waveOf(event: DomainEvent): number | null {
    const data = event.data as { wave?: number; agentId?: string };
    if (typeof data.wave === 'number') return data.wave;
    if (typeof data.agentId === 'string') return this.agentWave.get(data.agentId) ?? null;
    return this.currentWave;
  }

  /**
   * Everything folded so far: XState's persisted snapshot of the actor tree and the books. The
   * objects are shared with the live actors: serialize it before the next {@link apply}.
   */
  checkpoint(): CoordinatorCheckpoint {
    return {
      format: CHECKPOINT_FORMAT,
      session: this.session.getPersistedSnapshot(),
      currentWave: this.currentWave,
      agentWave: [...this.agentWave],
      pendingAppends: [...this.pendingAppends],
      openEffects: [...this.openEffects],
      accepted: this.accepted,
      spend: this.spend,
      divergences: this.divergences,
    };
  }

  /** A coordinator that goes on where {@link checkpoint} left one (same code, same log prefix). */
  static fromCheckpoint(cp: CoordinatorCheckpoint): Coordinator {
    return new Coordinator(cp);
  }

  /** True when the log holds the dispatch of this agent run. */
  hasAgent(agentId: string): boolean {
    return this.agentWave.has(agentId);
  }

  /** Proposed events not yet in the log, in proposal order. */
  pendingEvents(): NewEvent[] {
    return [...this.pendingAppends.values()].flat();
  }

  /** Effects asked for and not yet completed. */
  pendingEffects(): Effect[] {
    return [...this.openEffects.values()];
  }

  /** Divergences logged after the last one the operator accepted. */
  unacceptedDivergences(): Divergence[] {
    return this.divergences.slice(this.accepted);
  }

  /** True once the session reached completed or aborted. */
  get finished(): boolean {
    return this.session.getSnapshot().hasTag('ended');
  }

  /** Session state, e.g. `running.waving`. */
  get sessionState(): string {
    return stateName(this.session.getSnapshot().value);
  }

  /** The session machine's context (read-only use). */
  get sessionContext(): Readonly<SessionContext> {
    return this.session.getSnapshot().context;
  }

  /** A read-only picture of all machines. */
  view(): CoordinatorView {
    return viewOf(this.sessionState, this.sessionContext, this.currentWave);
  }
}
