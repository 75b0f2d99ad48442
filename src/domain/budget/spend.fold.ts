/**
 * Spend per agent, wave and session, folded from the log: tokens and dollars from `agent.usage`,
 * wall-clock time from event timestamps. Dollars are the runner's own figure (`costUsd`, Claude
 * Code's `total_cost_usd`) when it reports one, else tokens × the Session Config `prices:` of the
 * agent's runner model. Pure, O(1) per event, plain JSON state (mutated in place, like the other
 * folds: clone it with `structuredClone` to keep a snapshot).
 *
 * `agent.usage` carries the agent run's running totals (Codex's `turn.completed` usage, Claude
 * Code's final `result`), so each event replaces the agent's figures and only the difference is
 * added to its wave and the session.
 */
import type { DomainEvent } from '../../events.js';
import type { Budgets, ModelPrice, Prices } from './budget.schema.js';

/** Accumulated spend of one scope. */
export interface ScopeSpend {
  inputTokens: number;
  outputTokens: number;
  usd: number;
  /** Epoch ms of the scope's first and latest event (null before any). */
  firstMs: number | null;
  lastMs: number | null;
}

/** Spend of one agent run, with what prices it. */
export interface AgentSpend extends ScopeSpend {
  wave: number;
  /** The runner's model (from the plan), for `prices:`. */
  model: string | null;
  /** The runner's own dollar figure, when it reported one. */
  reportedUsd: number | null;
  /** False while the run has tokens but neither a reported cost nor a price. */
  priced: boolean;
}

/** The whole fold state (plain JSON). */
export interface BudgetSpendState {
  prices: Prices;
  /** Runner name → model, from the plan. */
  runnerModels: Record<string, string>;
  session: ScopeSpend;
  waves: Record<string, ScopeSpend>;
  agents: Record<string, AgentSpend>;
  /** Scopes a `budget.exceeded` event already tripped: `session`, `wave:N`, `agent:<id>`. */
  tripped: Record<string, true>;
  /** The session's limits (`budgets:` of the logged plan), for displays. */
  budgets?: Budgets;
}

const emptyScope = (): ScopeSpend => ({
  inputTokens: 0,
  outputTokens: 0,
  usd: 0,
  firstMs: null,
  lastMs: null,
});

/** A fresh state. */
export function initBudgetSpend(): BudgetSpendState {
  return {
    prices: {},
    runnerModels: {},
    session: emptyScope(),
    waves: {},
    agents: {},
    tripped: {},
  };
}

function touch(s: ScopeSpend, ms: number): void {
  if (s.firstMs === null) s.firstMs = ms;
  if (s.lastMs === null || s.lastMs < ms) s.lastMs = ms;
}

/** Dollars of `input` + `output` tokens at `price`. */
export function usdOfTokens(price: ModelPrice, input: number, output: number): number {
  return (input * price.inputPerMtok + output * price.outputPerMtok) / 1_000_000;
}

function addDelta(s: ScopeSpend, input: number, output: number, usd: number): void {
  s.inputTokens += input;
  s.outputTokens += output;
  s.usd += usd;
}

function applyUsage(state: BudgetSpendState, e: DomainEvent & { type: 'agent.usage' }): void {
  const a = state.agents[e.data.agentId];
  if (a === undefined) return;
  const input = e.data.inputTokens ?? a.inputTokens;
  const output = e.data.outputTokens ?? a.outputTokens;
  if (e.data.costUsd !== undefined) a.reportedUsd = e.data.costUsd;
  const price = a.model === null ? undefined : state.prices[a.model];
  const usd = a.reportedUsd ?? (price === undefined ? 0 : usdOfTokens(price, input, output));
  a.priced = a.reportedUsd !== null || price !== undefined || input + output === 0;
  const dIn = input - a.inputTokens;
  const dOut = output - a.outputTokens;
  const dUsd = usd - a.usd;
  addDelta(a, dIn, dOut, dUsd);
  const wave = state.waves[a.wave];
  if (wave !== undefined) addDelta(wave, dIn, dOut, dUsd);
  addDelta(state.session, dIn, dOut, dUsd);
}

/** Folds one event into the state (mutating it) and returns it. */
export function evolveBudgetSpend(state: BudgetSpendState, e: DomainEvent): BudgetSpendState {
  const ms = Date.parse(e.ts);
  touch(state.session, ms);
  switch (e.type) {
    case 'session.planned': {
      state.prices = { ...(e.data.plan.config.prices ?? {}) };
      const budgets = e.data.plan.config.budgets;
      if (budgets !== undefined) state.budgets = structuredClone(budgets);
      for (const [name, spec] of Object.entries(e.data.plan.runners)) {
        if (spec.model !== undefined) state.runnerModels[name] = spec.model;
      }
      return state;
    }
    case 'wave.started':
      touch((state.waves[e.data.wave] ??= emptyScope()), ms);
      return state;
    case 'agent.dispatched':
      state.agents[e.data.agentId] ??= {
        ...emptyScope(),
        wave: e.data.wave,
        model: state.runnerModels[e.data.runner] ?? null,
        reportedUsd: null,
        priced: true,
      };
      touch((state.waves[e.data.wave] ??= emptyScope()), ms);
      return state;
    case 'budget.exceeded':
      state.tripped[scopeKey(e.data.scope, e.data.wave, e.data.agentId)] = true;
      return state;
    default:
      break;
  }
  const data = e.data as { agentId?: unknown; wave?: unknown };
  if (typeof data.agentId === 'string') {
    const a = state.agents[data.agentId];
    if (a === undefined) return state;
    // The agent's clock starts when its process does, not when it was queued.
    touch(a, ms);
    const wave = state.waves[a.wave];
    if (wave !== undefined) touch(wave, ms);
    if (e.type === 'agent.usage') applyUsage(state, e);
  } else if (typeof data.wave === 'number') {
    const wave = state.waves[data.wave];
    if (wave !== undefined) touch(wave, ms);
  }
  return state;
}

/** The key under which a tripped scope is remembered. */
export function scopeKey(scope: string, wave?: number, agentId?: string): string {
  if (scope === 'agent') return `agent:${agentId ?? ''}`;
  if (scope === 'wave') return `wave:${wave ?? 0}`;
  return 'session';
}

/**
 * A copy of the state that later folding leaves alone — what `structuredClone` gives, several
 * times faster (the inspector keeps one per replayed position): the scopes are flat records;
 * `prices` and `budgets` are replaced by `session.planned`, never changed in place, so they are
 * shared.
 */
export function copyBudgetSpend(s: BudgetSpendState): BudgetSpendState {
  const waves: Record<string, ScopeSpend> = {};
  for (const [k, w] of Object.entries(s.waves)) waves[k] = { ...w };
  const agents: Record<string, AgentSpend> = {};
  for (const [k, a] of Object.entries(s.agents)) agents[k] = { ...a };
  const copy: BudgetSpendState = {
    prices: s.prices,
    runnerModels: { ...s.runnerModels },
    session: { ...s.session },
    waves,
    agents,
    tripped: { ...s.tripped },
  };
  if (s.budgets !== undefined) copy.budgets = s.budgets;
  return copy;
}

/** Folds a whole event sequence from scratch. */
export function foldBudgetSpend(events: Iterable<DomainEvent>): BudgetSpendState {
  const state = initBudgetSpend();
  for (const e of events) evolveBudgetSpend(state, e);
  return state;
}
