/**
 * The spend fold and the budget guard, given/when/then over stamped events: tokens and dollars
 * from `agent.usage` (running totals per agent run), dollars from `prices:` for runners that
 * report only tokens, minutes from event timestamps, trips at most once per scope.
 */
import { describe, expect, it } from 'vitest';
import { ResolvedPlanSchema } from '../../src/domain/plan.schema.js';
import { budgetTrip, budgetTripsAfter, spentOf } from '../../src/domain/budget/budget-trip.js';
import {
  copyBudgetSpend,
  evolveBudgetSpend,
  foldBudgetSpend,
  initBudgetSpend,
} from '../../src/domain/budget/spend.fold.js';
import type { DomainEvent } from '../../src/events.js';
import { createStamper } from '../projections/event-stamper.js';

const plan = ResolvedPlanSchema.parse({
  session: { type: 'feature', intent: 'x' },
  config: {
    budgets: { agent: { tokens: 1000 }, wave: { usd: 1 }, session: { minutes: 10 } },
    prices: { 'gpt-5-codex': { inputPerMtok: 1.25, outputPerMtok: 10 } },
  },
  runners: {
    default: { kind: 'claude' },
    codex: { kind: 'codex', model: 'gpt-5-codex' },
    free: { kind: 'gemini', model: 'unpriced-model' },
  },
  waves: [
    {
      wave: 1,
      role: 'Impl-Core',
      tasks: [
        { id: 'm-1', task: 'a' },
        { id: 'm-2', task: 'b', runner: 'codex' },
      ],
    },
  ],
});

function session(stepMs = 1000) {
  const stamp = createStamper();
  const head: DomainEvent[] = [
    stamp('session.planned', { plan, source: 'plan.yaml' }),
    stamp('wave.started', {
      wave: 1,
      role: 'Impl-Core',
      isolation: 'none',
      enforcement: 'warn',
      taskIds: ['m-1', 'm-2'],
      plannedFiles: 0,
      allowedPaths: [],
    }),
  ];
  const dispatch = (taskId: string, runner: string) =>
    stamp('agent.dispatched', {
      wave: 1,
      taskId,
      agentId: `w1-${taskId}-a1`,
      attempt: 1,
      runner,
      description: taskId,
      maxTurns: 5,
      reason: 'planned',
    });
  return { stamp, head, dispatch, stepMs };
}

describe('spend fold', () => {
  it('given running totals per agent, adds only the difference to the wave and the session', () => {
    const { stamp, head, dispatch } = session();
    const state = foldBudgetSpend([
      ...head,
      dispatch('m-1', 'default'),
      stamp('agent.started', { agentId: 'w1-m-1-a1', pid: 1, argv: [] }),
      stamp('agent.usage', { agentId: 'w1-m-1-a1', inputTokens: 100, outputTokens: 10 }),
      stamp('agent.usage', {
        agentId: 'w1-m-1-a1',
        inputTokens: 300,
        outputTokens: 50,
        costUsd: 0.25,
      }),
    ]);
    expect(state.agents['w1-m-1-a1']).toMatchObject({
      inputTokens: 300,
      outputTokens: 50,
      usd: 0.25,
    });
    expect(state.waves[1]).toMatchObject({ inputTokens: 300, outputTokens: 50, usd: 0.25 });
    expect(state.session).toMatchObject({ inputTokens: 300, outputTokens: 50, usd: 0.25 });
    // Plain JSON: survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it('a copy equals the state and stays as it was while the state folds on', () => {
    const { stamp, head, dispatch } = session();
    const state = initBudgetSpend();
    const first = [
      ...head,
      dispatch('m-1', 'default'),
      dispatch('m-2', 'codex'),
      stamp('agent.started', { agentId: 'w1-m-1-a1', pid: 1, argv: [] }),
      stamp('agent.usage', { agentId: 'w1-m-1-a1', inputTokens: 100, outputTokens: 10 }),
      stamp('budget.exceeded', {
        scope: 'agent',
        metric: 'tokens',
        limit: 100,
        spent: 110,
        wave: 1,
        agentId: 'w1-m-1-a1',
      }),
    ];
    for (const e of first) evolveBudgetSpend(state, e);
    const copy = copyBudgetSpend(state);
    const frozen = structuredClone(state);
    expect(copy).toEqual(frozen);
    for (const e of [
      stamp('agent.usage', { agentId: 'w1-m-1-a1', inputTokens: 900, outputTokens: 90 }),
      stamp('agent.usage', { agentId: 'w1-m-2-a1', inputTokens: 50, outputTokens: 5 }),
      stamp('budget.exceeded', { scope: 'session', metric: 'minutes', limit: 10, spent: 11 }),
    ])
      evolveBudgetSpend(state, e);
    expect(copy).toEqual(frozen);
    expect(state).not.toEqual(frozen);
  });

  it('given a runner that reports only tokens, prices them with its model', () => {
    const { stamp, head, dispatch } = session();
    const state = foldBudgetSpend([
      ...head,
      dispatch('m-2', 'codex'),
      stamp('agent.usage', { agentId: 'w1-m-2-a1', inputTokens: 1_000_000, outputTokens: 100_000 }),
    ]);
    // 1 M input × $1.25 + 0.1 M output × $10
    expect(state.agents['w1-m-2-a1']?.usd).toBeCloseTo(2.25, 9);
    expect(state.agents['w1-m-2-a1']?.priced).toBe(true);
    expect(state.session.usd).toBeCloseTo(2.25, 9);
  });

  it('given a model without a price and no reported cost, counts no dollars and says so', () => {
    const { stamp, head } = session();
    const state = foldBudgetSpend([
      ...head,
      stamp('agent.dispatched', {
        wave: 1,
        taskId: 'm-1',
        agentId: 'w1-m-1-a1',
        attempt: 1,
        runner: 'free',
        description: 'a',
        maxTurns: 5,
        reason: 'planned',
      }),
      stamp('agent.usage', { agentId: 'w1-m-1-a1', inputTokens: 50, outputTokens: 5 }),
    ]);
    expect(state.agents['w1-m-1-a1']).toMatchObject({
      usd: 0,
      priced: false,
      model: 'unpriced-model',
    });
  });

  it('given event timestamps, measures minutes per agent (from its start), wave and session', () => {
    const { stamp, head, dispatch } = session();
    const events = [
      ...head,
      dispatch('m-1', 'default'),
      stamp('agent.started', { agentId: 'w1-m-1-a1', pid: 1, argv: [] }, 60_000),
      stamp('agent.output', { agentId: 'w1-m-1-a1', text: 'hi' }, 120_000),
    ];
    const state = foldBudgetSpend(events);
    expect(spentOf('agent', state.agents['w1-m-1-a1']!).minutes).toBe(2);
    // The wave began at wave.started (second event), 1 s + 60 s + 120 s before the last.
    expect(spentOf('wave', state.waves[1]!).minutes).toBe(3.02);
    expect(spentOf('session', state.session).minutes).toBe(3.03);
  });
});

