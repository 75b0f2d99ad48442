/**
 * Dispatch handlers of the wave machine: the contract-lock round, the rest of the wave, dispatch
 * verification with one re-dispatch of agents that never started, the contract-lock decision and
 * the hand-over of in-flight agents on resume. Pure, no I/O, no clock.
 */
import { newEvent, type EventOf } from '../events.js';
import type { Task } from '../domain/plan.schema.js';
import type { Intent } from './intents.js';
import { applyTerminal, isTerminal, type AgentRecord, type WaveTask } from './wave.logic.js';
import { deviation, dispatchRound, runGate, type Ctx } from './wave.context.js';

/** Entry of a wave: contract-lock task alone first, else everything. */
export function startWave(ctx: Ctx): Intent[] {
  const lock = ctx.tasks.find((t) => t.task.contractLock);
  if (lock && ctx.tasks.length > 1) {
    ctx.lockRound = true;
    return dispatchRound(ctx, [lock as WaveTask]);
  }
  return dispatchRound(ctx, ctx.tasks as WaveTask[]);
}

/** Folds agent.dispatched: a new record in the current round. */
export function onDispatched(ctx: Ctx, e: EventOf<'agent.dispatched'>): void {
  const d = e.data;
  ctx.agents.push({
    agentId: d.agentId,
    taskId: d.taskId,
    attempt: d.attempt,
    reason: d.reason,
    round: `w${ctx.wave}-r${ctx.round}`,
    started: false,
    outcome: null,
    summary: '',
    filesChanged: [],
    openQuestions: [],
  });
  ctx.attempts[d.taskId] = Math.max(ctx.attempts[d.taskId] ?? 0, d.attempt);
}

function recordOf(ctx: Ctx, agentId: string): AgentRecord | undefined {
  return ctx.agents.find((a) => a.agentId === agentId);
}

/** Folds agent.started. */
export function onStarted(ctx: Ctx, e: EventOf<'agent.started'>): void {
  const r = recordOf(ctx, e.data.agentId);
  if (r) r.started = true;
}

function lockDecisionId(ctx: Ctx): string {
  return `w${ctx.wave}-contract-lock`;
}

/** Folds a terminal agent event; when the round is over, decides what comes next. */
export function onTerminal(
  ctx: Ctx,
  e: EventOf<'agent.finished'> | EventOf<'agent.crashed'> | EventOf<'agent.timed_out'>,
): Intent[] {
  const r = recordOf(ctx, e.data.agentId);
  if (!r) return [];
  applyTerminal(r as AgentRecord, e);
  const round = `w${ctx.wave}-r${ctx.round}`;
  if (ctx.phase === 'fixing') return r.round === round ? runGate(ctx) : [];
  if (!ctx.agents.every((a) => a.round !== round || isTerminal(a as AgentRecord))) return [];
  return roundEnded(ctx);
}

function roundEnded(ctx: Ctx): Intent[] {
  if (ctx.lockRound) {
    ctx.lockRound = false;
    const lock = ctx.agents[ctx.agents.length - 1] as AgentRecord;
    if (lock.outcome === 'done') return dispatchRest(ctx);
    ctx.phase = 'deciding';
    const id = lockDecisionId(ctx);
    const prompt = `Wave ${ctx.wave}: contract-lock task ${lock.taskId} ended ${lock.outcome}. Fan out the rest of the wave anyway?`;
    const options = ['proceed', 'abort'];
    return [
      {
        kind: 'append',
        event: newEvent('decision.requested', {
          id,
          kind: 'contract-lock',
          prompt,
          options,
          default: 'proceed',
        }),
      },
      {
        kind: 'effect',
        effect: { kind: 'ask', key: `ask:${id}`, id, prompt, options, default: 'proceed' },
      },
    ];
  }
  const started = new Set(ctx.agents.filter((a) => a.started).map((a) => a.taskId));
  const missing = ctx.tasks.filter((t) => !started.has(t.task.id));
  if (missing.length > 0 && !ctx.redispatched) {
    ctx.redispatched = true;
    return dispatchRound(ctx, missing as WaveTask[], 'redispatch');
  }
  ctx.phase = 'inspecting';
  const intents: Intent[] = [
    {
      kind: 'append',
      event: newEvent('wave.dispatched', {
        wave: ctx.wave,
        planned: ctx.tasks.length,
        started: ctx.tasks.length - missing.length,
        missing: missing.map((t) => t.task.id),
      }),
    },
  ];
  if (missing.length > 0) {
    intents.push(
      deviation(
        ctx,
        'D6',
        `Wave ${ctx.wave}: dispatch verification found ${missing.length} of ${ctx.tasks.length} agents never started after one re-dispatch (${missing.map((t) => t.task.id).join(', ')}); carried over.`,
      ),
    );
  }
  intents.push({
    kind: 'effect',
    effect: { kind: 'inspect', key: `inspect:w${ctx.wave}`, wave: ctx.wave },
  });
  return intents;
}

function dispatchRest(ctx: Ctx): Intent[] {
  const rest = ctx.tasks.filter((t) => !ctx.agents.some((a) => a.taskId === t.task.id));
  return dispatchRound(ctx, rest as WaveTask[]);
}

/** Folds the answer to the wave's contract-lock question. */
export function onDecision(ctx: Ctx, e: EventOf<'decision.made'>): Intent[] {
  if (ctx.phase !== 'deciding' || e.data.id !== lockDecisionId(ctx)) return [];
  if (e.data.answer === 'proceed') {
    ctx.phase = 'dispatching';
    return dispatchRest(ctx);
  }
  ctx.phase = 'blocked';
  return [
    {
      kind: 'append',
      event: newEvent('session.aborted', {
        cause: 'decision',
        reason: `Wave ${ctx.wave}: contract-lock task failed and the operator chose to abort`,
      }),
    },
  ];
}

/** Folds session.resumed: in-flight agents are re-dispatched or reported lost. */
export function onResumed(ctx: Ctx, e: EventOf<'session.resumed'>): Intent[] {
  const lost = ctx.agents.filter((a) => e.data.inFlight.includes(a.agentId) && a.outcome === null);
  if (lost.length === 0) return [];
  for (const a of lost) {
    if (e.data.policy === 'redispatch') a.outcome = 'lost';
    else {
      a.outcome = 'crashed';
      a.summary = 'lost when the coordinator stopped';
    }
  }
  if (e.data.policy === 'report-lost') {
    return ctx.phase === 'fixing' ? runGate(ctx) : roundEnded(ctx);
  }
  const tasks = lost.map((a) => {
    const planned = ctx.tasks.find((t) => t.task.id === a.taskId);
    if (planned) return planned as WaveTask;
    return { task: fixTaskOf(ctx, a.taskId), reason: 'fix' as const };
  });
  const out = dispatchRound(ctx, tasks, 'redispatch');
  return out;
}

function fixTaskOf(ctx: Ctx, taskId: string): Task {
  return {
    id: taskId,
    task: `Make the quality gates pass again after wave ${ctx.wave}.`,
    files: [...ctx.waveFiles],
    acceptance: 'all quality gates exit 0',
    dependsOn: [],
    runner: ctx.tasks[0]?.task.runner ?? 'default',
    contractLock: false,
  };
}
