/**
 * One given/when/then specification per decision of the charts (issue: "Statecharts are the
 * state"): the resume of a fixer, a failed contract-lock task, exhausted gate retries, a partial
 * carried forward, the second spiral of a task, and a late gate result that decides nothing.
 */
import { describe, expect, it } from 'vitest';
import { newEvent, parseEvent, type DomainEvent } from '../../src/events.js';
import { at, decide, is } from '../support/decider-spec.js';
import { simulate } from '../support/simulate.js';

const plan = (over: Record<string, unknown> = {}) => ({
  session: { type: 'feature', intent: 'Add rate limiting', issues: [12] },
  config: {
    qualityGates: [{ name: 'test', argv: ['npm', 'test'] }],
    verificationAutoFix: { enabled: true, maxRetries: 2 },
  },
  runners: { default: { kind: 'claude' } },
  waves: [
    {
      wave: 1,
      role: 'Impl-Core',
      tasks: [
        { id: 'm-1', task: 'Add middleware', files: ['src/mw.ts'] },
        { id: 'm-2', task: 'Add tests', files: ['test/mw.test.ts'] },
      ],
    },
    { wave: 2, role: 'Impl-Polish', tasks: [{ id: 'm-3', task: 'Polish', files: ['src/mw.ts'] }] },
    { wave: 3, role: 'Quality', tasks: [{ id: 'm-4', task: 'Review', files: ['src/mw.ts'] }] },
  ],
  ...over,
});

/** A logged event the runtime would stamp after `log` (for a `when` that no simulation wrote). */
function next(log: readonly DomainEvent[], e: ReturnType<typeof newEvent>): DomainEvent {
  const last = log.at(-1) as DomainEvent;
  return parseEvent({ v: 1, seq: last.seq + 1, ts: last.ts, session: last.session, ...e });
}