describe('budget guard', () => {
  it('trips the first metric reached, in the order tokens, usd, minutes; reaching is enough', () => {
    const figures = {
      scope: 'agent' as const,
      agentId: 'a',
      wave: 1,
      tokens: 1000,
      usd: 5,
      minutes: 1,
    };
    expect(budgetTrip(figures, { tokens: 1000, usd: 1 })).toEqual({
      scope: 'agent',
      metric: 'tokens',
      limit: 1000,
      spent: 1000,
      wave: 1,
      agentId: 'a',
    });
    expect(budgetTrip(figures, { tokens: 1001, usd: 5 })?.metric).toBe('usd');
    expect(budgetTrip(figures, { tokens: 1001, usd: 6, minutes: 2 })).toBeUndefined();
    expect(budgetTrip(figures, undefined)).toBeUndefined();
  });

  it('given an agent over its token budget, when its usage is folded, then the agent scope trips once', () => {
    const { stamp, head, dispatch } = session();
    const state = initBudgetSpend();
    for (const e of [...head, dispatch('m-1', 'default')]) evolveBudgetSpend(state, e);
    const usage = stamp('agent.usage', {
      agentId: 'w1-m-1-a1',
      inputTokens: 900,
      outputTokens: 200,
    });
    evolveBudgetSpend(state, usage);
    const trips = budgetTripsAfter(state, usage, plan.config.budgets);
    expect(trips).toEqual([
      { scope: 'agent', metric: 'tokens', limit: 1000, spent: 1100, wave: 1, agentId: 'w1-m-1-a1' },
    ]);
    // Once the trip is in the log, the same scope is not reported again.
    evolveBudgetSpend(state, stamp('budget.exceeded', trips[0]!));
    const more = stamp('agent.usage', {
      agentId: 'w1-m-1-a1',
      inputTokens: 950,
      outputTokens: 200,
    });
    evolveBudgetSpend(state, more);
    expect(budgetTripsAfter(state, more, plan.config.budgets)).toEqual([]);
  });

  it('given a wave over its dollar budget, reports the wave; given a long session, the session', () => {
    const { stamp, head, dispatch } = session();
    const state = foldBudgetSpend([...head, dispatch('m-2', 'codex')]);
    const usage = stamp('agent.usage', {
      agentId: 'w1-m-2-a1',
      inputTokens: 400,
      outputTokens: 100_000,
    });
    evolveBudgetSpend(state, usage);
    expect(budgetTripsAfter(state, usage, { wave: { usd: 1 } })).toEqual([
      { scope: 'wave', metric: 'usd', limit: 1, spent: 1.0005, wave: 1 },
    ]);
    const late = stamp('heartbeat.recorded', {}, 11 * 60_000);
    evolveBudgetSpend(state, late);
    expect(budgetTripsAfter(state, late, { session: { minutes: 10 } })).toEqual([
      { scope: 'session', metric: 'minutes', limit: 10, spent: 11.05 },
    ]);
  });

  it('without budgets, never trips', () => {
    const { head } = session();
    const state = foldBudgetSpend(head);
    expect(budgetTripsAfter(state, head[1]!, undefined)).toEqual([]);
  });
});
