/**
 * The composition root: `createWaveExecutor` (a new session) and `resumeWaveExecutor` (continue
 * an interrupted one from its log) wire the event store, the coordinator, the projections and the
 * actors into one live engine: stamp → append → decide → project → run effects.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import { newEvent, type DomainEvent } from './events.js';
import type { Platform, ResolvedPlan } from './domain/plan.schema.js';
import { PreconditionError } from './errors.js';
import type { AgentRunner } from './actors/ports.js';
import { createAgentRunner } from './actors/runners/agent.runner.js';
import { createGit } from './actors/git.js';
import { systemClock, type Clock } from './adapters/clock.js';
import { policyAsker, type DecisionAsker } from './adapters/decision-asker.js';
import type { EventStore } from './adapters/event-store.js';
import { createJsonlEventStore, type JsonlEventStore } from './adapters/jsonl-event-store.js';
import { createProjectionWriter } from './adapters/projection-writer.js';
import { Coordinator } from './machines/coordinator.js';
import { allProjections } from './projections/all.projections.js';
import { Projector } from './projections/projector.js';
import type { Projection } from './projections/projection.js';
import { createEffectRunner } from './runtime/effect-runner.js';
import { Engine } from './runtime/engine.js';
import { acquireRunLock, type RunLock } from './runtime/run-lock.js';
import { blobSinkFor } from './runtime/blob-sink.js';
import { checkPreconditions, newSessionId, semanticLabel } from './runtime/session-setup.js';
import { findResumableSession, replayInto } from './runtime/resume.js';

/** Options shared by run and resume. */
export interface ExecutorCommonOptions {
  /** The repository the session runs in. */
  repo: string;
  /** Event store (default: JSONL files under `<repo>/.orchestrator/log`). */
  store?: EventStore;
  /** Agent runners by runner name (default: real processes per the plan's runner specs). */
  runners?: Record<string, AgentRunner>;
  clock?: Clock;
  /** Answers decision points (default: the documented default policy). */
  ask?: DecisionAsker;
  /** Aborting stops the session: agents are killed, the log records `session.aborted`. */
  signal?: AbortSignal;
  /** Period of liveness heartbeats (default 60 s). */
  heartbeatMs?: number;
  /** Projections to maintain (default: all). */
  projections?: Projection<unknown>[];
  /** Write projection files into the repository (default true). */
  writeProjections?: boolean;
}

/** Options of {@link createWaveExecutor}. */
export interface WaveExecutorOptions extends ExecutorCommonOptions {
  plan: ResolvedPlan;
  /** The plan file (informational, logged in `session.planned`). */
  planSource?: string;
  platform?: Platform;
  /** Run in a working tree with uncommitted changes. */
  allowDirty?: boolean;
}

/** How a session ended. */
export interface RunOutcome {
  /** 0 completed and green, 1 completed with carry-over, 3 aborted. */
  exitCode: 0 | 1 | 3;
  outcome: 'success' | 'carryover' | 'aborted';
  reason?: string;
  sessionId: string;
  semanticId: string;
  logPath: string | null;
}

/** A session ready to run. */
export interface WaveExecutor {
  readonly sessionId: string;
  /** Receives every committed batch of events, in order. */
  subscribe(listener: (events: readonly DomainEvent[]) => void): () => void;
  /** Runs the session to its end. */
  run(): Promise<RunOutcome>;
}

function storeFor(options: ExecutorCommonOptions): EventStore {
  return (
    options.store ??
    // The engine validates every event when it stamps it; the store need not do it twice.
    createJsonlEventStore({
      dir: join(options.repo, '.orchestrator', 'log'),
      validateOnAppend: false,
    })
  );
}

function logPathOf(store: EventStore, stream: string): string | null {
  return 'file' in store ? (store as JsonlEventStore).file(stream) : null;
}

interface Wiring {
  stream: string;
  semanticId: string;
  plan: ResolvedPlan;
  store: EventStore;
  coordinator: Coordinator;
  projector: Projector;
  version: number;
  baseRef: string | null;
  lock: RunLock;
}

