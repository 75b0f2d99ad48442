/**
 * The timeline's lanes and colours: each event in the lane of its agent, wave, the missions or the
 * session, and coloured by what it says — detector verdicts, scope violations, reverts, budgets
 * exceeded and merge conflicts red like failures.
 */
import { describe, expect, it } from 'vitest';
import { indexEvent, kindOf } from '../../src/adapters/inspector/client/lanes.js';
import type { PageEvent, PageState } from '../../src/adapters/inspector/client/client-types.js';

const ev = (seq: number, type: string, data: Record<string, unknown> = {}): PageEvent => ({
  seq,
  ts: '2026-11-30T00:00:00.000Z',
  type,
  session: 's',
  data,
});

describe('timeline lanes', () => {
  it('colours verdicts and budget trips as failures, dispatches, gates and usage by kind', () => {
    const cases: [PageEvent, string][] = [
      [ev(1, 'agent.dispatched', { agentId: 'a', wave: 1 }), 'dispatch'],
      [ev(2, 'agent.tool_called', { agentId: 'a' }), 'tool'],
      [ev(3, 'agent.finished', { agentId: 'a', status: 'spiral' }), 'bad'],
      [ev(4, 'agent.finished', { agentId: 'a', status: 'partial' }), 'warn'],
      [ev(5, 'stagnation.detected', { wave: 1 }), 'bad'],
      [ev(6, 'scope.violated', { agentId: 'a' }), 'bad'],
      [ev(7, 'budget.exceeded', { scope: 'wave', wave: 1 }), 'bad'],
      [ev(8, 'worktree.conflicted', { agentId: 'a' }), 'bad'],
      [ev(9, 'worktree.stale_base', { wave: 1 }), 'warn'],
      [ev(10, 'gate.started', { wave: 1 }), 'gate'],
      [ev(11, 'gate.failed', { wave: 1 }), 'bad'],
      [ev(12, 'decision.made', {}), 'decision'],
      [ev(13, 'agent.usage', { agentId: 'a' }), 'budget'],
    ];
    for (const [e, kind] of cases) expect(kindOf(e), e.type).toBe(kind);
  });

  it('puts an event in the lane of its agent, its wave, the missions or the session', () => {
    const st = {
      lane: [],
      kind: [],
      lanes: [],
      laneOfKey: new Map(),
      agentWave: new Map(),
      currentWave: 0,
    } as unknown as PageState;
    const events = [
      ev(1, 'session.started'),
      ev(2, 'wave.started', { wave: 1 }),
      ev(3, 'agent.dispatched', { agentId: 'w1-a', wave: 1 }),
      ev(4, 'budget.exceeded', { scope: 'agent', wave: 1, agentId: 'w1-a' }),
      ev(5, 'mission.status_changed', { id: 'm-1' }),
      ev(6, 'decision.made', {}),
    ];
    for (const e of events) indexEvent(st, e);
    expect(st.lane.map((i) => st.lanes[i])).toEqual([
      'session',
      'wave 1',
      'agent w1-a',
      'agent w1-a',
      'missions',
      'wave 1',
    ]);
  });
});
