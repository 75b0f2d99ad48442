/**
 * The wave machine's decisions as pure functions of its context (read, never written): which
 * tasks a round dispatches, the contract-lock question, dispatch verification, gate attempts and
 * the auto-fix round. Each returns intents; nothing changes until their events are logged.
 */
import { newEvent, type EventOf } from '../events.js';
import type { DeviationFacts } from '../domain/wording.js';
import { agentIdOf, type Intent } from './intents.js';
import { describeTask, outcomeOf, reportOf, type WaveTask } from './wave.logic.js';
import { roundId, taskOfRun, type WaveContext } from './wave.context.js';

type Ctx = Readonly<WaveContext>;

/** A deviation intent (a code and its parameters; projections render the sentence). */
export function deviation(
  facts: DeviationFacts & { kind: 'D1' | 'D2' | 'D3' | 'D4' | 'D5' | 'D6' },
): Intent {
  return { kind: 'append', event: newEvent('deviation.recorded', facts) };
}

/** Dispatches a round of tasks (the round was begun by the transition that decided it). */
export function dispatchRound(ctx: Ctx, tasks: readonly WaveTask[], redispatch = false): Intent[] {
  const intents: Intent[] = [];
  for (const t of tasks) {
    const attempt = (ctx.attempts[t.task.id] ?? 0) + 1;
    const agentId = agentIdOf(ctx.wave, t.task.id, attempt);
    const reason = redispatch ? 'redispatch' : t.reason;
    const maxTurns = t.task.maxTurns ?? ctx.defaultMaxTurns;
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
        task: t.task,
        maxTurns,
        ...(t.remaining !== undefined ? { remaining: t.remaining } : {}),
        ...(t.errorContext !== undefined ? { errorContext: t.errorContext } : {}),
        round: roundId(ctx),
      },
    });
  }
  return intents;
}

/** The contract-lock task of the wave, when it must run alone first. */
export function lockTaskOf(ctx: Ctx): WaveTask | undefined {
  return ctx.tasks.length > 1 ? ctx.tasks.find((t) => t.task.contractLock) : undefined;
}

/** Tasks of the wave not dispatched yet. */
export function undispatched(ctx: Ctx): WaveTask[] {
  return ctx.tasks.filter((t) => !ctx.agents.some((a) => a.taskId === t.task.id));
}

/** Tasks no run of which ever started. */
export function neverStarted(ctx: Ctx): WaveTask[] {
  const started = new Set(ctx.agents.filter((a) => reportOf(a).started).map((a) => a.taskId));
  return ctx.tasks.filter((t) => !started.has(t.task.id));
}

/** The id of the wave's contract-lock question. */
export function lockDecisionId(ctx: Pick<WaveContext, 'wave'>): string {
  return `w${ctx.wave}-contract-lock`;
}

/** Asks whether to fan out the rest of the wave after the contract-lock task failed. */
export function askContractLock(ctx: Ctx): Intent[] {
  const lock = ctx.agents[ctx.agents.length - 1];
  const id = lockDecisionId(ctx);
  const prompt = `Wave ${ctx.wave}: contract-lock task ${lock?.taskId} ended ${lock ? outcomeOf(lock) : 'unknown'}. Fan out the rest of the wave anyway?`;
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

/** The operator chose to stop at the failed contract lock. */
export function abortAtLock(ctx: Ctx): Intent[] {
  const reason = `Wave ${ctx.wave}: contract-lock task failed and the operator chose to abort`;
  return [{ kind: 'append', event: newEvent('session.aborted', { cause: 'decision', reason }) }];
}

/** Dispatch verification is over: record it, then collect the change set. */
export function proposeInspection(ctx: Ctx): Intent[] {
  const missing = neverStarted(ctx).map((t) => t.task.id);
  const intents: Intent[] = [
    {
      kind: 'append',
      event: newEvent('wave.dispatched', {
        wave: ctx.wave,
        planned: ctx.tasks.length,
        started: ctx.tasks.length - missing.length,
        missing,
      }),
    },
  ];
  if (missing.length > 0) {
    intents.push(
      deviation({
        wave: ctx.wave,
        kind: 'D6',
        code: 'dispatch-missing',
        params: { planned: ctx.tasks.length, missing },
      }),
    );
  }
  return [...intents, ...proposeReinspection(ctx, true)];
}

/**
 * Collects the change set (again, after a revert): against the wave's base when it has one; the
 * first inspection also reports commits agents made on top of the base.
 */
export function proposeReinspection(ctx: Ctx, first = false): Intent[] {
  const head = first ? (ctx.base?.head ?? null) : null;
  const base = ctx.base ? { base: { tree: ctx.base.tree, head } } : {};
  return [
    {
      kind: 'effect',
      effect: { kind: 'inspect', key: `inspect:w${ctx.wave}`, wave: ctx.wave, ...base },
    },
  ];
}

/** Runs of the current wave the resumed coordinator found in flight. */
export function lostRuns(ctx: Ctx, e: EventOf<'session.resumed'>) {
  return ctx.agents.filter((a) => e.data.inFlight.includes(a.agentId));
}

/** Re-dispatches, exactly as they were, the runs a crashed coordinator left in flight. */
export function redispatchLost(ctx: Ctx, e: EventOf<'session.resumed'>): Intent[] {
  const tasks = lostRuns(ctx, e).flatMap((a) => {
    const t = taskOfRun(ctx, a);
    return t ? [t] : [];
  });
  return dispatchRound(ctx, tasks, true);
}
