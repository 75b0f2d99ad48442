/**
 * The composition root: `createWaveExecutor` (a new session) and `resumeWaveExecutor` (continue
 * an interrupted one from its log) wire the event store, the coordinator, the projections and the
 * actors into one live engine: stamp → append → decide → project → run effects.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import { newEvent } from './events.js';
import type { TornTail } from './ports.js';
import { DivergenceError, PreconditionError } from './errors.js';
import { createGit } from './actors/git.js';
import { systemClock } from './adapters/clock.js';
import { Coordinator } from './machines/coordinator.js';
import { ACCEPT_DIVERGENCE_ID, type Divergence } from './machines/divergence.js';
import { PATCHES } from './machines/patches.js';
import { allProjections } from './projections/all.projections.js';
import { Projector } from './projections/projector.js';
import { assemble, storeFor } from './runtime/assemble.js';
import type { ResumeOptions, WaveExecutor, WaveExecutorOptions } from './runtime/executor.types.js';
export type { AgentSummary, SessionRunResult } from './runtime/run-session.js';

/**
 * Runs one session to its end and returns the reference's session runner contract
 * (`session_id`, `agent_summary`, `effectiveness`, `usage`) with the exit code and outcome.
 * Throws what {@link createWaveExecutor} throws; a session that ends, however it ends, returns.
 */
export async function runSession(options: WaveExecutorOptions): Promise<SessionRunResult> {
  return runToResult(await createWaveExecutor(options));
}
import { acquireRunLock } from './runtime/run-lock.js';
import {
  assertSafeLayout,
  baselineOf,
  checkPreconditions,
  newSessionId,
  semanticLabel,
} from './runtime/session-setup.js';
import { preflightSession } from './runtime/preflight-session.js';
import { baselineGateEvent } from './runtime/baseline-gate.js';
import { markNewDirectories } from './adapters/plan/new-directories.js';
import {
  findResumableSession,
  findUnprojectedSession,
  openForAppend,
  replayInto,
  type ReplayedSession,
} from './runtime/resume.js';
import { finishedSessionExecutor, projectIfFinished } from './runtime/finished-session.js';
import { readTextIfPresent } from './adapters/optional-files.js';
import { SESSION_LOCK_PATH } from './projections/session-lock.projection.js';
import { reloadRunnerEnv } from './runtime/runner-env.reload.js';
import { carryOverEvent, resumeOrFresh } from './runtime/previous-session.choice.js';
import { OpenAgents, endOrphanAgents } from './runtime/orphan-agents.js';
import { runToResult, type SessionRunResult } from './runtime/run-session.js';

export type {
  ExecutorCommonOptions,
  ResumeOptions,
  RunOutcome,
  WaveExecutor,
  WaveExecutorOptions,
} from './runtime/executor.types.js';

/**
 * Checks the preconditions (git repository, no other live session, clean tree unless allowed, the
 * preflight of every runner's and gate's program) and prepares a new session; nothing is written
 * before `run()`. Throws {@link PreconditionError}, {@link PreflightError} or
 * {@link SessionLockedError}.
 */
export async function createWaveExecutor(options: WaveExecutorOptions): Promise<WaveExecutor> {
  const clock = options.clock ?? systemClock();
  const git = createGit(options.repo);
  const nowIso = new Date(clock.now()).toISOString();
  const store = storeFor(options);
  const facts = await checkPreconditions({
    repo: options.repo,
    git,
    nowIso,
    allowDirty: options.allowDirty ?? false,
    signal: options.signal ?? new AbortController().signal,
    settle: (stream) =>
      projectIfFinished({
        repo: options.repo,
        store,
        stream,
        ...(options.projections ? { projections: options.projections } : {}),
      }),
  });
  // An interrupted previous session: resume it or start this plan fresh (a decision).
  const choice = await resumeOrFresh(options, storeFor(options));
  if (choice.resume) return resumeWaveExecutor({ ...options, session: choice.resume });
  const preflight = await preflightSession(options);
  const stream = newSessionId();
  const lock = await acquireRunLock(options.repo, stream);
  const semanticId = await semanticLabel({
    logDir: join(options.repo, '.orchestrator', 'log'),
    branch: facts.branch,
    date: nowIso.slice(0, 10),
    mode: options.plan.session.type,
  });
  const plan = markNewDirectories(options.plan, options.repo);
  return assemble(
    options,
    {
      stream,
      semanticId,
      plan,
      store,
      coordinator: new Coordinator(),
      projector: new Projector(options.projections ?? allProjections()),
      version: 0,
      baseRef: facts.head,
      lock,
    },
    async (engine) => {
      // The baseline gate runs before anything is logged, so no agent can have touched the tree.
      const baseline = await baselineGateEvent({
        plan,
        repo: options.repo,
        headRef: facts.head,
        ...(options.signal ? { signal: options.signal } : {}),
      });
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
          patches: [...PATCHES],
          ...(facts.dirtyFiles.length > 0 ? { dirtyFiles: facts.dirtyFiles } : {}),
          ...(preflight.length > 0 ? { preflight } : {}),
          ...(lock.tookOver !== undefined ? { lockTakenOver: lock.tookOver } : {}),
          ...(options.autopilotRunId ? { autopilotRunId: options.autopilotRunId } : {}),
        }),
      );
      if (choice.previous) engine.enqueue(carryOverEvent(choice.previous, choice.interrupted));
      engine.enqueue(newEvent('session.planned', { plan, source: options.planSource ?? '(api)' }));
      engine.enqueue(newEvent('baseline.frozen', baselineOf(plan)));
      // SESSION_START_REF (§A1), also in session.started's headRef; last of the first batch so a
      // torn first batch still holds what resume needs.
      engine.enqueue(newEvent('git.start_ref', { ref: facts.head, branch: facts.branch }));
      if (baseline) engine.enqueue(baseline);
      await engine.commit();
    },
  );
}

