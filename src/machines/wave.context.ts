/**
 * The wave machine's input and context, and the folds of logged facts into it (evolve). Each fold
 * mutates the context the machine owns (copy-on-write of per-agent records was measured at 3.5×
 * the cost at 1,000 tasks, bench/coordinator.bench.mjs) and proposes nothing. Pure, no I/O.
 */
import type { DomainEvent, EventOf } from '../events.js';
import type { Role } from '../domain/plan.schema.js';
import { buildFixTask, fixTaskId } from '../domain/fix-context.js';
import { reportOf, type AgentRecord, type AgentRef, type WaveTask } from './wave.logic.js';
import type { AgentSupervision } from './agent.supervision.js';
import type { WaveBase, WaveRails } from './wave.rails.js';

/** Input of the wave machine (computed by the session machine from the plan and carry-over). */
export interface WaveInput {
  wave: number;
  role: Role;
  tasks: WaveTask[];
  /** Last attempt number used per task id before this wave. */
  attempts: Record<string, number>;
  defaultMaxTurns: number;
  gates: string[];
  autoFix: { enabled: boolean; maxRetries: number };
  /** Files already changed on disk before this wave (previous inspection). */
  knownChanged: string[];
  /** How the wave's agents are supervised while they run (null: before live supervision). */
  supervision: AgentSupervision | null;
  /** A wave over its budget dispatches nothing more (absent: before patch `wave-budget-stop`). */
  stopOverBudget?: boolean;
  /** The wave's safety rails in the repository (absent or null: before patch `repo-rails`). */
  rails?: WaveRails | null;
}

/** Context of the wave machine: what its logged facts say. The lifecycle is its state. */
export interface WaveContext extends WaveInput {
  /** Every run the wave dispatched, in dispatch order. */
  agents: AgentRecord[];
  /** Dispatch rounds begun so far. */
  round: number;
  /** Gate attempts begun so far (`gate.started`). */
  gateAttempt: number;
  /** The last gate failure: the fix task and its error context are built from it. */
  lastFailure: EventOf<'gate.failed'>['data'] | null;
  /** Files this wave changed (verified at review). */
  waveFiles: string[];
  /** The wave's base, from its pre-dispatch snapshot (rails only). */
  base: WaveBase | null;
  /** Out-of-scope files already reported (`scope.violated`): each is judged once. */
  scopeHandled: string[];
  /** Runs whose spiralled files were reverted. */
  revertedRuns: string[];
  /** Files put back to the base (`wave.reverted`): gone on purpose, not an unpersisted edit. */
  revertedFiles: string[];
  /** Every gate failure of the wave, in order (the fix task's corrective context). */
  failures: EventOf<'gate.failed'>[];
  /** Worktrees of the main round by agent: the path, or null when none could be created. */
  worktrees: Record<string, string | null>;
  /** Files each isolated agent's merge-back wrote (`worktree.merged`). */
  merged: Record<string, string[]>;
  /** Isolated agents whose merge-back conflicted: the files and the branch that keeps the work. */
  conflicts: Record<string, { files: string[]; branch: string }>;
  /** Worktrees removed after the merge-back. */
  removed: number;
  /** Stale bases seen before dispatch (`worktree.stale_base`). */
  staleBases: number;
  /** Isolated runs lost at a crash: their worktrees are removed, never merged. */
  abandoned: string[];
  /** The wave's budget was spent (`budget.exceeded`, scope wave): nothing more is dispatched. */
  overBudget: boolean;
  /** The green gate, while the wave's auto-commit runs. */
  passed: EventOf<'gate.passed'> | null;
}

/** Initial context. */
export function initialWaveContext(input: WaveInput): WaveContext {
  return {
    // The machine mutates its context in place: it gets its own copy of the input.
    ...structuredClone<WaveInput>(input),
    agents: [],
    round: 0,
    gateAttempt: 0,
    lastFailure: null,
    waveFiles: [],
    base: null,
    scopeHandled: [],
    revertedRuns: [],
    revertedFiles: [],
    failures: [],
    passed: null,
    overBudget: false,
    worktrees: {},
    merged: {},
    conflicts: {},
    removed: 0,
    staleBases: 0,
    abandoned: [],
  };
}