describe('decisions, given/when/then', () => {
  it('resume of a fixer: the same task, acceptance and error context are dispatched again', () => {
    const log = simulate({ session: 'g-1', plan: plan(), gates: { 1: ['fail', 'pass'] } });
    const { given } = at(log, is('agent.started', { agentId: 'w1-fix-1-1-a1' }));
    const history = [...given, log[given.length] as DomainEvent];
    const original = decide(
      log.slice(0, log.findIndex(is('gate.failed'))),
      log.find(is('gate.failed')) as DomainEvent,
    ).effects.find((e) => e.kind === 'run-agent');

    const then = decide(
      history,
      next(
        history,
        newEvent('session.resumed', {
          pid: 7,
          host: 'h',
          inFlight: ['w1-fix-1-1-a1'],
          policy: 'redispatch',
        }),
      ),
    );

    expect(then.events).toEqual([
      {
        type: 'agent.dispatched',
        data: expect.objectContaining({
          agentId: 'w1-fix-1-1-a2',
          taskId: 'fix-1-1',
          reason: 'redispatch',
        }) as unknown,
      },
    ]);
    const again = then.effects.find((e) => e.kind === 'run-agent');
    expect(original?.kind === 'run-agent' && original.errorContext).toContain('Gate test exited 1');
    expect(again && again.kind === 'run-agent' && again.task).toEqual(
      original?.kind === 'run-agent' && original.task,
    );
    expect(again?.kind === 'run-agent' && again.errorContext).toBe(
      original?.kind === 'run-agent' && original.errorContext,
    );
    expect(then.coordinator.view().wave).toEqual({ number: 1, state: 'fixing' });
  });

  it('contract-lock task failed: the wave asks whether to fan out; abort ends the session', () => {
    const p = plan();
    (p.waves[0]!.tasks[0] as Record<string, unknown>).contractLock = true;
    const log = simulate({
      session: 'g-2',
      plan: p,
      agents: { 'm-1': [{ kind: 'failed', error: 'types do not compile' }, { kind: 'done' }] },
      answers: { 'w1-contract-lock': 'abort' },
    });
    const failed = at(log, is('agent.finished', { agentId: 'w1-m-1-a1' }));
    const then = decide(failed.given, failed.when);
    expect(then.events).toEqual([
      {
        type: 'decision.requested',
        data: expect.objectContaining({ id: 'w1-contract-lock', kind: 'contract-lock' }) as unknown,
      },
    ]);
    expect(then.effects.map((e) => e.key)).toEqual(['ask:w1-contract-lock']);
    expect(then.coordinator.view().wave?.state).toBe('askingLock');

    const answer = at(log, is('decision.made', { id: 'w1-contract-lock' }));
    const aborted = decide(answer.given, answer.when);
    expect(aborted.events).toEqual([
      { type: 'session.aborted', data: expect.objectContaining({ cause: 'decision' }) as unknown },
    ]);
    expect(aborted.coordinator.view().wave?.state).toBe('blocked');
  });

  it('contract-lock task done: the rest of the wave is dispatched, nothing is asked', () => {
    const p = plan();
    (p.waves[0]!.tasks[0] as Record<string, unknown>).contractLock = true;
    const log = simulate({ session: 'g-3', plan: p });
    const done = at(log, is('agent.finished', { agentId: 'w1-m-1-a1' }));
    const then = decide(done.given, done.when);
    expect(then.events.map((e) => [e.type, e.data.agentId])).toEqual([
      ['agent.dispatched', 'w1-m-2-a1'],
    ]);
  });

  it('gate retries exhausted: gate.exhausted and a D3 with the bundle; the session aborts', () => {
    const log = simulate({ session: 'g-4', plan: plan(), gates: { 1: ['fail'] } });
    const last = at(log, is('gate.failed', { attempt: 3 }));
    const then = decide(last.given, last.when);
    expect(then.events).toEqual([
      { type: 'gate.exhausted', data: { wave: 1, attempts: 3, maxRetries: 2, gate: 'test' } },
      {
        type: 'deviation.recorded',
        data: {
          wave: 1,
          kind: 'D3',
          code: 'autofix-exhausted',
          params: {
            attempts: 3,
            maxRetries: 2,
            gate: 'test',
            bundle: expect.stringMatching(/^\.orchestrator\/.+/) as unknown,
          },
        },
      },
    ]);
    expect(then.coordinator.view().wave?.state).toBe('blocked');
    const exhausted = at(log, is('gate.exhausted'));
    expect(decide(exhausted.given, exhausted.when).events).toEqual([
      {
        type: 'session.aborted',
        data: expect.objectContaining({ cause: 'gate-exhausted' }) as unknown,
      },
    ]);
  });

  it('partial carried forward: a D6 now, and the next wave runs it with its REMAINING text', () => {
    const log = simulate({
      session: 'g-5',
      plan: plan(),
      agents: { 'm-2': [{ kind: 'partial', remaining: 'the error path' }, { kind: 'done' }] },
    });
    const reviewed = at(log, is('wave.reviewed', { wave: 1 }));
    const then = decide(reviewed.given, reviewed.when);
    expect(then.events).toEqual([
      {
        type: 'deviation.recorded',
        data: {
          wave: 1,
          kind: 'D6',
          code: 'carried-over',
          params: { taskId: 'm-2', status: 'partial', next: { wave: 2, role: 'Impl-Polish' } },
        },
      },
    ]);
    // Wave 2 dispatches once its base is snapshotted.
    const wave2 = at(log, is('git.snapshot', { wave: 2 }));
    const dispatch = decide(wave2.given, wave2.when).effects.find(
      (e) => e.kind === 'run-agent' && e.task.id === 'm-2',
    );
    expect(dispatch).toMatchObject({
      reason: 'carryover',
      remaining: 'the error path',
      attempt: 2,
    });
  });

  it('second spiral of a task: escalated to the operator, the session waits for the answer', () => {
    const log = simulate({
      session: 'g-6',
      plan: plan(),
      agents: { 'm-2': [{ kind: 'spiral', file: 'test/mw.test.ts' }] },
    });
    const first = at(log, is('wave.reviewed', { wave: 1 }));
    expect(decide(first.given, first.when).events).toEqual([
      {
        type: 'deviation.recorded',
        data: expect.objectContaining({
          code: 'spiral-narrowed',
          params: expect.objectContaining({ taskId: 'm-2' }) as unknown,
        }) as unknown,
      },
    ]);
    const second = at(log, is('wave.reviewed', { wave: 2 }));
    const then = decide(second.given, second.when);
    expect(then.events).toEqual([
      {
        type: 'deviation.recorded',
        data: { wave: 2, kind: 'D6', code: 'spiral-escalated', params: { taskId: 'm-2' } },
      },
      {
        type: 'decision.requested',
        data: expect.objectContaining({
          kind: 'spiral-escalation',
          default: 'carry-over',
        }) as unknown,
      },
    ]);
    expect(then.coordinator.sessionState).toBe('running.escalating');
    // And a carry-over issue for it (patch carryover-issues), whatever the operator answers.
    expect(then.effects.filter((e) => e.kind === 'file-issue')).toEqual([
      {
        kind: 'file-issue',
        key: 'issue:w2:m-2',
        wave: 2,
        taskId: 'm-2',
        agentId: 'w2-m-2-a2',
        issueKind: 'SPIRAL',
        task: 'Add tests',
        context: expect.any(String) as unknown,
        priority: 'high',
      },
    ]);
  });

  it('a gate result of an earlier attempt decides nothing', () => {
    const log = simulate({ session: 'g-7', plan: plan(), gates: { 1: ['fail', 'pass'] } });
    const passed = at(log, is('gate.passed', { wave: 1 }));
    const stale = { ...passed.when, data: { ...passed.when.data, attempt: 1 } } as DomainEvent;
    expect(decide(passed.given, stale).events).toEqual([]);
  });
});
