/**
 * Runs the effects the machines ask for, with the real actors, and reports each outcome as an
 * event through the engine: agent rounds through the worker pool and the agent runners, gate
 * attempts through the quality-gate runner, inspections through git, questions through the
 * decision asker.
 */
import { newEvent, type NewEvent } from '../events.js';
import type { ResolvedPlan } from '../domain/plan.schema.js';
import type { AgentRunner, Backpressure, DecisionAsker, GitActor } from '../ports.js';
import { AbortFanout } from './abort-fanout.js';
import { runFileIssueEffect } from '../actors/issue-tracker/file-issue.effect.js';
import { runPool } from '../actors/worker-pool.js';
import { createGateEffect } from './gate-effect.js';
import { createInspectEffect } from './inspect-effect.js';
import { buildAgentPrompt } from '../actors/runners/prompt.builder.js';
import {
  DEFAULT_AGENT_SILENCE_MS,
  DEFAULT_AGENT_TIMEOUT_MS,
} from '../actors/runners/agent-limits.js';
import type {
  AskEffect,
  Effect,
  RunAgentEffect,
  SuperviseAgentEffect,
} from '../machines/intents.js';
import {
  SupervisionStop,
  superviseStatus,
  type SupervisedOutcome,
} from '../actors/runners/supervision-stop.js';
import type { EffectRunner } from './engine.js';
import { sha256Hex } from '../adapters/blob-store.js';
import { isIsolationEffect, type IsolationEffects } from './isolation-effects.js';
import { processStartTime } from './process-identity.js';
import { supervisionPolicy } from '../domain/supervision/supervision-policy.js';

/** Process group and start time of a started agent (it runs in its own group). */
function processFacts(pid: number | null): { pgid?: number; procStart?: string } {
  if (pid === null) return {};
  const procStart = processStartTime(pid);
  return procStart === null ? { pgid: pid } : { pgid: pid, procStart };
}

/** What the effect runner needs. */
export interface EffectRunnerDeps {
  sessionId: string;
  repo: string;
  plan: ResolvedPlan;
  /** Runners by runner name; `fallback` serves names without an entry. */
  runners: Record<string, AgentRunner>;
  fallback: AgentRunner;
  git: GitActor;
  /** The handlers of the git effects (snapshot, worktrees, reverts, auto-commit). */
  isolation: IsolationEffects;
  /** Ref the wave change sets are computed against (HEAD at session start). */
  baseRef: string | null;
  ask: DecisionAsker;
  signal: AbortSignal;
  /** Queues an event; `causation` sets its cause without a copy of it. */
  enqueue: (event: NewEvent, causation?: number) => void;
  /** The session supervises its agents live (patch `live-supervision`): no post-exit findings. */
  liveSupervision?: () => boolean;
  /** The engine queue's flow control, handed to every agent runner. */
  backpressure?: Backpressure;
  platform: string;
  gateTimeoutMs?: number;
  /**
   * Stops the session because the environment cannot run agents (program missing, key refused…):
   * no new effects start, running agents are killed, `session.aborted` (cause `error`) ends the log.
   */
  abortSession?: (reason: string) => void;
  /**
   * Where an agent works: its worktree when the wave isolates it (see
   * `createIsolationEffects(...).cwdOf`), undefined for the shared working tree `repo`.
   */
  agentCwd?: (agentId: string) => string | undefined;
}

