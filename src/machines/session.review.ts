/**
 * What the session makes of a reviewed wave, per task: done (completed now, or after the Quality
 * wave), carried forward with its REMAINING work, a fix task with its error context, a spiral
 * re-dispatched with a narrowed scope, or a second spiral escalated to the operator. One pure
 * verdict serves the decision (deviations and the question) and the fold (carry, failures).
 */
import { newEvent, type EventOf } from '../events.js';
import type { NextWave } from '../domain/wording.js';
import type { Intent } from './intents.js';
import { planOf, type SessionContext } from './session.context.js';
import type { WaveTask } from './wave.logic.js';
import { deviation } from './wave.decide.js';
import { patched } from './patches.js';

type Reviewed = EventOf<'wave.reviewed'>['data']['agents'][number];

/** Added to a fix task whose previous attempt repeated the same error (reference §A5). */
const ERROR_ECHO_HINT =
  ' It repeated the same error three times: your model of the file is wrong. Read the file again before you change it.';

/** The verdict on one task of a reviewed wave. */
type Verdict =
  | { kind: 'done'; taskId: string; afterQuality: boolean }
  | { kind: 'carried'; agent: Reviewed; carry: WaveTask }
  | { kind: 'fix'; agent: Reviewed; carry: WaveTask }
  | { kind: 'narrowed'; agent: Reviewed; carry: WaveTask }
  | { kind: 'escalated'; agent: Reviewed };

/** The verdicts of a reviewed wave, in agent order. */
function verdictsOf(ctx: Readonly<SessionContext>, e: EventOf<'wave.reviewed'>): Verdict[] {
  const plan = planOf(ctx);
  const laterQuality = plan.waves.some((w, i) => i > ctx.waveIndex && w.role === 'Quality');
  const out: Verdict[] = [];
  for (const a of e.data.agents) {
    const task = ctx.taskIndex[a.taskId];
    if (!task) continue;
    if (a.status === 'done')
      out.push({ kind: 'done', taskId: a.taskId, afterQuality: laterQuality });
    else if (a.status === 'partial' || a.status === 'stagnant') {
      out.push({
        kind: 'carried',
        agent: a,
        carry: { task, reason: 'carryover', remaining: a.remaining ?? a.note },
      });
    } else if (a.status === 'spiral' && (ctx.spirals[a.taskId] ?? 0) + 1 >= 2) {
      out.push({ kind: 'escalated', agent: a });
    } else if (a.status === 'spiral') {
      const remaining = `Your previous attempt spiralled (${a.note}). Narrow your scope to one file or function and finish the task.`;
      out.push({ kind: 'narrowed', agent: a, carry: { task, reason: 'carryover', remaining } });
    } else {
      const echo = a.loops?.includes('error-echo') === true ? ERROR_ECHO_HINT : '';
      const errorContext = `Previous attempt ended ${a.status}: ${a.note}${echo}`;
      out.push({ kind: 'fix', agent: a, carry: { task, reason: 'fix', errorContext } });
    }
  }
  return out;
}

/** True when a task of the reviewed wave spiralled for the second time. */
export function escalates(ctx: Readonly<SessionContext>, e: EventOf<'wave.reviewed'>): boolean {
  return verdictsOf(ctx, e).some((v) => v.kind === 'escalated');
}

function nextWaveOf(ctx: Readonly<SessionContext>): NextWave | null {
  const next = planOf(ctx).waves[ctx.waveIndex + 1];
  return next ? { wave: next.wave, role: next.role } : null;
}

/** Asks the operator a session question (`d-<n>-<kind>`). */
export function ask(
  n: number,
  kind: string,
  prompt: string,
  options: string[],
  dflt: string,
): Intent[] {
  const id = `d-${n}-${kind}`;
  return [
    {
      kind: 'append',
      event: newEvent('decision.requested', { id, kind, prompt, options, default: dflt }),
    },
    {
      kind: 'effect',
      effect: { kind: 'ask', key: `ask:${id}`, id, prompt, options, default: dflt },
    },
  ];
}

/** A carry-over issue for a task escalated after its second spiral (completed by carryover.issue_filed). */
function carryoverIssue(ctx: Readonly<SessionContext>, wave: number, a: Reviewed): Intent {
  return {
    kind: 'effect',
    effect: {
      kind: 'file-issue',
      key: `issue:w${wave}:${a.taskId}`,
      wave,
      taskId: a.taskId,
      agentId: a.agentId,
      issueKind: 'SPIRAL',
      task: ctx.taskIndex[a.taskId]?.task ?? a.description,
      context: a.note,
      priority: 'high',
    },
  };
}

/** The decision on a reviewed wave: a deviation per carried task, a question per escalation. */
export function proposeCarryOver(
  ctx: Readonly<SessionContext>,
  e: EventOf<'wave.reviewed'>,
): Intent[] {
  const out: Intent[] = [];
  const wave = e.data.wave;
  const next = nextWaveOf(ctx);
  let asked = ctx.decisionSeq;
  for (const v of verdictsOf(ctx, e)) {
    if (v.kind === 'done') continue;
    const { taskId, status } = v.agent;
    if (v.kind === 'carried') {
      out.push(
        deviation({ wave, kind: 'D6', code: 'carried-over', params: { taskId, status, next } }),
      );
    } else if (v.kind === 'narrowed') {
      out.push(deviation({ wave, kind: 'D6', code: 'spiral-narrowed', params: { taskId, next } }));
    } else if (v.kind === 'fix') {
      out.push(deviation({ wave, kind: 'D6', code: 'fix-task', params: { taskId, status, next } }));
    } else {
      asked += 1;
      if (patched(ctx.patches, 'carryover-issues')) out.push(carryoverIssue(ctx, wave, v.agent));
      out.push(
        deviation({ wave, kind: 'D6', code: 'spiral-escalated', params: { taskId } }),
        ...ask(
          asked,
          'spiral-escalation',
          `Task ${taskId} spiralled twice. Carry it over to a later session, or abort?`,
          ['carry-over', 'abort'],
          'carry-over',
        ),
      );
    }
  }
  return out;
}

/** Folds a reviewed wave: done tasks, carried work, failures and spirals. */
export function recordReview(ctx: SessionContext, e: EventOf<'wave.reviewed'>): void {
  for (const v of verdictsOf(ctx, e)) {
    if (v.kind === 'done') {
      (v.afterQuality ? ctx.awaitingQuality : ctx.doneThisWave).push(v.taskId);
      continue;
    }
    if (v.kind !== 'carried') {
      const a = v.agent;
      const file = a.filesChanged[0] ?? ctx.taskIndex[a.taskId]?.files[0] ?? null;
      ctx.failures.push({
        taskId: a.taskId,
        description: a.description,
        status: a.status,
        note: a.note,
        file,
      });
    }
    if (v.agent.status === 'spiral')
      ctx.spirals[v.agent.taskId] = (ctx.spirals[v.agent.taskId] ?? 0) + 1;
    if (v.kind === 'escalated') ctx.dropped.push(v.agent.taskId);
    else ctx.carry.push(v.carry);
  }
}
