/**
 * The decisions of the session machine as pure functions over its context (mutated in place):
 * plan approval, mission status fire points, carry-over between waves, spiral escalation.
 */
import { newEvent, type EventOf } from '../events.js';
import type { Intent } from './intents.js';
import { ask, mission, plan, type Ctx } from './session.context.js';
import { advance } from './session.waves.js';

export { initialSessionContext, type SessionContext } from './session.context.js';

/** session.started: files dirty before the session are not its work. */
export function onStarted(ctx: Ctx, e: EventOf<'session.started'>): void {
  ctx.knownChanged = [...(e.data.dirtyFiles ?? [])];
}

/** session.planned: keep the plan, seed missions, ask for approval. */
export function onPlanned(ctx: Ctx, e: EventOf<'session.planned'>): Intent[] {
  ctx.plan = e.data.plan;
  ctx.taskIndex = {};
  for (const w of e.data.plan.waves) for (const t of w.tasks) ctx.taskIndex[t.id] = t;
  ctx.phase = 'approving';
  for (const w of e.data.plan.waves) for (const t of w.tasks) ctx.missions[t.id] = 'brainstormed';
  const n = Object.keys(ctx.missions).length;
  return ask(
    ctx,
    'approve-plan',
    `Approve the plan (${e.data.plan.waves.length} waves, ${n} tasks) and start?`,
    ['approve', 'abort'],
    'approve',
  );
}

/** decision.made: approval, escalations. */
export function onDecision(ctx: Ctx, e: EventOf<'decision.made'>): Intent[] {
  if (e.data.id !== ctx.pendingDecision) return [];
  ctx.pendingDecision = null;
  if (e.data.id.endsWith('-approve-plan')) {
    if (e.data.answer === 'approve')
      return [{ kind: 'append', event: newEvent('session.approved', { by: e.data.by }) }];
    return [
      {
        kind: 'append',
        event: newEvent('session.aborted', { cause: 'decision', reason: 'plan not approved' }),
      },
    ];
  }
  if (e.data.answer === 'abort') {
    return [
      {
        kind: 'append',
        event: newEvent('session.aborted', {
          cause: 'decision',
          reason: `operator chose abort (${e.data.id})`,
        }),
      },
    ];
  }
  return ctx.waveDone ? advance(ctx) : [];
}

/** session.approved: every mission validated, then wave 1. */
export function onApproved(ctx: Ctx): Intent[] {
  ctx.phase = 'running';
  const out: Intent[] = [];
  for (const id of Object.keys(ctx.missions))
    out.push(...mission(ctx, id, 'validated', 'plan approved (/go)'));
  ctx.waveIndex = -1;
  return [...out, ...advance(ctx)];
}

/** wave.started: the Quality wave moves finished implementation work to `testing`. */
export function onWaveStarted(ctx: Ctx, e: EventOf<'wave.started'>): Intent[] {
  if (e.data.role !== 'Quality') return [];
  const out: Intent[] = [];
  for (const id of ctx.awaitingQuality)
    out.push(...mission(ctx, id, 'testing', `Quality wave ${e.data.wave} began`));
  return out;
}

/** agent.dispatched: attempts, and `in-dev` for a validated mission. */
export function onAgentDispatched(ctx: Ctx, e: EventOf<'agent.dispatched'>): Intent[] {
  ctx.attempts[e.data.taskId] = Math.max(ctx.attempts[e.data.taskId] ?? 0, e.data.attempt);
  if (e.data.reason === 'fix') return [];
  return mission(ctx, e.data.taskId, 'in-dev', `agent ${e.data.agentId} dispatched`);
}

function laterQualityWave(ctx: Ctx): boolean {
  return plan(ctx).waves.some((w, i) => i > ctx.waveIndex && w.role === 'Quality');
}

function taskOf(ctx: Ctx, id: string) {
  return ctx.taskIndex[id];
}