/** The id of the current dispatch round. */
export function roundId(ctx: Pick<WaveContext, 'wave' | 'round'>): string {
  return `w${ctx.wave}-r${ctx.round}`;
}

/** Folds agent.dispatched: a record in the current round, with the agent's actor. */
export function recordDispatch(ctx: WaveContext, e: EventOf<'agent.dispatched'>, ref: AgentRef) {
  const d = e.data;
  ctx.agents.push({
    agentId: d.agentId,
    taskId: d.taskId,
    attempt: d.attempt,
    reason: d.reason,
    round: roundId(ctx),
    ref,
  });
  ctx.attempts[d.taskId] = Math.max(ctx.attempts[d.taskId] ?? 0, d.attempt);
}

/** Folds gate.failed: the failure the next fix task is about. */
export function recordFailure(ctx: WaveContext, e: EventOf<'gate.failed'>): void {
  ctx.lastFailure = structuredClone(e.data);
  ctx.failures.push(structuredClone(e));
}

/**
 * The fix task for a gate failure: the gate, its command, what must not be touched, and the error
 * context (the failure, where to look, the earlier attempts and what their fixers reported, the
 * gate's baseline). A pure function of the logged facts, so a resumed wave re-dispatches the very
 * same task.
 */
export function fixTaskOf(ctx: WaveContext, failure: EventOf<'gate.failed'>['data']): WaveTask {
  const corrective = ctx.failures
    .map((e) => e.data)
    .filter((f) => f.attempt < failure.attempt)
    .map((f) => {
      const run = ctx.agents.findLast((a) => a.taskId === fixTaskId(ctx.wave, f.attempt));
      const fixer = run ? reportOf(run).summary.split('\n')[0]?.trim() : undefined;
      return {
        attempt: f.attempt,
        gate: f.gate,
        exitCode: f.exitCode,
        timedOut: f.timedOut,
        ...(fixer ? { fixer } : {}),
      };
    });
  return buildFixTask({
    wave: ctx.wave,
    failure,
    waveFiles: ctx.waveFiles,
    corrective,
    ...(ctx.rails?.baseline ? { baseline: ctx.rails.baseline } : {}),
    maxRetries: ctx.autoFix.enabled ? ctx.autoFix.maxRetries : 0,
    runner: ctx.tasks[0]?.task.runner ?? 'default',
  });
}

/**
 * The task a run was dispatched for, exactly as it was: the planned or carried task with its
 * REMAINING text or error context, or the fix task of the gate failure it answers.
 */
export function taskOfRun(ctx: WaveContext, record: AgentRecord): WaveTask | undefined {
  const planned = ctx.tasks.find((t) => t.task.id === record.taskId);
  if (planned) return planned;
  if (ctx.lastFailure && record.taskId === fixTaskId(ctx.wave, ctx.lastFailure.attempt)) {
    return fixTaskOf(ctx, ctx.lastFailure);
  }
  return undefined;
}

/** Events a wave machine acts on. */
export type WaveMachineEvent = Extract<
  DomainEvent,
  {
    type:
      | 'agent.dispatched'
      | 'agent.finished'
      | 'agent.crashed'
      | 'agent.timed_out'
      | 'wave.inspected'
      | 'gate.started'
      | 'gate.passed'
      | 'gate.failed'
      | 'decision.made'
      | 'session.resumed'
      | 'git.snapshot'
      | 'scope.violated'
      | 'wave.reverted'
      | 'git.auto_committed'
      | 'budget.exceeded'
      | 'worktree.created'
      | 'worktree.failed'
      | 'worktree.stale_base'
      | 'worktree.merged'
      | 'worktree.conflicted'
      | 'worktree.removed';
  }
>;
