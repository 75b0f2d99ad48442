/**
 * The live loop of one session: stamp → append → decide → project → run effects.
 *
 * Events from actors and proposals from the machines wait in one queue. Each commit takes
 * everything queued (group commit: one durable append), folds it into the projections and the
 * coordinator, tells subscribers, then starts the effects the machines asked for. Effects report
 * back by queueing events. Nothing reaches a machine before it is in the log.
 *
 * The projection files follow the log off the commit's path: a commit waits only for the log to
 * be durable; the changed projections are written by a coalesced background flush
 * (`src/runtime/projection-flusher.ts`), and at once when the loop ends ({@link Engine.flush}).
 *
 * The queue is bounded softly: producers may always enqueue (an event is never dropped), but
 * once `maxQueue` events wait, {@link Engine.saturated} is true and {@link Engine.drained}
 * resolves only when the queue is down to half of it; the effect runner hands that to the agent
 * runners, whose stream readers pause meanwhile.
 */
import { asError } from '../errors.js';
import { currentVersion, validateEventData, type DomainEvent, type NewEvent } from '../events.js';
import type { Clock, EventStore } from '../ports.js';
import type { ProjectionWriter } from '../adapters/projection-writer.js';
import type { Coordinator } from '../machines/coordinator.js';
import type { Effect, Intent } from '../machines/intents.js';
import type { Projector } from '../projections/projector.js';
import { ProjectionFlusher } from './projection-flusher.js';

/** Runs effects; returns a promise that settles when the effect is done reporting. */
export interface EffectRunner {
  /** Starts a group of effects proposed together (e.g. one dispatch round). */
  start(effects: Effect[], causation: number): Promise<void>[];
}

/** Everything the engine needs. */
export interface EngineDeps {
  stream: string;
  store: EventStore;
  clock: Clock;
  coordinator: Coordinator;
  projector: Projector;
  writer: ProjectionWriter | null;
  /** Stream version the engine continues from (0 for a new session). */
  version: number;
  maxBatch?: number;
  /** Queue length at which producers are asked to pause (default 10,000 events). */
  maxQueue?: number;
  /** Pacing of the background projection flush (see `FlusherOptions.pacing`). */
  flushPacing?: number;
  /** Called after each projection flush (the status snapshot keeper). */
  afterFlush?: () => void;
  /**
   * Masks secrets in an event's validated data before it is stamped, appended, decided on or
   * shown (every event passes here once); see `src/runtime/event-redaction.ts`.
   */
  redact?: (type: string, data: unknown) => unknown;
}

type Listener = (events: readonly DomainEvent[]) => void;

/** The commit loop of one live session. */
export class Engine {
  /** Queued events: `queue[head..]` wait for a commit (a head index, not a shift per commit). */
  private queue: NewEvent[] = [];
  /** The causation given with each queued event apart from it (undefined: the event's own). */
  private causes: (number | undefined)[] = [];
  private head = 0;
  private readonly running = new Set<Promise<void>>();
  private readonly listeners = new Set<Listener>();
  private wake: (() => void) | null = null;
  private version: number;
  private effects: EffectRunner | null = null;
  private failure: unknown = null;
  /** Effects of the last commit, waiting for the events proposed with them to be committed. */
  private deferred: { readyAt: number; causation: number; effects: Effect[] }[] = [];
  /** Producers waiting for the queue to drain (see {@link drained}). */
  private waiters: (() => void)[] = [];
  private readonly maxQueue: number;
  private readonly flusher: ProjectionFlusher | null;
  /** Stops starting new effects (abort). */
  halted = false;

  constructor(private readonly deps: EngineDeps) {
    this.version = deps.version;
    this.maxQueue = Math.max(1, deps.maxQueue ?? 10_000);
    this.flusher = deps.writer
      ? new ProjectionFlusher(deps.projector, deps.writer, {
          onError: (error) => this.fail(error),
          ...(deps.flushPacing !== undefined ? { pacing: deps.flushPacing } : {}),
          ...(deps.afterFlush ? { afterFlush: deps.afterFlush } : {}),
        })
      : null;
  }

  /** True when producers should pause: `maxQueue` events or more wait for a commit. */
  get saturated(): boolean {
    return this.queued >= this.maxQueue;
  }

