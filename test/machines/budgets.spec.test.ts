/**
 * Budgets as decisions, given/when/then (issue 9): given a running agent, when its usage reaches a
 * limit of `budgets:`, then `budget.exceeded` and its deviation are proposed once; when that is
 * logged, the agent over budget is stopped (partial), and a session over budget stops.
 */
import { describe, expect, it } from 'vitest';
import { newEvent, parseEvent, type DomainEvent, type NewEvent } from '../../src/events.js';
import { Coordinator } from '../../src/machines/coordinator.js';
import type { Effect } from '../../src/machines/intents.js';
import { at } from '../support/decider-spec.js';
import { simulate } from '../support/simulate.js';

const AGENT = 'w1-m-1-a1';

function running(budgets: Record<string, unknown>) {
  const log = simulate({
    session: 'bu-1',
    plan: {
      session: { type: 'feature', intent: 'Add rate limiting' },
      config: { budgets },
      runners: { default: { kind: 'claude' } },
      waves: [
        { wave: 1, role: 'Impl-Core', tasks: [{ id: 'm-1', task: 'Add it', files: ['src/a.ts'] }] },
      ],
    },
  });
  const { given, when } = at(log, (e) => e.type === 'agent.started' && e.data.agentId === AGENT);
  const coordinator = new Coordinator();
  for (const e of [...given, when]) coordinator.apply(e);
  let last: DomainEvent = when;
  const apply = (e: NewEvent) => {
    last = parseEvent({ v: 1, seq: last.seq + 1, ts: last.ts, session: last.session, ...e });
    const intents = coordinator.apply(last);
    return {
      events: intents.flatMap((i) => (i.kind === 'append' ? [i.event] : [])),
      effects: intents.flatMap((i): Effect[] => (i.kind === 'effect' ? [i.effect] : [])),
    };
  };
  return { apply, coordinator };
}

const usage = (inputTokens: number, outputTokens: number) =>
  newEvent('agent.usage', { agentId: AGENT, inputTokens, outputTokens });

describe('budgets, given/when/then', () => {
  it('when an agent reaches its token budget, then budget.exceeded is proposed once, and once logged the agent stops as partial', () => {
    const { apply, coordinator } = running({ agent: { tokens: 1000 } });
    expect(apply(usage(400, 100)).events).toEqual([]);
    const over = apply(usage(800, 300));
    expect(over.events).toEqual([
      {
        type: 'budget.exceeded',
        data: {
          scope: 'agent',
          metric: 'tokens',
          limit: 1000,
          spent: 1100,
          wave: 1,
          agentId: AGENT,
        },
      },
      {
        type: 'deviation.recorded',
        data: expect.objectContaining({ kind: 'D6', code: 'budget-exceeded' }) as unknown,
      },
    ]);
    // More usage before the verdict is logged proposes nothing again.
    expect(apply(usage(900, 400)).events).toEqual([]);
    const then = apply(over.events[0] as NewEvent);
    expect(then.effects).toEqual([
      expect.objectContaining({
        kind: 'supervise-agent',
        agentId: AGENT,
        stop: true,
        outcome: 'partial',
        cause: 'budget',
      }),
    ]);
    expect(coordinator.view().agents[AGENT]).toBe('stopping');
  });

  it('when the session reaches its budget, then the session stops (session.aborted, kill-switch)', () => {
    const { apply } = running({ session: { tokens: 500 } });
    const over = apply(usage(450, 100));
    expect(over.events.map((e) => e.type)).toEqual(['budget.exceeded', 'deviation.recorded']);
    expect(over.events[0]?.data).toMatchObject({ scope: 'session', limit: 500, spent: 550 });
    const then = apply(over.events[0] as NewEvent);
    expect(then.events).toEqual([
      {
        type: 'session.aborted',
        data: { cause: 'kill-switch', reason: 'session budget reached: tokens 550 of 500' },
      },
    ]);
  });

  it('given no budgets, when usage grows, then nothing is decided', () => {
    const { apply } = running({});
    expect(apply(usage(10_000_000, 10_000_000)).events).toEqual([]);
  });

  it('when a wave spends its budget, then it dispatches nothing more: no later round, no fix agent', () => {
    const log = simulate({
      session: 'bu-2',
      plan: {
        session: { type: 'feature', intent: 'Add rate limiting' },
        config: {
          budgets: { wave: { tokens: 1000 } },
          qualityGates: [{ name: 'test', argv: ['npm', 'test'] }],
          verificationAutoFix: { enabled: true, maxRetries: 2 },
        },
        runners: { default: { kind: 'claude' } },
        waves: [
          {
            wave: 1,
            role: 'Impl-Core',
            tasks: [
              { id: 'm-1', task: 'Define the contract', files: ['src/a.ts'] },
              { id: 'm-2', task: 'Use it', files: ['src/b.ts'] },
            ],
          },
        ],
      },
      agents: { 'm-2': [{ kind: 'never-starts' }] },
      gates: { 1: ['fail', 'pass'] },
    });
    // m-1's usage (1,200 tokens) spends the wave's budget before m-2's run ends.
    const over = log.findIndex((e) => e.type === 'budget.exceeded');
    expect(log[over]?.data).toMatchObject({ scope: 'wave', wave: 1, limit: 1000, spent: 1200 });
    // m-2 never started: without the budget it would go again in a re-dispatch round.
    const dispatched = log.filter((e) => e.type === 'agent.dispatched').map((e) => e.data.agentId);
    expect(dispatched).toEqual(['w1-m-1-a1', 'w1-m-2-a1']);
    expect(log.find((e) => e.type === 'wave.dispatched')?.data).toMatchObject({ missing: ['m-2'] });
    // The red gate gets no fix agent: the wave is blocked and the session stops.
    expect(log.some((e) => e.type === 'gate.fix_dispatched')).toBe(false);
    expect(log.find((e) => e.type === 'gate.exhausted')?.data).toMatchObject({ wave: 1 });
    expect(log.at(-1)).toMatchObject({
      type: 'session.aborted',
      data: { cause: 'gate-exhausted' },
    });
  });
});
