/**
 * The composition root: `createWaveExecutor` (a new session) and `resumeWaveExecutor` (continue
 * an interrupted one from its log) wire the event store, the coordinator, the projections and the
 * actors into one live engine: stamp → append → decide → project → run effects.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import { newEvent } from './events.js';
import type { ResolvedPlan } from './domain/plan.schema.js';
import { PreconditionError } from './errors.js';
import { createGit } from './actors/git.js';
import { systemClock } from './adapters/clock.js';
import { Coordinator } from './machines/coordinator.js';
import { allProjections } from './projections/all.projections.js';
import { Projector } from './projections/projector.js';
import { assemble, storeFor } from './runtime/assemble.js';
import type { ResumeOptions, WaveExecutor, WaveExecutorOptions } from './runtime/executor.types.js';
import { acquireRunLock } from './runtime/run-lock.js';
import { checkPreconditions, newSessionId, semanticLabel } from './runtime/session-setup.js';
import { findResumableSession, replayInto } from './runtime/resume.js';

export type {
  ExecutorCommonOptions,
  ResumeOptions,
  RunOutcome,
  WaveExecutor,
  WaveExecutorOptions,
} from './runtime/executor.types.js';

/**
 * Checks the preconditions (git repository, no other live session, clean tree unless allowed) and
 * prepares a new session; nothing is written before `run()`. Throws {@link PreconditionError} or
 * {@link SessionLockedError}.
 */
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
          ...(lock.tookOver !== undefined ? { lockTakenOver: lock.tookOver } : {}),
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
      const open = coordinator.pendingEffects();
      const inFlight = open.filter(
        (e) => e.kind === 'run-agent' && coordinator.hasAgent(e.agentId),
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
          ...(lock.tookOver !== undefined ? { lockTakenOver: lock.tookOver } : {}),
        }),
      );
      engine.enqueue(newEvent('heartbeat.recorded', {}));
      await engine.commit();
      engine.restart(rest);
    },
  );
}
