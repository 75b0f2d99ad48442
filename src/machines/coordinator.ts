/**
 * The coordinator: runs the actor tree (session ▸ waves, missions ▸ agents), delivers each logged
 * event to the actors it concerns, and collects what they ask for as data.
 *
 * It keeps the books of proposals and effects not yet closed in the log (`proposal-books.ts`):
 * after replay they hold what the log has not appended yet and what was in flight at a crash.
 * {@link Coordinator.checkpoint} saves all of it, and a replay of a long log goes on from there.
 */
import { createActor, type Actor, type AnyActorRef } from 'xstate';
import { IllegalTransitionError } from '../errors.js';
import type { DomainEvent, NewEvent } from '../events.js';
import type { Effect, Intent } from './intents.js';
import { MISSION_VERBS } from './mission.machine.js';
import { sessionMachine } from './session.machine.js';
import type { SessionContext } from './session.context.js';
import { waveMachine } from './wave.machine.js';
import { agentMachine, type ToolFactEvent } from './agent.machine.js';
import { evolveBudgetSpend, initBudgetSpend } from '../domain/budget/spend.fold.js';
import { budgetTripsAfter } from '../domain/budget/budget-trip.js';
import type { Divergence } from './divergence.js';
import { ProposalBooks } from './proposal-books.js';
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
  /** The proposals and effects not yet seen closed in the log, and the divergences. */
  private readonly books: ProposalBooks;
  /** Spend so far per session, wave and agent run, folded from the log. */
  private readonly spend;

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
    this.books = new ProposalBooks(from);
    if (from) {
      this.currentWave = from.currentWave;
      for (const [k, v] of from.agentWave) this.agentWave.set(k, v);
    }
    // An error inside a machine is rethrown synchronously by `deliver`; this observer only keeps
    // XState from also reporting it as unhandled on a later tick.
    this.session.subscribe({ error: () => undefined });
    this.session.start();
  }

  /** Folds one logged event; returns the intents it produced (in order; most events: none). */
  apply(event: DomainEvent): readonly Intent[] {
    this.books.settle(event);
    this.buffer.length = 0;
    if (SESSION_EVENTS.has(event.type)) deliver(this.session, event);
    this.watchBudgets(event);
    if (event.type === 'mission.status_changed') this.moveMission(event);
    this.routeAgent(event);
    this.routeWave(event);
    if (this.buffer.length === 0) return NO_INTENTS;
    const intents = this.buffer.splice(0);
    this.books.book(intents);
    return intents;
  }

  /**
   * Folds logged events in order, as a replay does (it appends nothing, so the intents are only
   * booked): consecutive tool calls and failures of one agent run reach its actor as one
   * `agent.tool_facts` transition instead of one each, which is most of a long log. The machines
   * and books end exactly as {@link apply} one event at a time leaves them.
   */
  applyLogged(events: readonly DomainEvent[]): void {
    let run: ToolFactEvent[] = [];
    for (const e of events) {
      if (e.type === 'agent.tool_called' || e.type === 'agent.tool_failed') {
        if (run.length > 0 && run[0]?.data.agentId !== e.data.agentId) run = this.applyRun(run);
        run.push(e);
        continue;
      }
      if (run.length > 0) run = this.applyRun(run);
      this.apply(e);
    }
    if (run.length > 0) this.applyRun(run);
  }

  /** Folds one agent run's consecutive stream facts as one transition; returns a fresh run. */
  private applyRun(run: readonly ToolFactEvent[]): ToolFactEvent[] {
    if (run.length === 1) {
      this.apply(run[0] as ToolFactEvent);
      return [];
    }
    // What `apply` does for each fact: settle and the budgets (no fact completes an effect or
    // spends), then the delivery, here one for all.
    for (const e of run) {
      this.books.settle(e);
      this.watchBudgets(e);
    }
    this.buffer.length = 0;
    const actor = this.child((run[0] as ToolFactEvent).data.agentId);
    if (actor) deliver(actor, { type: 'agent.tool_facts', facts: run });
    this.books.book(this.buffer.splice(0));
    return [];
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
      ...this.books.checkpoint(),
      spend: this.spend,
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
    return this.books.pendingEvents();
  }

  /** Effects asked for and not yet completed. */
  pendingEffects(): Effect[] {
    return this.books.pendingEffects();
  }

  /** Divergences logged after the last one the operator accepted. */
  unacceptedDivergences(): Divergence[] {
    return this.books.unacceptedDivergences();
  }

  /** Logged decisions the current code does not take, in log order. */
  get divergences(): readonly Divergence[] {
    return this.books.divergences;
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
