/**
 * The coordinator: routes each logged event to the machines it concerns (session ▸ wave ▸ mission
 * ▸ agent) through XState's pure `transition()`, and collects what they ask for as data.
 *
 * It keeps two books, both folded from the log alone:
 * - proposed events not yet seen in the log (`pendingAppends`): in live mode the runtime appends
 *   them right away; after a crash, replay leaves exactly the unappended ones here;
 * - effects not yet completed (`openEffects`): an agent run ends with its terminal event, a gate
 *   run with gate.passed/failed, a question with decision.made… After replay, the open ones are
 *   what was in flight at the crash.
 * A logged decision the code would no longer propose is recorded in `divergences` (Temporal's
 * non-determinism check), so `wave replay --check` can report it.
 */
import { createActor, type Actor, type AnyActorRef, type AnyStateMachine } from 'xstate';
import { IllegalTransitionError } from '../errors.js';
import type { DomainEvent, NewEvent } from '../events.js';
import { agentMachine } from './agent.machine.js';
import type { Effect, Intent } from './intents.js';
import { missionMachine } from './mission.machine.js';
import { SESSION_EVENT_TYPES, sessionMachine } from './session.machine.js';
import type { SessionContext } from './session.reducer.js';
import { waveMachine, WAVE_EVENT_TYPES } from './wave.machine.js';
import type { WaveContext } from './wave.context.js';
import { AUTHORED_TYPES, canonicalJson, intentKey } from './intent-key.js';

type Running = Actor<AnyStateMachine>;

/** Sends an event and surfaces an error thrown inside the machine (a bug, never swallowed). */
function deliver(actor: AnyActorRef, event: unknown): void {
  actor.send(event as never);
  const snap = actor.getSnapshot() as { status: string; error?: unknown };
  if (snap.status === 'error') throw snap.error;
}

/** Starts an actor (running its entry actions) and surfaces an error thrown there. */
function start<A extends AnyActorRef>(actor: A): Running {
  // An error inside a machine is rethrown synchronously by `deliver`/`start` (status `error`);
  // this observer only keeps XState from also reporting it as unhandled on a later tick.
  actor.subscribe({ error: () => undefined });
  actor.start();
  const snap = actor.getSnapshot() as { status: string; error?: unknown };
  if (snap.status === 'error') throw snap.error;
  return actor as unknown as Running;
}

/** A read-only picture of the machines, for status displays and the inspector. */
export interface CoordinatorView {
  session: string;
  wave: { number: number; state: string } | null;
  missions: Record<string, string>;
  agents: Record<string, string>;
}

/**
 * Routes logged events through the statecharts and books their intents.
 *
 * The machines run as XState actors owned by the coordinator (a `send` costs a fifth of a pure
 * `transition()`); their `intent` action is provided here and only collects its params, so the
 * actors stay pure functions of the events they are sent: no effect runs inside them.
 */
export class Coordinator {
  private readonly buffer: Intent[] = [];
  private readonly machines = {
    session: sessionMachine.provide({
      actions: { intent: (_: unknown, p: Intent) => void this.buffer.push(p) } as never,
    }),
    wave: waveMachine.provide({
      actions: { intent: (_: unknown, p: Intent) => void this.buffer.push(p) } as never,
    }),
  };
  private readonly session: Running;
  private readonly waves = new Map<number, Running>();
  private readonly missions = new Map<string, Running>();
  private readonly agents = new Map<string, Running>();
  private readonly agentWave = new Map<string, number>();
  private currentWave: number | null = null;
  private readonly pendingAppends = new Map<string, NewEvent>();
  private readonly openEffects = new Map<string, Effect>();
  /** Logged coordinator decisions the current code did not propose. */
  readonly divergences: string[] = [];

  constructor() {
    this.session = start(createActor(this.machines.session as AnyStateMachine));
  }

  /** Folds one logged event; returns the intents it produced (in order). */
  apply(event: DomainEvent): Intent[] {
    this.settle(event);
    this.buffer.length = 0;
    if (SESSION_EVENT_TYPES.has(event.type)) deliver(this.session, event);
    this.routeMission(event);
    this.routeAgent(event);
    this.routeWave(event);
    const intents = this.buffer.splice(0);
    for (const intent of intents) {
      if (intent.kind === 'append') this.pendingAppends.set(intentKey(intent.event), intent.event);
      else this.openEffects.set(intent.effect.key, intent.effect);
    }
    return intents;
  }

  /** Marks proposals and effects completed by this event. */
  private settle(event: DomainEvent): void {
    if (AUTHORED_TYPES.has(event.type)) {
      const key = intentKey(event);
      const proposed = this.pendingAppends.get(key);
      if (proposed) {
        this.pendingAppends.delete(key);
        if (canonicalJson(proposed.data) !== canonicalJson(event.data)) {
          this.divergences.push(
            `seq ${event.seq}: ${event.type} was logged with other data than the machines decide now (${key})`,
          );
        }
      } else if (!(
        event.type === 'session.aborted' &&
        (event.data.cause === 'user-abort' || event.data.cause === 'error')
      )) {
        this.divergences.push(
          `seq ${event.seq}: ${event.type} was logged but is not what the machines decide now (${key})`,
        );
      }
    }
    switch (event.type) {
      case 'agent.finished':
      case 'agent.crashed':
      case 'agent.timed_out':
        this.openEffects.delete(`agent:${event.data.agentId}`);
        break;
      case 'gate.passed':
      case 'gate.failed':
        this.openEffects.delete(`gate:w${event.data.wave}:${event.data.attempt}`);
        break;
      case 'wave.inspected':
        this.openEffects.delete(`inspect:w${event.data.wave}`);
        break;
      case 'decision.made':
        this.openEffects.delete(`ask:${event.data.id}`);
        break;
      case 'session.resumed':
        for (const id of event.data.inFlight) this.openEffects.delete(`agent:${id}`);
        break;
      default:
        break;
    }
  }

