/**
 * Live supervision as decisions of the agent machine (issue 9), given/when/then: given a running
 * agent, when its logged tool calls loop, then `agent.loop_detected` is proposed before the agent
 * ends; when that verdict is logged, the run is stopped (policy `stop`) or only marked (`observe`);
 * a turn past `max-turns` stops it as partial. A session from before the patch decides nothing.
 */
import { describe, expect, it } from 'vitest';
import { newEvent, parseEvent, type DomainEvent, type NewEvent } from '../../src/events.js';
import { Coordinator } from '../../src/machines/coordinator.js';
import type { Effect } from '../../src/machines/intents.js';
import { at } from '../support/decider-spec.js';
import { simulate } from '../support/simulate.js';

const plan = (supervision: Record<string, unknown> = {}) => ({
  session: { type: 'feature', intent: 'Add rate limiting' },
  config: { maxTurns: 4, supervision },
  runners: { default: { kind: 'claude' } },
  waves: [
    { wave: 1, role: 'Impl-Core', tasks: [{ id: 'm-1', task: 'Add it', files: ['src/a.ts'] }] },
  ],
});
const AGENT = 'w1-m-1-a1';

/** The coordinator right after the agent started, and a stamper for what the agent does next. */
function running(opts: { supervision?: Record<string, unknown>; patches?: false } = {}) {
  const log = simulate({
    session: 'sv-1',
    plan: plan(opts.supervision),
    ...(opts.patches === false ? { patches: false as const } : {}),
  });
  const { given, when } = at(log, (e) => e.type === 'agent.started' && e.data.agentId === AGENT);
  const coordinator = new Coordinator();
  for (const e of [...given, when]) coordinator.apply(e);
  let last = when;
  const log2: DomainEvent[] = [];
  /** Logs one event; returns the proposals and effects it produced. */
  const apply = (e: NewEvent) => {
    last = parseEvent({ v: 1, seq: last.seq + 1, ts: last.ts, session: last.session, ...e });
    log2.push(last);
    const intents = coordinator.apply(last);
    return {
      events: intents.flatMap((i) => (i.kind === 'append' ? [i.event] : [])),
      effects: intents.flatMap((i): Effect[] => (i.kind === 'effect' ? [i.effect] : [])),
    };
  };
  const state = () => coordinator.view().agents[AGENT];
  return { apply, state, coordinator };
}

const edit = (old_string: string, new_string: string) =>
  newEvent('agent.tool_called', {
    agentId: AGENT,
    tool: 'Edit',
    input: { file_path: '/repo/src/a.ts', old_string, new_string },
  });

/** An agent that undoes its own edit again and again (A→B, B→A, A→B, …). */
function undoLoop(apply: ReturnType<typeof running>['apply']) {
  const proposed: NewEvent[] = [];
  for (let i = 0; i < 8 && proposed.length === 0; i++) {
    proposed.push(
      ...apply(i % 2 === 0 ? edit('let a = 1;', 'let a = 2;') : edit('let a = 2;', 'let a = 1;'))
        .events,
    );
  }
  return proposed;
}

describe('live supervision, given/when/then', () => {
  it('given a running agent, when its edits undo each other, then a spiral verdict is proposed while it runs', () => {
    const { apply, state } = running();
    const proposed = undoLoop(apply);
    expect(proposed).toEqual([
      {
        type: 'agent.loop_detected',
        data: expect.objectContaining({
          agentId: AGENT,
          agent: 'm-1',
          // An undo loop is both an A-B-A-B oscillation and edits returning the file to an earlier
          // state: whichever trips first names it.
          pattern: expect.stringMatching(/^(oscillation|edit-spiral)$/) as unknown,
          verdict: 'spiral',
          file: 'src/a.ts',
          action: 'stop',
        }) as unknown,
      },
    ]);
    expect(state()).toBe('running');
  });

  it('when the stop verdict is logged, then the run is stopped as spiral (running → stopping)', () => {
    const { apply, state } = running();
    const [verdict] = undoLoop(apply);
    const then = apply(verdict as NewEvent);
    expect(then.events).toEqual([]);
    expect(then.effects).toEqual([
      {
        kind: 'supervise-agent',
        key: `supervise:${AGENT}`,
        agentId: AGENT,
        outcome: 'spiral',
        stop: true,
        cause: (verdict as NewEvent & { data: { pattern: string } }).data.pattern,
      },
    ]);
    expect(state()).toBe('stopping');
    // The run's end, in the verdict's status, closes it.
    apply(
      newEvent('agent.finished', {
        agentId: AGENT,
        status: 'spiral',
        reported: null,
        summary: 'stopped by supervision',
        filesChanged: ['src/a.ts'],
        turns: 3,
        exitCode: null,
        openQuestions: [],
      }),
    );
    expect(state()).toBe('spiral');
  });

  it('with on-loop: observe, then the verdict is recorded and the agent keeps running', () => {
    const { apply, state } = running({ supervision: { onLoop: 'observe' } });
    const [verdict] = undoLoop(apply);
    expect(verdict?.data).toMatchObject({ action: 'observe' });
    const then = apply(verdict as NewEvent);
    expect(then.effects).toEqual([expect.objectContaining({ stop: false, outcome: 'spiral' })]);
    expect(state()).toBe('running');
  });

  it('when a turn past max-turns begins, then the limit is proposed, and once logged the run stops as partial', () => {
    const { apply, state } = running();
    for (let turn = 1; turn <= 4; turn++) {
      expect(apply(newEvent('agent.turn_started', { agentId: AGENT, turn })).events).toEqual([]);
    }
    const over = apply(newEvent('agent.turn_started', { agentId: AGENT, turn: 5 }));
    expect(over.events).toEqual([
      {
        type: 'agent.limit_reached',
        data: { wave: 1, agentId: AGENT, limit: 'turns', value: 5, max: 4 },
      },
    ]);
    expect(apply(newEvent('agent.turn_started', { agentId: AGENT, turn: 6 })).events).toEqual([]);
    const stop = apply(over.events[0] as NewEvent);
    expect(stop.effects).toEqual([
      expect.objectContaining({
        kind: 'supervise-agent',
        stop: true,
        outcome: 'partial',
        cause: 'turns',
      }),
    ]);
    expect(state()).toBe('stopping');
  });

  it('when three edits change three different parts of one file, then nothing is decided (normal work)', () => {
    const { apply } = running();
    const proposed = [
      edit('function a() {}', 'function a() { return 1; }'),
      edit('function b() {}', 'function b() { return 2; }'),
      edit('function c() {}', 'function c() { return 3; }'),
      newEvent('agent.tool_called', {
        agentId: AGENT,
        tool: 'Bash',
        input: { command: 'npm test' },
      }),
    ].flatMap((e) => apply(e).events);
    expect(proposed).toEqual([]);
  });

  it('given a session from before live supervision, when the edits loop, then nothing is proposed', () => {
    const { apply, state } = running({ patches: false });
    expect(undoLoop(apply)).toEqual([]);
    expect(apply(newEvent('agent.turn_started', { agentId: AGENT, turn: 9 })).events).toEqual([]);
    expect(state()).toBe('running');
  });
});
