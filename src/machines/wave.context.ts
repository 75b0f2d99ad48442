/**
 * The wave machine's context and the intents its handlers share: dispatching a round of agents,
 * starting a gate attempt, completing the wave, recording a deviation. Pure, no I/O, no clock.
 */
import { newEvent, type DomainEvent, type EventOf } from '../events.js';
import type { Role, Task } from '../domain/plan.schema.js';
import { agentIdOf, type Intent } from './intents.js';
import { describeTask, type AgentRecord, type WaveTask } from './wave.logic.js';

/** Phases of a wave; each is a state of the wave machine. */
export type WavePhase =
  'dispatching' | 'deciding' | 'inspecting' | 'gating' | 'fixing' | 'done' | 'blocked';

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
}

/** Context of the wave machine. */
export interface WaveContext extends WaveInput {
  phase: WavePhase;
  agents: AgentRecord[];
  round: number;
  lockRound: boolean;
  redispatched: boolean;
  gateAttempt: number;
  lastFailure: EventOf<'gate.failed'>['data'] | null;
  /** Files this wave changed (verified), set at review. */
  waveFiles: string[];
}

/** The context a handler mutates. */
export type Ctx = WaveContext;

/** Initial context. */
export function initialWaveContext(input: WaveInput): WaveContext {
  return {
    // The machine mutates its context in place: it gets its own copy of the input.
    ...(structuredClone(input) as WaveInput),
    phase: 'dispatching',
    agents: [],
    round: 0,
    lockRound: false,
    redispatched: false,
    gateAttempt: 0,
    lastFailure: null,
    waveFiles: [],
  };
}

function maxTurnsOf(ctx: Ctx, task: Task): number {
  return task.maxTurns ?? ctx.defaultMaxTurns;
}

/** Proposes the dispatch of a round of tasks. */
export function dispatchRound(
  ctx: Ctx,
  tasks: WaveTask[],
  reasonOverride?: 'redispatch',
): Intent[] {
  ctx.round += 1;
  const intents: Intent[] = [];
  for (const t of tasks) {
    const attempt = (ctx.attempts[t.task.id] ?? 0) + 1;
    ctx.attempts[t.task.id] = attempt;
    const agentId = agentIdOf(ctx.wave, t.task.id, attempt);
    const reason = reasonOverride ?? t.reason;
    const maxTurns = maxTurnsOf(ctx, t.task);
    intents.push({
      kind: 'append',
      event: newEvent('agent.dispatched', {
        wave: ctx.wave,
        taskId: t.task.id,
        agentId,
        attempt,
        runner: t.task.runner,
        description: describeTask(t.task),
        maxTurns,
        reason,
      }),
    });
    intents.push({
      kind: 'effect',
      effect: {
        kind: 'run-agent',
        key: `agent:${agentId}`,
        agentId,
        wave: ctx.wave,
        attempt,
        reason,
        task: t.task as Task,
        maxTurns,
        ...(t.remaining !== undefined ? { remaining: t.remaining } : {}),
        ...(t.errorContext !== undefined ? { errorContext: t.errorContext } : {}),
        round: `w${ctx.wave}-r${ctx.round}`,
      },
    });
  }
  return intents;
}

/** Helper: a deviation intent. */
export function deviation(
  ctx: { wave: number },
  kind: 'D1' | 'D2' | 'D3' | 'D4' | 'D5' | 'D6',
  message: string,
): Intent {
  return {
    kind: 'append',
    event: newEvent('deviation.recorded', { wave: ctx.wave, kind, message }),
  };
}

/** Completes the wave with its quality. */
export function completeWave(ctx: Ctx, quality: 'pass' | 'skip', passed?: DomainEvent): Intent {
  ctx.phase = 'done';
  const suite =
    passed?.type === 'gate.passed' && passed.data.counts && passed.data.platform
      ? {
          passed: passed.data.counts.passed,
          failed: passed.data.counts.failed,
          platform: passed.data.platform,
        }
      : undefined;
  return {
    kind: 'append',
    event: newEvent('wave.completed', {
      wave: ctx.wave,
      role: ctx.role,
      quality,
      filesChanged: ctx.waveFiles.length,
      ...(suite ? { suite } : {}),
    }),
  };
}

/** Starts the next gate attempt. */
export function runGate(ctx: Ctx): Intent[] {
  ctx.phase = 'gating';
  ctx.gateAttempt += 1;
  const attempt = ctx.gateAttempt;
  return [
    {
      kind: 'append',
      event: newEvent('gate.started', { wave: ctx.wave, attempt, gates: [...ctx.gates] }),
    },
    {
      kind: 'effect',
      effect: { kind: 'run-gate', key: `gate:w${ctx.wave}:${attempt}`, wave: ctx.wave, attempt },
    },
  ];
}