  private routeMission(event: DomainEvent): void {
    if (event.type === 'session.planned') {
      for (const w of event.data.plan.waves) {
        for (const t of w.tasks) {
          this.missions.set(t.id, start(createActor(missionMachine, { input: { id: t.id } })));
        }
      }
      return;
    }
    if (event.type !== 'mission.status_changed') return;
    const actor = this.missions.get(event.data.id);
    if (!actor) {
      throw new IllegalTransitionError(
        `seq ${event.seq}: mission ${event.data.id} is not in the plan`,
      );
    }
    const e = { type: 'mission.status_changed' as const, to: event.data.to };
    const snap = actor.getSnapshot();
    if (snap.value !== event.data.from || !snap.can(e)) {
      throw new IllegalTransitionError(
        `seq ${event.seq}: mission ${event.data.id} cannot move ${String(snap.value)} → ${event.data.to}`,
      );
    }
    deliver(actor, e);
  }

  private routeAgent(event: DomainEvent): void {
    if (event.type === 'agent.dispatched') {
      const { agentId, taskId, wave } = event.data;
      this.agents.set(
        agentId,
        start(createActor(agentMachine, { input: { agentId, taskId, wave } })),
      );
      this.agentWave.set(agentId, wave);
      return;
    }
    if (event.type === 'session.resumed' && event.data.policy === 'redispatch') {
      for (const id of event.data.inFlight) {
        const actor = this.agents.get(id);
        if (actor) deliver(actor, { type: 'agent.lost' });
      }
      return;
    }
    if (
      event.type === 'agent.started' ||
      event.type === 'agent.finished' ||
      event.type === 'agent.crashed' ||
      event.type === 'agent.timed_out'
    ) {
      const actor = this.agents.get(event.data.agentId);
      if (!actor) {
        throw new IllegalTransitionError(
          `seq ${event.seq}: ${event.type} for unknown agent ${event.data.agentId}`,
        );
      }
      deliver(actor, event);
    }
  }

  private routeWave(event: DomainEvent): void {
    if (event.type === 'wave.started') {
      const input = this.sessionContext.waveInput;
      if (!input || input.wave !== event.data.wave) {
        throw new IllegalTransitionError(
          `seq ${event.seq}: wave ${event.data.wave} started out of order`,
        );
      }
      const actor = createActor(this.machines.wave as AnyStateMachine, { input }) as Running;
      this.waves.set(event.data.wave, actor);
      this.currentWave = event.data.wave;
      start(actor);
      return;
    }
    if (!WAVE_EVENT_TYPES.has(event.type) || this.currentWave === null) return;
    const waveNo = this.waveOf(event);
    if (waveNo === null) return;
    const actor = this.waves.get(waveNo);
    if (!actor || actor.getSnapshot().status !== 'active') return;
    deliver(actor, event);
  }

  private waveOf(event: DomainEvent): number | null {
    const data = event.data as { wave?: number; agentId?: string };
    if (typeof data.wave === 'number') return data.wave;
    if (typeof data.agentId === 'string') return this.agentWave.get(data.agentId) ?? null;
    return this.currentWave;
  }

  /** True when the log holds the dispatch of this agent run. */
  hasAgent(agentId: string): boolean {
    return this.agents.has(agentId);
  }

  /** Proposed events not yet in the log, in proposal order. */
  pendingEvents(): NewEvent[] {
    return [...this.pendingAppends.values()];
  }

  /** Effects asked for and not yet completed. */
  pendingEffects(): Effect[] {
    return [...this.openEffects.values()];
  }

  /** True once the session reached completed or aborted. */
  get finished(): boolean {
    return this.session.getSnapshot().status === 'done';
  }

  /** Session state value. */
  get sessionState(): string {
    return String(this.session.getSnapshot().value);
  }

  /** The session machine's context (read-only use). */
  get sessionContext(): Readonly<SessionContext> {
    return this.session.getSnapshot().context as SessionContext;
  }

  /** The current wave machine's context, if a wave runs. */
  get waveContext(): Readonly<WaveContext> | null {
    if (this.currentWave === null) return null;
    return (
      (this.waves.get(this.currentWave)?.getSnapshot().context as WaveContext | undefined) ?? null
    );
  }

  /** A read-only picture of all machines. */
  view(): CoordinatorView {
    const wave = this.currentWave === null ? null : this.waves.get(this.currentWave);
    const snapValue = (a: Running) => String(a.getSnapshot().value);
    return {
      session: this.sessionState,
      wave:
        wave && this.currentWave !== null
          ? { number: this.currentWave, state: snapValue(wave) }
          : null,
      missions: Object.fromEntries([...this.missions].map(([k, s]) => [k, snapValue(s)])),
      agents: Object.fromEntries([...this.agents].map(([k, s]) => [k, snapValue(s)])),
    };
  }
}