function assemble(
  options: ExecutorCommonOptions,
  w: Wiring,
  prelude: (engine: Engine) => Promise<void>,
): WaveExecutor {
  const clock = options.clock ?? systemClock();
  const engine = new Engine({
    stream: w.stream,
    store: w.store,
    clock,
    coordinator: w.coordinator,
    projector: w.projector,
    writer:
      options.writeProjections === false ? null : createProjectionWriter({ root: options.repo }),
    version: w.version,
  });
  const abort = new AbortController();
  const blobDir = join(options.repo, '.orchestrator', 'log', 'blobs');
  const blobSink = blobSinkFor(blobDir);
  engine.attach(
    createEffectRunner({
      sessionId: w.stream,
      repo: options.repo,
      plan: w.plan,
      runners: options.runners ?? {},
      fallback: createAgentRunner({ blobSink }),
      git: createGit(options.repo),
      baseRef: w.baseRef,
      ask: options.ask ?? policyAsker,
      signal: abort.signal,
      enqueue: (e) => engine.enqueue(e),
      platform: process.platform,
    }),
  );
  let last: DomainEvent | null = null;
  engine.subscribe((batch) => {
    for (const e of batch)
      if (e.type === 'session.completed' || e.type === 'session.aborted') last = e;
  });
  return {
    sessionId: w.stream,
    subscribe: (listener) => engine.subscribe(listener),
    async run() {
      const onAbort = () => {
        if (engine.halted) return;
        engine.halted = true;
        engine.enqueue(
          newEvent('session.aborted', {
            cause: 'user-abort',
            reason: 'interrupted by the operator',
          }),
        );
        abort.abort();
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const beat = setInterval(
        () => engine.enqueue(newEvent('heartbeat.recorded', {})),
        options.heartbeatMs ?? 60_000,
      );
      beat.unref();
      try {
        await prelude(engine);
        await engine.run();
      } finally {
        clearInterval(beat);
        options.signal?.removeEventListener('abort', onAbort);
        abort.abort();
        await w.store.close();
        await w.lock.release();
      }
      const end = last as DomainEvent | null;
      const base = {
        sessionId: w.stream,
        semanticId: w.semanticId,
        logPath: logPathOf(w.store, w.stream),
      };
      if (end?.type === 'session.completed') {
        return {
          ...base,
          exitCode: end.data.outcome === 'success' ? 0 : 1,
          outcome: end.data.outcome,
        };
      }
      const reason =
        end?.type === 'session.aborted' ? end.data.reason : 'the session ended without an outcome';
      return { ...base, exitCode: 3, outcome: 'aborted', reason };
    },
  };
}

/** Checks the preconditions and prepares a new session (nothing is written before `run`). */
export async function createWaveExecutor(options: WaveExecutorOptions): Promise<WaveExecutor> {
  const clock = options.clock ?? systemClock();
  const git = createGit(options.repo);
  const nowIso = new Date(clock.now()).toISOString();
  const facts = await checkPreconditions({
    repo: options.repo,
    git,
    nowIso,
    allowDirty: options.allowDirty ?? false,
  });
  const stream = newSessionId();
  const lock = await acquireRunLock(options.repo, stream);
  const semanticId = await semanticLabel({
    logDir: join(options.repo, '.orchestrator', 'log'),
    branch: facts.branch,
    date: nowIso.slice(0, 10),
    mode: options.plan.session.type,
  });
  const plan = options.plan;
  const files = [...new Set(plan.waves.flatMap((w) => w.tasks.flatMap((t) => t.files)))].sort();
  const boundary = [
    ...new Set(files.map((f) => f.split('/')[0] + (f.includes('/') ? '/**' : ''))),
  ].join(', ');
  return assemble(
    options,
    {
      stream,
      semanticId,
      plan,
      store: storeFor(options),
      coordinator: new Coordinator(),
      projector: new Projector(options.projections ?? allProjections()),
      version: 0,
      baseRef: facts.head,
      lock,
    },
    async (engine) => {
      engine.enqueue(
        newEvent('session.started', {
          sessionType: plan.session.type,
          intent: plan.session.intent,
          branch: facts.branch,
          platform: options.platform ?? 'claude',
          repo: options.repo,
          headRef: facts.head,
          semanticId,
          issues: plan.session.issues,
          pid: process.pid,
          host: hostname(),
          ttlHours: 4,
          ...(facts.dirtyFiles.length > 0 ? { dirtyFiles: facts.dirtyFiles } : {}),
        }),
      );
      engine.enqueue(newEvent('session.planned', { plan, source: options.planSource ?? '(api)' }));
      engine.enqueue(
        newEvent('baseline.frozen', {
          intent: plan.session.intent,
          ownerBoundary: boundary,
          plannedFiles: files.length,
        }),
      );
      await engine.commit();
    },
  );
}

/** Options of {@link resumeWaveExecutor}. */
export type ResumeOptions = ExecutorCommonOptions & {
  /** The session (stream id) to resume; default the newest unfinished one. */
  session?: string;
  /** Sees every event replayed from the log before the session goes live. */
  onReplayedEvent?: (event: DomainEvent) => void;
};

/** Continues the newest interrupted session of the repository (or `session`) from its log. */
export async function resumeWaveExecutor(options: ResumeOptions): Promise<WaveExecutor> {
  const store = storeFor(options);
  const stream = options.session ?? (await findResumableSession(store));
  if (!stream) throw new PreconditionError(`${options.repo}: no interrupted session to resume`);
  const lock = await acquireRunLock(options.repo, stream);
  const projector = new Projector(options.projections ?? allProjections());
  const coordinator = new Coordinator();
  const state = await replayInto(store, stream, coordinator, projector, options.onReplayedEvent);
  if (!state.plan)
    throw new PreconditionError(`${stream}: the log holds no plan; nothing to resume`);
  return assemble(
    options,
    {
      stream,
      semanticId: state.semanticId,
      plan: state.plan,
      store,
      coordinator,
      projector,
      version: state.version,
      baseRef: state.headRef,
      lock,
    },
    async (engine) => {
      const agents = coordinator.view().agents;
      const open = coordinator.pendingEffects();
      const inFlight = open.filter(
        (e) => e.kind === 'run-agent' && agents[e.agentId] !== undefined,
      );
      const rest = open.filter((e) => !inFlight.includes(e));
      for (const e of coordinator.pendingEvents()) engine.enqueue(e);
      if (state.truncated) engine.enqueue(newEvent('log.truncated', state.truncated));
      engine.enqueue(
        newEvent('session.resumed', {
          pid: process.pid,
          host: hostname(),
          inFlight: inFlight.map((e) => (e.kind === 'run-agent' ? e.agentId : e.key)),
          policy: (state.plan as ResolvedPlan).config.resumePolicy,
        }),
      );
      engine.enqueue(newEvent('heartbeat.recorded', {}));
      await engine.commit();
      engine.restart(rest);
    },
  );
}