  /** Resolves once the queue is down to half of `maxQueue` (at once when it already is). */
  drained(): Promise<void> {
    if (this.queued <= this.maxQueue >> 1) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(): void {
    if (this.waiters.length === 0 || this.queued > this.maxQueue >> 1) return;
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w();
  }

  /** Writes the changed projection files now (the loop calls it when it ends). */
  flush(): void {
    this.flusher?.flush();
  }

  /** Connects the effect runner (it needs the engine to report back). */
  attach(effects: EffectRunner): void {
    this.effects = effects;
  }

  /** Current stream version (last committed seq). */
  get currentVersion(): number {
    return this.version;
  }

  /** Subscribes to committed batches. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events waiting for a commit. */
  private get queued(): number {
    return this.queue.length - this.head;
  }

  /** Takes up to `max` queued events, oldest first, with their causations. */
  private take(max: number): { events: NewEvent[]; causes: (number | undefined)[] } {
    const end = Math.min(this.queue.length, this.head + max);
    const events = this.queue.slice(this.head, end);
    const causes = this.causes.slice(this.head, end);
    if (end === this.queue.length) {
      this.queue = [];
      this.causes = [];
      this.head = 0;
    } else if (end > 4096 && end * 2 > this.queue.length) {
      // Drop the taken front once it is most of the array (amortized O(1) per event).
      this.queue = this.queue.slice(end);
      this.causes = this.causes.slice(end);
      this.head = 0;
    } else this.head = end;
    return { events, causes };
  }

  private push(event: NewEvent, causation: number | undefined): void {
    this.queue.push(event);
    this.causes.push(causation);
  }

  /**
   * Queues an event (from an actor or a proposal) for the next commit. `causation`, when given,
   * is the event's cause (instead of `event.causation`): no copy of the event to set it.
   */
  enqueue(event: NewEvent, causation?: number): void {
    this.push(event, causation);
    this.poke();
  }

  /** Records an unexpected failure of an effect; the loop rethrows it. */
  fail(error: unknown): void {
    this.failure ??= error;
    this.poke();
  }

  private poke(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  /** Tracks a running effect. */
  track(p: Promise<void>): void {
    const tracked = p.then(
      () => undefined,
      (error: unknown) => this.fail(error),
    );
    this.running.add(tracked);
    void tracked.finally(() => {
      this.running.delete(tracked);
      this.poke();
    });
  }

  private stamp(event: NewEvent, seq: number, ts: string, cause: number | undefined): DomainEvent {
    const valid = validateEventData(event.type, event.data);
    const data = this.deps.redact ? this.deps.redact(event.type, valid) : valid;
    const out: Record<string, unknown> = {
      v: currentVersion(event.type),
      seq,
      ts,
      session: this.deps.stream,
      type: event.type,
      data,
    };
    const causation = cause ?? event.causation;
    if (causation !== undefined) out.causation = causation;
    return out as unknown as DomainEvent;
  }

  /** Commits everything queued; returns the committed events. */
  async commit(): Promise<DomainEvent[]> {
    const max = this.deps.maxBatch ?? 1000;
    const { events: raw, causes } = this.take(max);
    if (raw.length === 0) return [];
    const ts = new Date(this.deps.clock.now()).toISOString();
    const batch = new Array<DomainEvent>(raw.length);
    for (let i = 0; i < raw.length; i++) {
      batch[i] = this.stamp(raw[i] as NewEvent, this.version + i + 1, ts, causes[i]);
    }
    await this.deps.store.append(this.deps.stream, batch, { expectedVersion: this.version });
    this.version += batch.length;
    const { projector, coordinator } = this.deps;
    let toStart: Map<number, Effect[]> | null = null;
    for (let b = 0; b < batch.length; b++) {
      const e = batch[b] as DomainEvent;
      projector.evolve(e);
      const intents = coordinator.apply(e);
      if (e.type === 'wave.completed')
        this.push({ type: 'heartbeat.recorded', data: { wave: e.data.wave } }, undefined);
      for (let k = 0; k < intents.length; k++) {
        const intent = intents[k] as Intent;
        if (intent.kind === 'append') {
          if (!this.halted) this.push(intent.event, e.seq);
        } else {
          toStart ??= new Map();
          const list = toStart.get(e.seq);
          if (list) list.push(intent.effect);
          else toStart.set(e.seq, [intent.effect]);
        }
      }
    }
    // A commit no projection handles (an agent's tool call) leaves every file as it is: no flush.
    if (this.flusher && projector.changed) this.flusher.request();
    this.release();
    for (const l of this.listeners) l(batch);
    // Effects start only once the events proposed with them are in the log (a question is asked
    // after its decision.requested is logged and shown; an agent runs after its dispatch): they
    // wait until everything queued by now is committed.
    const readyAt = this.version + this.queued;
    if (toStart) {
      for (const [causation, effects] of toStart)
        this.deferred.push({ readyAt, causation, effects });
    }
    if (this.deferred.length === 0) return batch;
    const ready = this.deferred.filter((d) => d.readyAt <= this.version);
    this.deferred = this.deferred.filter((d) => d.readyAt > this.version);
    if (!this.halted && this.effects) {
      for (const { causation, effects } of ready) {
        for (const p of this.effects.start(effects, causation)) this.track(p);
      }
    }
    return batch;
  }

  /** Starts effects left open by a previous process (resume). */
  restart(effects: Effect[]): void {
    if (!this.effects || effects.length === 0) return;
    for (const p of this.effects.start(effects, this.version)) this.track(p);
  }

  /** Runs until the session is over and every effect has reported. */
  async run(): Promise<void> {
    try {
      await this.loop();
    } catch (error) {
      this.flusher?.cancel();
      // Paused producers must see the end (their agents are killed by the abort that follows).
      const waiting = this.waiters;
      this.waiters = [];
      for (const w of waiting) w();
      throw error;
    }
    this.flush();
  }

  private async loop(): Promise<void> {
    for (;;) {
      if (this.failure) throw asError(this.failure);
      if (this.queued > 0) {
        await this.commit();
        continue;
      }
      if (this.running.size === 0) {
        if (this.deps.coordinator.finished || this.halted) return;
        throw new Error(
          `session ${this.deps.stream} stalled in state ${this.deps.coordinator.sessionState}: nothing queued and no effect running`,
        );
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }
}