/** Creates the effect runner of a live session. */
export function createEffectRunner(deps: EffectRunnerDeps): EffectRunner {
  const cfg = deps.plan.config;
  const maxParallel = Math.max(
    1,
    Math.min(cfg.workerPool.maxParallel ?? cfg.agentsPerWave, cfg.agentsPerWave),
  );
  const roleOf = (wave: number) =>
    deps.plan.waves.find((w) => w.wave === wave)?.role ?? 'Impl-Core';

  // Supervision's verdicts on running agents (the most severe per agent) and the stop switch of
  // each running agent: a `stop` verdict aborts just that run, with the verdict as the reason.
  const verdicts = new Map<string, SupervisedOutcome>();
  const stops = new Map<string, AbortController>();
  const supervise = (effect: SuperviseAgentEffect) => {
    const before = verdicts.get(effect.agentId);
    const outcome = before === undefined ? effect.outcome : superviseStatus(before, effect.outcome);
    verdicts.set(effect.agentId, outcome as SupervisedOutcome);
    if (effect.stop)
      stops.get(effect.agentId)?.abort(new SupervisionStop(effect.outcome, effect.cause));
  };
  /** A run's end once supervision's verdict applies. */
  const supervised = <T extends NewEvent>(agentId: string, terminal: T): T => {
    const verdict = verdicts.get(agentId);
    verdicts.delete(agentId);
    if (verdict === undefined || terminal.type !== 'agent.finished') return terminal;
    const status = superviseStatus(terminal.data.status, verdict);
    return { ...terminal, data: { ...terminal.data, status } };
  };

  // One listener on the session's signal for all agents: each gets a child controller, which is
  // also its supervision stop switch.
  const fanout = new AbortFanout(deps.signal);

  const runAgent = async (effect: RunAgentEffect, causation: number) => {
    const abort = fanout.child();
    stops.set(effect.agentId, abort);
    try {
      await runAgentWith(effect, causation, abort.signal);
    } finally {
      stops.delete(effect.agentId);
      fanout.release(abort);
    }
  };

  const runAgentWith = async (effect: RunAgentEffect, causation: number, signal: AbortSignal) => {
    const spec = deps.plan.runners[effect.task.runner] ??
      deps.plan.runners.default ?? { kind: 'claude' as const, args: [], env: {} };
    const prompt = buildAgentPrompt({
      task: effect.task,
      role: roleOf(effect.wave),
      wave: effect.wave,
      maxTurns: effect.maxTurns,
      session: { type: deps.plan.session.type, intent: deps.plan.session.intent },
      ...(deps.plan.session.focus ? { focus: deps.plan.session.focus } : {}),
      ...(effect.remaining ? { carriedRemaining: effect.remaining } : {}),
      ...(effect.errorContext ? { fixContext: effect.errorContext } : {}),
    });
    const runner = deps.runners[effect.task.runner] ?? deps.fallback;
    const promptSha256 = sha256Hex(prompt);
    // The runtime owns agent.started: a runner that does not report its start gets one.
    let started = false;
    const start = () => {
      if (started) return;
      started = true;
      const data = { agentId: effect.agentId, pid: null, argv: [], promptSha256 };
      deps.enqueue({ ...newEvent('agent.started', data), causation });
    };
    const emit = (e: NewEvent) => {
      if (e.type !== 'agent.started') {
        start();
        deps.enqueue(e, causation);
      } else if (!started) {
        started = true;
        deps.enqueue({
          ...e,
          data: { ...e.data, promptSha256, ...processFacts(e.data.pid) },
          causation,
        });
      }
    };
    const result = await runner.run(
      {
        sessionId: deps.sessionId,
        wave: effect.wave,
        taskId: effect.task.id,
        agentId: effect.agentId,
        prompt,
        cwd: deps.agentCwd?.(effect.agentId) ?? deps.repo,
        runner: spec,
        maxTurns: effect.maxTurns,
        timeoutMs: spec.timeoutMs ?? cfg.agentTimeoutMs ?? DEFAULT_AGENT_TIMEOUT_MS,
        silenceMs: cfg.agentSilenceMs ?? DEFAULT_AGENT_SILENCE_MS,
        spiralRule: supervisionPolicy(cfg).spiralRule,
        signal,
        ...(deps.backpressure ? { backpressure: deps.backpressure } : {}),
      },
      emit,
    );
    if (ended.has(effect.agentId)) return; // given up on by the pool: its end is already logged
    start();
    // Live supervision logged its verdicts while the agent ran; a session from before it gets the
    // runner's findings after the exit, as it always did.
    for (const f of deps.liveSupervision?.() === true ? [] : result.findings) {
      emit(
        newEvent('stagnation.detected', {
          wave: effect.wave,
          agentId: effect.agentId,
          agent: effect.task.id,
          pattern: f.pattern,
          ...(f.errorClass ? { errorClass: f.errorClass } : {}),
          file: f.file,
          occurrences: f.occurrences,
        }),
      );
    }
    endAgent({ ...supervised(effect.agentId, result.terminal), causation });
    if (result.environmentFailure !== undefined) deps.abortSession?.(result.environmentFailure);
  };

  // Each agent run ends exactly once in the log, even if a run the pool gave up on (drain
  // timeout) reports its own end later.
  const ended = new Set<string>();
  const endAgent = (
    terminal: Extract<NewEvent, { type: 'agent.finished' | 'agent.crashed' | 'agent.timed_out' }>,
  ) => {
    const { agentId } = terminal.data as { agentId: string };
    if (ended.has(agentId)) return;
    // Stopped by the operator: an agent killed by the stop stays in flight in the log, so
    // `wave resume` re-dispatches it as after a crash. One that finished is still recorded.
    if (deps.signal.aborted && terminal.type !== 'agent.finished') return;
    ended.add(agentId);
    deps.enqueue(terminal);
  };

  const runRound = async (effects: RunAgentEffect[], causation: number) => {
    const outcome = await runPool({
      jobs: effects.map((effect) => ({
        id: effect.agentId,
        run: () => runAgent(effect, causation),
      })),
      maxParallel,
      signal: deps.signal,
      drainTimeoutMs: cfg.workerPool.drainTimeoutMs,
    });
    const crashed = (agentId: string, signal: string | null, stderr: string) =>
      endAgent({
        ...newEvent('agent.crashed', { agentId, exitCode: null, signal, stderr }),
        causation,
      } as Extract<NewEvent, { type: 'agent.crashed' }>);
    // A runner that throws (a bug, not an agent failure) still ends its agent in the log.
    for (const f of outcome.errors) crashed(f.id, null, `runner error: ${String(f.error)}`);
    for (const id of [...outcome.notStarted, ...outcome.unfinished]) {
      crashed(id, 'SIGTERM', 'aborted before it could finish');
    }
  };

  const runGate = createGateEffect(deps);

  const inspect = createInspectEffect(deps);

  const ask = async (effect: AskEffect, causation: number) => {
    let answer: Awaited<ReturnType<DecisionAsker>>;
    try {
      answer = await deps.ask(effect, deps.signal);
    } catch (error) {
      // Stopped while the question was open: the session is being aborted, the question stays
      // unanswered in the log. Any other failure is a bug and propagates.
      if (deps.signal.aborted) return;
      throw error;
    }
    deps.enqueue({ ...newEvent('decision.made', { id: effect.id, ...answer }), causation });
  };

  return {
    start(effects: Effect[], causation: number): Promise<void>[] {
      const out: Promise<void>[] = [];
      const rounds = new Map<string, RunAgentEffect[]>();
      for (const e of effects) {
        if (e.kind === 'run-agent') rounds.set(e.round, [...(rounds.get(e.round) ?? []), e]);
        else if (e.kind === 'run-gate') {
          out.push(runGate(e.wave, e.attempt, causation, e.gateKind));
        } else if (e.kind === 'inspect') out.push(inspect(e, causation));
        else if (isIsolationEffect(e)) out.push(deps.isolation.run(e, causation));
        else if (e.kind === 'supervise-agent') supervise(e);
        else if (e.kind === 'file-issue') {
          const issue = {
            repo: deps.repo,
            tracker: cfg.vcs,
            signal: deps.signal,
            enqueue: deps.enqueue,
          };
          out.push(runFileIssueEffect(e, issue, causation));
        } else out.push(ask(e, causation));
      }
      for (const round of rounds.values()) out.push(runRound(round, causation));
      return out;
    },
  };
}
