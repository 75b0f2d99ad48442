/**
 * The wave machine's input and context, and the folds of logged facts into it (evolve). Each fold
 * mutates the context the machine owns (copy-on-write of per-agent records was measured at 3.5×
 * the cost at 1,000 tasks, bench/coordinator.bench.mjs) and proposes nothing. Pure, no I/O.
 */
import type { EventOf } from '../events.js';
import type { Role, Task } from '../domain/plan.schema.js';
import type { AgentRecord, AgentRef, WaveTask } from './wave.logic.js';
import type { AgentSupervision } from './agent.supervision.js';

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
  ctx.lastFailure = { ...e.data, command: [...e.data.command] };
}

/** The fix task for a gate failure: the gate, its command, and what must not be touched. */
export function fixTaskOf(ctx: WaveContext, failure: EventOf<'gate.failed'>['data']): WaveTask {
  const task: Task = {
    id: fixTaskId(ctx.wave, failure.attempt),
    task: `Make the quality gate "${failure.gate}" (${failure.command.join(' ')}) pass again after wave ${ctx.wave}. Fix the code, never the tests' expectations or mocks.`,
    files: [...ctx.waveFiles],
    acceptance: `${failure.command.join(' ')} exits 0`,
    dependsOn: [],
    runner: ctx.tasks[0]?.task.runner ?? 'default',
    contractLock: false,
  };
  return {
    task,
    reason: 'fix',
    errorContext: `Gate ${failure.gate} exited ${failure.exitCode}${failure.timedOut ? ' (timed out)' : ''}. Output (tail):\n${failure.output}`,
  };
}

/** Id of the fix task after gate attempt `attempt` of a wave. */
function fixTaskId(wave: number, attempt: number): string {
  return `fix-${wave}-${attempt}`;
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
