/**
 * Spend in the sessions.jsonl record: `total_cost_usd` (the runners' own figures, else `prices:`;
 * omitted when some usage has no price), `budget_exceeded` for each limit reached, and the
 * `autopilot_run_id` of a session run by `wave autopilot`. The record stays valid for the
 * reference's validator (unknown keys pass through).
 */
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../src/events.js';
import { validateSession } from '../../../src/formats/validate-session.js';
import type { OwnedLinesOutput } from '../../../src/projections/projection.js';
import { sessionsJsonlProjection } from '../../../src/projections/sessions-jsonl/sessions-jsonl.projection.js';
import { foldRender } from '../event-stamper.js';
import { buildSessionLog } from '../session-log.fixture.js';

function record(events: DomainEvent[]): Record<string, unknown> {
  const out = foldRender(sessionsJsonlProjection, events)[0] as OwnedLinesOutput;
  const rec = JSON.parse(out.lines[0] as string) as Record<string, unknown>;
  expect(validateSession(rec)).toEqual({ ok: true, record: rec });
  return rec;
}

/** The fixture session with a priced model, an autopilot run id and one budget trip. */
function pricedSession(): DomainEvent[] {
  const events = buildSessionLog('completed').map((e): DomainEvent => {
    if (e.type === 'session.started') {
      return { ...e, data: { ...e.data, autopilotRunId: 'main-2026-08-22-0715-autopilot' } };
    }
    if (e.type === 'session.planned') {
      const plan = e.data.plan;
      return {
        ...e,
        data: {
          ...e.data,
          plan: {
            ...plan,
            config: { ...plan.config, prices: { m: { inputPerMtok: 2, outputPerMtok: 10 } } },
            runners: {
              ...plan.runners,
              'session-orchestrator:code-implementer': {
                kind: 'codex',
                model: 'm',
                args: [],
                env: {},
              },
            },
          },
        },
      };
    }
    return e;
  });
  const end = events.findIndex((e) => e.type === 'session.completed');
  const trip = {
    ...(events[end] as DomainEvent),
    type: 'budget.exceeded',
    data: {
      scope: 'agent',
      metric: 'tokens',
      limit: 1000,
      spent: 1800,
      wave: 2,
      agentId: 'wave2-0-impl',
    },
  } as DomainEvent;
  return [...events.slice(0, end), trip, ...events.slice(end)];
}

describe('sessions.jsonl spend', () => {
  it('prices token-only usage, lists budget trips, stamps the autopilot run id', () => {
    const rec = record(pricedSession());
    // 1500 in × $2/M + 300 out × $10/M (running totals), + 50 out × $10/M of a second agent
    expect(rec.total_cost_usd).toBe(0.0065);
    expect(rec.budget_exceeded).toEqual([
      {
        scope: 'agent',
        metric: 'tokens',
        limit: 1000,
        spent: 1800,
        wave: 2,
        agent_id: 'wave2-0-impl',
      },
    ]);
    expect(rec.autopilot_run_id).toBe('main-2026-08-22-0715-autopilot');
  });

  it('without prices or reported cost, omits the dollars (not measured) and the other keys', () => {
    const rec = record(buildSessionLog('completed'));
    expect(rec).not.toHaveProperty('total_cost_usd');
    expect(rec).not.toHaveProperty('budget_exceeded');
    expect(rec).not.toHaveProperty('autopilot_run_id');
  });
});