/** wave.reviewed: decide carry-over, fix tasks and escalations. */
export function onReviewed(ctx: Ctx, e: EventOf<'wave.reviewed'>): Intent[] {
  const out: Intent[] = [];
  const next = plan(ctx).waves[ctx.waveIndex + 1];
  const whereTo = next ? `wave ${next.wave} (${next.role})` : 'the next session (no waves left)';
  const dev = (message: string) =>
    out.push({
      kind: 'append',
      event: newEvent('deviation.recorded', { wave: e.data.wave, kind: 'D6', message }),
    });
  for (const a of e.data.agents) {
    const task = taskOf(ctx, a.taskId);
    if (!task) continue;
    if (a.status === 'done') {
      if (laterQualityWave(ctx)) ctx.awaitingQuality.push(a.taskId);
      else ctx.doneThisWave.push(a.taskId);
      continue;
    }
    if (a.status === 'partial' || a.status === 'stagnant') {
      ctx.carry.push({ task, reason: 'carryover', remaining: a.remaining ?? a.note });
      dev(
        `Wave ${e.data.wave}: task ${a.taskId} ended ${a.status}; its REMAINING work is carried into ${whereTo}.`,
      );
      continue;
    }
    const file = a.filesChanged[0] ?? task.files[0] ?? null;
    ctx.failures.push({
      taskId: a.taskId,
      description: a.description,
      status: a.status,
      note: a.note,
      file,
    });
    if (a.status === 'spiral') {
      const n = (ctx.spirals[a.taskId] ?? 0) + 1;
      ctx.spirals[a.taskId] = n;
      if (n >= 2) {
        ctx.dropped.push(a.taskId);
        dev(`Wave ${e.data.wave}: task ${a.taskId} spiralled twice; escalated to the operator.`);
        out.push(
          ...ask(
            ctx,
            'spiral-escalation',
            `Task ${a.taskId} spiralled twice. Carry it over to a later session, or abort?`,
            ['carry-over', 'abort'],
            'carry-over',
          ),
        );
        continue;
      }
      ctx.carry.push({
        task,
        reason: 'carryover',
        remaining: `Your previous attempt spiralled (${a.note}). Narrow your scope to one file or function and finish the task.`,
      });
      dev(
        `Wave ${e.data.wave}: task ${a.taskId} spiralled; re-dispatched with a narrowed scope into ${whereTo}.`,
      );
      continue;
    }
    ctx.carry.push({
      task,
      reason: 'fix',
      errorContext: `Previous attempt ended ${a.status}: ${a.note}`,
    });
    dev(
      `Wave ${e.data.wave}: task ${a.taskId} ended ${a.status}; a fix task with its error context goes into ${whereTo}.`,
    );
  }
  return out;
}

/** wave.inspected: remember the on-disk change set. */
export function onInspected(ctx: Ctx, e: EventOf<'wave.inspected'>): void {
  ctx.knownChanged = [...e.data.changedFiles];
}

/** wave.completed / wave.skipped: missions of the wave, then the next wave. */
export function onWaveEnded(
  ctx: Ctx,
  e: EventOf<'wave.completed'> | EventOf<'wave.skipped'>,
): Intent[] {
  const out: Intent[] = [];
  if (e.type === 'wave.completed' && e.data.quality !== 'fail') {
    const why = `wave ${e.data.wave} completed (gate ${e.data.quality})`;
    for (const id of ctx.doneThisWave)
      out.push(...mission(ctx, id, 'testing', why), ...mission(ctx, id, 'completed', why));
    // No gate configured (`skip`) counts as green: the wave completed with nothing red.
    if (e.data.role === 'Quality') {
      const green =
        e.data.quality === 'pass'
          ? `Quality gate of wave ${e.data.wave} green`
          : `Quality wave ${e.data.wave} completed (no gate)`;
      for (const id of ctx.awaitingQuality) out.push(...mission(ctx, id, 'completed', green));
      ctx.awaitingQuality = [];
    }
  }
  ctx.waveDone = true;
  if (ctx.pendingDecision) return out;
  return [...out, ...advance(ctx)];
}

/** gate.exhausted: the wave is blocked; the session stops (exit 3). */
export function onGateExhausted(_ctx: Ctx, e: EventOf<'gate.exhausted'>): Intent[] {
  return [
    {
      kind: 'append',
      event: newEvent('session.aborted', {
        cause: 'gate-exhausted',
        reason: `wave ${e.data.wave}: gate ${e.data.gate} still failing after ${e.data.attempts} attempt(s)`,
      }),
    },
  ];
}
