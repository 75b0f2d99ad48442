/**
 * When spend reaches a limit: {@link budgetTrip} compares one scope's figures with its limits;
 * {@link budgetTripsAfter} is the guard the machines call after folding an event, returning each
 * scope the event pushed over its budget (agent, its wave, the session), at most once per scope.
 */
import type { DomainEvent } from '../../events.js';
import type { BudgetLimit, BudgetMetric, Budgets, BudgetScope } from './budget.schema.js';
import { scopeKey, type BudgetSpendState, type ScopeSpend } from './spend.fold.js';

/** A scope's spend as the three budget metrics. */
export interface SpentFigures {
  scope: BudgetScope;
  /** The wave (wave and agent scopes). */
  wave?: number;
  /** The agent run (agent scope). */
  agentId?: string;
  tokens: number;
  usd: number;
  minutes: number;
}

/** A limit reached: what `budget.exceeded` records. */
export interface BudgetTrip {
  scope: BudgetScope;
  metric: BudgetMetric;
  limit: number;
  spent: number;
  wave?: number;
  agentId?: string;
}

/** Metrics in the order they are checked. */
const METRICS: readonly BudgetMetric[] = ['tokens', 'usd', 'minutes'];

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** The figures of one scope: tokens in + out, dollars (6 decimals), minutes (2 decimals). */
export function spentOf(
  scope: BudgetScope,
  s: ScopeSpend,
  where: { wave?: number; agentId?: string } = {},
): SpentFigures {
  const ms = s.firstMs === null || s.lastMs === null ? 0 : s.lastMs - s.firstMs;
  return {
    scope,
    ...where,
    tokens: s.inputTokens + s.outputTokens,
    usd: round(s.usd, 6),
    minutes: round(ms / 60_000, 2),
  };
}

/**
 * The first metric (tokens, then usd, then minutes) whose spend has reached its limit, or
 * `undefined` within budget. Reaching a limit trips it (`spent >= limit`), as the reference's
 * token switch does.
 */
export function budgetTrip(
  spent: SpentFigures,
  limits: BudgetLimit | undefined,
): BudgetTrip | undefined {
  if (limits === undefined) return undefined;
  for (const metric of METRICS) {
    const limit = limits[metric];
    if (limit === undefined || spent[metric] < limit) continue;
    const trip: BudgetTrip = { scope: spent.scope, metric, limit, spent: spent[metric] };
    if (spent.wave !== undefined) trip.wave = spent.wave;
    if (spent.agentId !== undefined) trip.agentId = spent.agentId;
    return trip;
  }
  return undefined;
}

/**
 * The budget trips caused by `event`, already folded into `state`: its agent (when the event
 * names one), that agent's wave (or the event's wave), and the session, in that order. A scope
 * whose `budget.exceeded` is already in the log is not reported again. O(1).
 */
export function budgetTripsAfter(
  state: BudgetSpendState,
  event: DomainEvent,
  budgets: Budgets | undefined,
): BudgetTrip[] {
  if (budgets === undefined || event.type === 'budget.exceeded') return [];
  const out: BudgetTrip[] = [];
  const check = (figures: SpentFigures, limits: BudgetLimit | undefined) => {
    if (state.tripped[scopeKey(figures.scope, figures.wave, figures.agentId)]) return;
    const trip = budgetTrip(figures, limits);
    if (trip) out.push(trip);
  };
  const data = event.data as { agentId?: unknown; wave?: unknown };
  let wave: number | undefined = typeof data.wave === 'number' ? data.wave : undefined;
  if (typeof data.agentId === 'string') {
    const a = state.agents[data.agentId];
    if (a !== undefined) {
      wave = a.wave;
      check(spentOf('agent', a, { wave: a.wave, agentId: data.agentId }), budgets.agent);
    }
  }
  const w = wave === undefined ? undefined : state.waves[wave];
  if (w !== undefined && wave !== undefined) check(spentOf('wave', w, { wave }), budgets.wave);
  check(spentOf('session', state.session), budgets.session);
  return out;
}
