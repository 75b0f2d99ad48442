/**
 * The session machine's decisions as pure functions of its context (read, never written) and
 * the event: the approval question and its answer, mission status fire points (validated at
 * approval, in-dev at dispatch, testing when the Quality wave begins, completed when a wave or
 * the Quality gate completes) and the operator's aborts.
 */
import { newEvent, type EventOf } from '../events.js';
import type { Intent } from './intents.js';
import { planOf, type SessionContext } from './session.context.js';
import { MissionMoves } from './session.missions.js';
import { ask } from './session.review.js';
import { proposeNextWave } from './session.waves.js';

type Ctx = Readonly<SessionContext>;

/** session.planned: ask for approval of the plan. */
export function askApproval(ctx: Ctx): Intent[] {
  const plan = planOf(ctx);
  const n = Object.keys(ctx.missions).length;
  return ask(
    ctx.decisionSeq + 1,
    'approve-plan',
    `Approve the plan (${plan.waves.length} waves, ${n} tasks) and start?`,
    ['approve', 'abort'],
    'approve',
  );
}

/** The plan was approved: log it. */
export function approve(e: EventOf<'decision.made'>): Intent[] {
  return [{ kind: 'append', event: newEvent('session.approved', { by: e.data.by }) }];
}

/** An abort the session proposes. */
export function abort(cause: 'decision' | 'gate-exhausted', reason: string): Intent[] {
  return [{ kind: 'append', event: newEvent('session.aborted', { cause, reason }) }];
}

/** session.approved: every mission validated, then the first wave. */
export function proposeStart(ctx: Ctx): Intent[] {
  const moves = new MissionMoves(ctx);
  for (const id of Object.keys(ctx.missions)) moves.move(id, 'plan approved (/go)', 'validated');
  return [...moves.intents, ...proposeNextWave(ctx, moves)];
}

/** agent.dispatched: a validated mission goes in-dev (fix agents move no mission). */
export function proposeInDev(ctx: Ctx, e: EventOf<'agent.dispatched'>): Intent[] {
  if (e.data.reason === 'fix') return [];
  return new MissionMoves(ctx).move(e.data.taskId, `agent ${e.data.agentId} dispatched`, 'in-dev')
    .intents;
}

/** wave.started: the Quality wave moves finished implementation work to `testing`. */
export function proposeTesting(ctx: Ctx, e: EventOf<'wave.started'>): Intent[] {
  if (e.data.role !== 'Quality') return [];
  const moves = new MissionMoves(ctx);
  for (const id of ctx.awaitingQuality)
    moves.move(id, `Quality wave ${e.data.wave} began`, 'testing');
  return moves.intents;
}

/** The mission moves of a wave's end: its done tasks, and after the Quality wave, the rest. */
export function waveEndMoves(
  ctx: Ctx,
  e: EventOf<'wave.completed'> | EventOf<'wave.skipped'>,
): MissionMoves {
  const moves = new MissionMoves(ctx);
  if (e.type !== 'wave.completed' || e.data.quality === 'fail') return moves;
  const why = `wave ${e.data.wave} completed (gate ${e.data.quality})`;
  for (const id of ctx.doneThisWave) moves.move(id, why, 'testing', 'completed');
  // No gate configured (`skip`) counts as green: the wave completed with nothing red.
  if (e.data.role === 'Quality') {
    const green =
      e.data.quality === 'pass'
        ? `Quality gate of wave ${e.data.wave} green`
        : `Quality wave ${e.data.wave} completed (no gate)`;
    for (const id of ctx.awaitingQuality) moves.move(id, green, 'completed');
  }
  return moves;
}

/** Folds a wave's end: after the Quality wave nothing waits for it any more. */
export function recordWaveEnd(
  ctx: SessionContext,
  e: EventOf<'wave.completed'> | EventOf<'wave.skipped'>,
): void {
  if (e.type === 'wave.completed' && e.data.quality !== 'fail' && e.data.role === 'Quality') {
    ctx.awaitingQuality = [];
  }
}

/** Auto-fix of a wave is exhausted: the session stops (exit 3). */
export function abortExhausted(e: EventOf<'gate.exhausted'>): Intent[] {
  const d = e.data;
  const reason = `wave ${d.wave}: gate ${d.gate} still failing after ${d.attempts} attempt(s)`;
  return abort('gate-exhausted', reason);
}
