/**
 * Live supervision of one agent run, as folds and proposals of the agent machine (issue 9): the
 * loop detectors of `src/domain/supervision/` fold each logged tool call and failure (evolve);
 * a verdict tripped by the fact just folded is proposed as `agent.loop_detected` (decide); once
 * the verdict is logged, the machine asks the runtime to stop the agent (policy `stop`) or only
 * notes it (policy `observe`). Turns past `max-turns` are proposed as `agent.limit_reached`.
 * Pure: everything comes from logged events and the session's logged plan.
 */
import type { EventOf } from '../events.js';
import { newEvent } from '../events.js';
import type { AgentOutcome, StagnationPattern } from '../domain/status.js';
import {
  adoptLoopWatch,
  factFromToolEvent,
  finishLoopWatch,
  newLoopWatch,
  observeFactAll,
} from '../domain/supervision/loop-watch.js';
import type {
  LoopVerdict,
  LoopWatchState,
  SpiralRule,
} from '../domain/supervision/loop-watch.types.js';
import type { Intent } from './intents.js';

/** How the session supervises its agents (null: the session began before live supervision). */
export interface AgentSupervision {
  onLoop: 'observe' | 'stop';
  spiralRule: SpiralRule;
  /** The repository root: absolute paths in tool inputs become repository-relative. */
  repo: string;
}

/** What supervision keeps of one run. */
export interface SupervisionContext {
  supervision: AgentSupervision | null;
  maxTurns: number;
  /** Model turns begun so far (`agent.turn_started`). */
  turns: number;
  /** The detectors' state (null when live supervision is off). */
  watch: LoopWatchState | null;
  /** Verdicts tripped by the fact just folded: the next proposals. */
  tripped: LoopVerdict[];
  /** Logged verdicts: the pattern and the status each maps to. */
  verdicts: { pattern: StagnationPattern; verdict: 'spiral' | 'stagnant' | 'failed' }[];
}

/** Supervision context of a new run. */
export function initialSupervision(
  supervision: AgentSupervision | null,
  maxTurns: number,
): SupervisionContext {
  return {
    supervision,
    maxTurns,
    turns: 0,
    watch: supervision
      ? newLoopWatch({ spiralRule: supervision.spiralRule, cwd: supervision.repo })
      : null,
    tripped: [],
    verdicts: [],
  };
}

/**
 * Folds logged tool calls and failures, in log order, into the run's counters and detectors (in
 * place); `tripped` is every verdict they tripped, in order.
 */
export function watchTools(
  ctx: SupervisionContext & { toolCalls: number; toolFailures: number },
  facts: readonly (EventOf<'agent.tool_called'> | EventOf<'agent.tool_failed'>)[],
): void {
  let tripped: LoopVerdict[] = [];
  // A run restored from a checkpoint has its detectors' tables back as ordinary objects.
  if (ctx.watch !== null) adoptLoopWatch(ctx.watch);
  for (const e of facts) {
    if (e.type === 'agent.tool_called') ctx.toolCalls += 1;
    else ctx.toolFailures += 1;
    if (ctx.watch === null) continue;
    const fact = factFromToolEvent(e.type, e.data);
    if (fact === undefined) continue;
    const now = observeFactAll(ctx.watch, fact);
    if (now.length > 0) tripped = tripped.length === 0 ? now : [...tripped, ...now];
  }
  ctx.tripped = tripped;
}

/** Settles the calls still waiting for their outcome: the run's stream is over. */
export function settleWatch(ctx: SupervisionContext): void {
  ctx.tripped = ctx.watch === null ? [] : finishLoopWatch(adoptLoopWatch(ctx.watch));
}

/**
 * Proposes the verdicts the last fact tripped; a verdict found only once the run ended stops
 * nothing, so it is recorded as `observe`.
 */
export function proposeVerdicts(
  ctx: SupervisionContext & { agentId: string; taskId: string; wave: number },
  ended = false,
): Intent[] {
  const policy = ended ? 'observe' : (ctx.supervision?.onLoop ?? 'observe');
  return ctx.tripped.map((v) => ({
    kind: 'append',
    event: newEvent('agent.loop_detected', {
      wave: ctx.wave,
      agentId: ctx.agentId,
      agent: ctx.taskId,
      pattern: v.pattern,
      verdict: v.verdict,
      ...(v.errorClass !== undefined ? { errorClass: v.errorClass } : {}),
      file: v.file ?? null,
      occurrences: v.occurrences,
      evidence: v.evidence,
      action: policy,
    }),
  }));
}

/** True when the turn just begun is past the run's limit (and supervision is live). */
export function pastTurnLimit(ctx: SupervisionContext, turn: number): boolean {
  return ctx.supervision !== null && turn > ctx.maxTurns && ctx.turns <= ctx.maxTurns;
}

/** Proposes the stop of a run past its turn limit. */
export function proposeTurnLimit(
  ctx: SupervisionContext & { agentId: string; wave: number },
  turn: number,
): Intent[] {
  const event = newEvent('agent.limit_reached', {
    wave: ctx.wave,
    agentId: ctx.agentId,
    limit: 'turns',
    value: turn,
    max: ctx.maxTurns,
  });
  return [{ kind: 'append', event }];
}

/** The status a stopped or observed run ends in, from the logged verdicts (most severe wins). */
function verdictOutcome(ctx: SupervisionContext): AgentOutcome | null {
  const kinds = new Set(ctx.verdicts.map((v) => v.verdict));
  if (kinds.has('spiral')) return 'spiral';
  if (kinds.has('failed')) return 'failed';
  if (kinds.has('stagnant')) return 'stagnant';
  return null;
}

/**
 * Asks the runtime to end the run in the status its logged verdicts say (a limit: partial) and,
 * with `stop`, to end it now.
 */
export function superviseIntent(
  ctx: SupervisionContext & { agentId: string },
  e: EventOf<'agent.loop_detected'> | EventOf<'agent.limit_reached'> | { type: string },
  stop: boolean,
): Intent {
  const limit = e.type === 'agent.limit_reached' || e.type === 'budget.exceeded';
  const outcome = limit ? 'partial' : (verdictOutcome(ctx) ?? 'partial');
  const cause =
    'data' in e && e.type === 'agent.loop_detected'
      ? e.data.pattern
      : e.type === 'agent.limit_reached'
        ? (e as EventOf<'agent.limit_reached'>).data.limit
        : e.type === 'budget.exceeded'
          ? 'budget'
          : 'supervision';
  return {
    kind: 'effect',
    effect: {
      kind: 'supervise-agent',
      key: `supervise:${ctx.agentId}`,
      agentId: ctx.agentId,
      outcome:
        outcome === 'spiral' || outcome === 'failed' || outcome === 'stagnant'
          ? outcome
          : 'partial',
      stop,
      cause,
    },
  };
}
