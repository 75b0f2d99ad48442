/**
 * Wires one live session: the engine over the store, coordinator and projections, the effect
 * runner with the real actors, heartbeats, the abort signal, and the outcome at the end.
 */
import { join } from 'node:path';
import { newEvent, type DomainEvent } from '../events.js';
import type { ResolvedPlan } from '../domain/plan.schema.js';
import { createAgentRunner } from '../actors/runners/agent.runner.js';
import { createGit } from '../actors/git.js';
import { systemClock } from '../adapters/clock.js';
import { policyAsker } from '../adapters/decision-asker.js';
import { createBlobSink } from '../adapters/blob-store.js';
import { createJsonlEventStore } from '../adapters/jsonl-event-store.js';
import type { EventStore } from '../ports.js';
import { createProjectionWriter } from '../adapters/projection-writer.js';
import type { Coordinator } from '../machines/coordinator.js';
import type { Projector } from '../projections/projector.js';
import { allProjections } from '../projections/all.projections.js';
import { createEffectRunner } from './effect-runner.js';
import { createIsolationEffects } from './isolation-effects.js';
import { createWorktreeManager } from '../actors/worktree-manager.js';
import { rebuildStaleProjections } from './projection-rebuild.js';
import { Engine } from './engine.js';
import { StatusKeeper } from './status-keeper.js';
import { leaveSessionCheckpoint } from './session-checkpoint.js';
import { createEventRedactor } from './event-redaction.js';
import type { RunLock } from './run-lock.js';
import type { ExecutorCommonOptions, WaveExecutor } from './executor.types.js';

/** Why a session stopped by the operator is paused. */
const STOPPED_REASON = 'stopped by the operator; continue it with `wave resume`';

/** The store of a repository (or the one given). */
export function storeFor(options: ExecutorCommonOptions): EventStore {
  return (
    options.store ??
    // The engine validates every event when it stamps it; the store need not do it twice.
    createJsonlEventStore({
      dir: join(options.repo, '.orchestrator', 'log'),
      validateOnAppend: false,
    })
  );
}

/** What a session is assembled from. */
export interface Wiring {
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

/** Assembles a live session. */
export function assemble(
  options: ExecutorCommonOptions,
  w: Wiring,
  prelude: (engine: Engine) => Promise<void>,
): WaveExecutor {
  const clock = options.clock ?? systemClock();
  const writer =
    options.writeProjections === false ? null : createProjectionWriter({ root: options.repo });
  // Secrets are masked before anything is appended, shown or stored as a blob.
  const redactor = createEventRedactor(w.plan);
  const engine = new Engine({
    redact: (type, data) => redactor.event(type, data),
    stream: w.stream,
    store: w.store,
    clock,
    coordinator: w.coordinator,
    projector: w.projector,
    writer,
    version: w.version,
  });
  const abort = new AbortController();
  // Set when an agent showed the environment cannot run agents: the session stops with it.
  let environmentFailure: string | undefined;
  const blobDir = join(options.repo, '.orchestrator', 'log', 'blobs');
  const rawSink = createBlobSink(blobDir);
  const blobSink = (content: string) => rawSink(redactor.text(content));
  const git = createGit(options.repo);
  const isolation = createIsolationEffects({
    git,
    repo: options.repo,
    worktrees: createWorktreeManager({ repo: options.repo, session: w.stream }),
    sessionId: w.stream,
    signal: abort.signal,
    enqueue: (e) => engine.enqueue(e),
  });
  engine.attach(
    createEffectRunner({
      sessionId: w.stream,
      repo: options.repo,
      plan: w.plan,
      runners: options.runners ?? {},
      fallback: createAgentRunner({ blobSink }),
      git,
      isolation,
      agentCwd: (agentId) => isolation.cwdOf(agentId),
      baseRef: w.baseRef,
      ask: options.ask ?? policyAsker,
      signal: abort.signal,
      enqueue: (e, causation) => engine.enqueue(e, causation),
      liveSupervision: () => w.coordinator.sessionContext.patches.includes('live-supervision'),
      backpressure: { saturated: () => engine.saturated, drained: () => engine.drained() },
      platform: process.platform,
      abortSession: (reason) => {
        environmentFailure ??= reason;
        if (engine.halted) return;
        engine.halted = true;
        abort.abort();
      },
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
      // Stop: no new effects, running agents are killed and their ends are logged; the session's
      // terminal event comes last, so a log's final event tells whether the session is over.
      const onAbort = () => {
        if (engine.halted) return;
        engine.halted = true;
        abort.abort();
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      // No heartbeat once the session's end is logged or proposed: its end stays the last event.
      const ending = () =>
        w.coordinator.finished ||
        w.coordinator
          .pendingEvents()
          .some((e) => e.type === 'session.completed' || e.type === 'session.aborted');
      const beat = setInterval(() => {
        if (!ending()) engine.enqueue(newEvent('heartbeat.recorded', {}));
      }, options.heartbeatMs ?? 60_000);
      beat.unref();
      // The status snapshot `wave status` starts from, written when the session stops.
      const keeper =
        options.writeProjections === false
          ? null
          : await StatusKeeper.open(options.repo, w.store.location(w.stream), w.version);
      const unfold = keeper ? engine.subscribe(keeper.fold) : null;
      try {
        // Files an older version of a projection wrote are rebuilt from the logs first.
        if (writer) {
          await rebuildStaleProjections({
            root: options.repo,
            store: w.store,
            projections: options.projections ?? allProjections(),
            writer,
          });
        }
        await prelude(engine);
        await engine.run();
        if (engine.halted && !w.coordinator.finished) {
          engine.enqueue(
            environmentFailure !== undefined
              ? newEvent('session.aborted', {
                  cause: 'error',
                  reason: `environment failure: ${environmentFailure}`,
                })
              : // Stopped by the operator: paused, not ended, so `wave resume` continues it like a
                // crashed session (the agents killed by the stop are still in flight in the log).
                newEvent('session.paused', { reason: STOPPED_REASON }),
          );
          await engine.commit();
          engine.flush();
        }
      } finally {
        clearInterval(beat);
        options.signal?.removeEventListener('abort', onAbort);
        abort.abort();
        await w.store.close();
        unfold?.();
        keeper?.save();
        if (writer) {
          leaveSessionCheckpoint({
            repo: options.repo,
            logFile: w.store.location(w.stream),
            version: engine.currentVersion,
            coordinator: w.coordinator,
            projections: options.projections ?? allProjections(),
            ...(options.replayCheckpointAfterBytes !== undefined
              ? { afterBytes: options.replayCheckpointAfterBytes }
              : {}),
          });
        }
        await w.lock.release();
      }
      const end: DomainEvent | null = last;
      const base = {
        sessionId: w.stream,
        semanticId: w.semanticId,
        logPath: w.store.location(w.stream),
      };
      if (end?.type === 'session.completed') {
        return {
          ...base,
          exitCode: end.data.outcome === 'success' ? 0 : 1,
          outcome: end.data.outcome,
        };
      }
      const reason =
        end?.type === 'session.aborted'
          ? end.data.reason
          : engine.halted
            ? STOPPED_REASON
            : 'the session ended without an outcome';
      return { ...base, exitCode: 3, outcome: 'aborted', reason };
    },
  };
}

/** Checks the preconditions and prepares a new session (nothing is written before `run`). */