/** Continues the newest interrupted session of the repository (or `session`) from its log. */
export async function resumeWaveExecutor(options: ResumeOptions): Promise<WaveExecutor> {
  assertSafeLayout(options.repo);
  const store = storeFor(options);
  const stream =
    options.session ??
    (await findResumableSession(store)) ??
    (await findUnprojectedSession(
      store,
      await readTextIfPresent(join(options.repo, SESSION_LOCK_PATH)),
    ));
  if (!stream) throw new PreconditionError(`${options.repo}: no interrupted session to resume`);
  const lock = await acquireRunLock(options.repo, stream);
  const projector = new Projector(options.projections ?? allProjections());
  const coordinator = new Coordinator();
  let planSource: string | null = null;
  const openAgents = new OpenAgents();
  let state: ReplayedSession;
  let truncated: TornTail | undefined;
  let diverged: readonly Divergence[];
  try {
    state = await replayInto(store, stream, coordinator, projector, (e) => {
      if (e.type === 'session.planned') planSource = e.data.source;
      openAgents.apply(e);
      options.onReplayedEvent?.(e);
    });
    // A finished session is final: its files are written from its log, nothing is appended.
    if (state.finished) {
      return finishedSessionExecutor({
        repo: options.repo,
        stream,
        store,
        projector,
        state,
        lock,
        ...(options.writeProjections === false ? { writeProjections: false } : {}),
      });
    }
    // Refused before the writer opens: a torn tail stays where it is, nothing is cut unrecorded.
    if (!state.plan)
      throw new PreconditionError(`${stream}: the log holds no plan; nothing to resume`);
    diverged = coordinator.unacceptedDivergences();
    if (diverged.length > 0 && !options.acceptDivergence) throw divergenceError(stream, diverged);
    truncated = await openForAppend(store, stream, state.version);
  } catch (error) {
    await store.close();
    await lock.release();
    throw error;
  }
  const replayed = state;
  // The log keeps runner env names only: their values come from the plan file again.
  const plan = await reloadRunnerEnv(state.plan, planSource, options);
  return assemble(
    options,
    {
      stream,
      semanticId: replayed.semanticId,
      plan,
      store,
      coordinator,
      projector,
      version: replayed.version,
      baseRef: replayed.headRef,
      lock,
    },
    async (engine) => {
      const open = coordinator.pendingEffects();
      const inFlight = open.filter(
        (e) => e.kind === 'run-agent' && coordinator.hasAgent(e.agentId),
      );
      const rest = open.filter((e) => !inFlight.includes(e));
      // The crashed coordinator's agents still running are ended before anything is re-dispatched.
      const killedOrphans = await endOrphanAgents(openAgents.list());
      if (truncated) engine.enqueue(newEvent('log.truncated', truncated));
      // A first batch cut before its baseline.frozen gets it back (the runtime wrote it, not a
      // machine, so no machine proposes it again).
      if (!replayed.baselineFrozen) engine.enqueue(newEvent('baseline.frozen', baselineOf(plan)));
      if (diverged.length > 0) {
        engine.enqueue(
          newEvent('decision.made', { id: ACCEPT_DIVERGENCE_ID, answer: 'accept', by: 'user' }),
        );
      }
      engine.enqueue(
        newEvent('session.resumed', {
          pid: process.pid,
          host: hostname(),
          inFlight: inFlight.map((e) => (e.kind === 'run-agent' ? e.agentId : e.key)),
          policy: plan.config.resumePolicy,
          ...(lock.tookOver !== undefined ? { lockTakenOver: lock.tookOver } : {}),
          ...(killedOrphans.length > 0 ? { killedOrphans } : {}),
        }),
      );
      engine.enqueue(newEvent('heartbeat.recorded', {}));
      // Proposals the crash left unlogged come after session.resumed: when one of them is the
      // session's end, it stays the log's last event.
      for (const e of coordinator.pendingEvents()) engine.enqueue(e);
      await engine.commit();
      engine.restart(rest);
    },
  );
}

function divergenceError(stream: string, diverged: readonly Divergence[]): DivergenceError {
  const first = diverged[0] as Divergence;
  const more = diverged.length > 1 ? ` (and ${diverged.length - 1} more)` : '';
  return new DivergenceError(
    `${stream}: the log holds a decision this version of wave would not take: ${first.message}${more}. Resume with --accept-divergence to continue anyway (the acceptance is logged).`,
    first.seq,
  );
}
