import { describe, expect, it } from 'vitest';
import { Coordinator } from '../../src/machines/coordinator.js';
import { simulate } from '../support/simulate.js';
import { deviationText } from '../../src/domain/wording.js';

const plan = {
  session: { type: 'feature', intent: 'Add rate limiting', issues: [12] },
  config: { qualityGates: [{ name: 'test', argv: ['npm', 'test'] }] },
  runners: { default: { kind: 'claude' } },
  waves: [
    {
      wave: 1,
      role: 'Discovery',
      tasks: [{ id: 'm-1', task: 'Map routes', files: ['src/routes/'] }],
    },
    {
      wave: 2,
      role: 'Impl-Core',
      tasks: [
        { id: 'm-2', task: 'Add middleware', files: ['src/mw.ts'] },
        { id: 'm-3', task: 'Add tests', files: ['test/mw.test.ts'] },
      ],
    },
    { wave: 3, role: 'Quality', tasks: [{ id: 'm-4', task: 'Review', files: ['src/mw.ts'] }] },
  ],
};

const types = (log: { type: string }[]) => log.map((e) => e.type);

describe('coordinator', () => {
  it('runs a clean 3-wave session to completed with every mission completed', () => {
    const log = simulate({ session: 's-1', plan });
    expect(log.at(-1)?.type).toBe('session.completed');
    expect(log.at(-1)?.data).toEqual({ outcome: 'success' });
    const final = new Map<string, string>();
    for (const e of log) if (e.type === 'mission.status_changed') final.set(e.data.id, e.data.to);
    expect(Object.fromEntries(final)).toEqual({
      'm-1': 'completed',
      'm-2': 'completed',
      'm-3': 'completed',
      'm-4': 'completed',
    });
    expect(types(log).filter((t) => t === 'wave.completed')).toHaveLength(3);
    expect(types(log).filter((t) => t === 'gate.started')).toHaveLength(2);
  });

  it('completes every mission when no quality gate is configured', () => {
    const p = { ...structuredClone(plan), config: {} };
    const log = simulate({ session: 's-9', plan: p });
    expect(log.at(-1)?.data).toEqual({ outcome: 'success' });
    expect(log.filter((e) => e.type === 'gate.started')).toHaveLength(0);
    const final = new Map<string, string>();
    for (const e of log) if (e.type === 'mission.status_changed') final.set(e.data.id, e.data.to);
    expect([...final.values()].every((s) => s === 'completed')).toBe(true);
  });

  it('holds a task back while its dependency is not done, then runs it', () => {
    const p = structuredClone(plan);
    p.waves[1]!.tasks[0] = { ...p.waves[1]!.tasks[0]!, dependsOn: ['m-1'] } as never;
    const log = simulate({
      session: 's-10',
      plan: p,
      agents: { 'm-1': [{ kind: 'failed', error: 'could not map' }, { kind: 'done' }] },
    });
    const held = log.find(
      (e) => e.type === 'deviation.recorded' && e.data.code === 'dependency-held',
    );
    expect(held?.data).toMatchObject({
      wave: 2,
      code: 'dependency-held',
      params: { taskId: 'm-2', blocker: 'm-1' },
    });
    expect(held?.type === 'deviation.recorded' && deviationText(held.data)).toBe(
      'Wave 2: task m-2 held back: its dependency m-1 is not done (it waits with it).',
    );
    const dispatched = log
      .filter((e) => e.type === 'agent.dispatched')
      .map((e) => e.type === 'agent.dispatched' && e.data.agentId);
    expect(dispatched).toContain('w2-m-1-a2');
    expect(dispatched).not.toContain('w2-m-2-a1');
    expect(dispatched).toContain('w3-m-2-a1');
  });

  it('skips an empty wave', () => {
    const p = structuredClone(plan);
    p.waves[0]!.tasks = [];
    const log = simulate({ session: 's-2', plan: p });
    expect(log.find((e) => e.type === 'wave.skipped')?.data).toEqual({
      wave: 1,
      role: 'Discovery',
      reason: 'no tasks',
    });
    expect(log.at(-1)?.type).toBe('session.completed');
  });

  it('carries a partial forward and turns a failure into a fix task', () => {
    const log = simulate({
      session: 's-3',
      plan,
      agents: {
        'm-2': [{ kind: 'partial', remaining: 'wire the config' }, { kind: 'done' }],
        'm-3': [{ kind: 'failed', error: 'old_string not found' }, { kind: 'done' }],
      },
    });
    const dispatched = log
      .filter((e) => e.type === 'agent.dispatched')
      .map((e) => e.type === 'agent.dispatched' && `${e.data.agentId}:${e.data.reason}`);
    expect(dispatched).toContain('w3-m-2-a2:carryover');
    expect(dispatched).toContain('w3-m-3-a2:fix');
    expect(log.at(-1)?.data).toEqual({ outcome: 'success' });
    expect(log.some((e) => e.type === 'what_not_to_retry.recorded')).toBe(true);
  });

  it('aborts after exhausted gate retries', () => {
    const p = structuredClone(plan) as typeof plan & { config: Record<string, unknown> };
    p.config.verificationAutoFix = { enabled: true, maxRetries: 2 };
    const log = simulate({ session: 's-4', plan: p, gates: { 2: ['fail'] } });
    expect(types(log).filter((t) => t === 'gate.fix_dispatched')).toHaveLength(2);
    expect(log.find((e) => e.type === 'gate.exhausted')?.data).toMatchObject({
      wave: 2,
      attempts: 3,
      maxRetries: 2,
    });
    expect(log.at(-1)?.data).toMatchObject({ cause: 'gate-exhausted' });
  });

  it('fixes a failed gate on retry and records D2', () => {
    const p = structuredClone(plan) as typeof plan & { config: Record<string, unknown> };
    p.config.verificationAutoFix = { enabled: true, maxRetries: 2 };
    const log = simulate({ session: 's-5', plan: p, gates: { 2: ['fail', 'pass'] } });
    expect(log.some((e) => e.type === 'deviation.recorded' && e.data.kind === 'D2')).toBe(true);
    expect(log.at(-1)?.type).toBe('session.completed');
  });

  it('replays a log to the same machine states with no divergence', () => {
    const log = simulate({
      session: 's-6',
      plan,
      agents: { 'm-2': [{ kind: 'spiral', file: 'src/mw.ts' }, { kind: 'done' }] },
    });
    const c = new Coordinator();
    for (const e of log) c.apply(e);
    expect(c.divergences).toEqual([]);
    expect(c.pendingEvents()).toEqual([]);
    expect(c.pendingEffects()).toEqual([]);
    expect(c.finished).toBe(true);
  });

  it('after a crash, replay leaves exactly the in-flight work open', () => {
    const full = simulate({ session: 's-7', plan });
    const cut = full.findIndex((e) => e.type === 'agent.started' && e.data.agentId === 'w2-m-2-a1');
    const c = new Coordinator();
    for (const e of full.slice(0, cut + 1)) c.apply(e);
    const open = c.pendingEffects().map((e) => e.key);
    expect(open).toContain('agent:w2-m-2-a1');
  });

  it('refuses an illegal mission transition in a log', () => {
    const log = simulate({ session: 's-8', plan });
    const i = log.findIndex((e) => e.type === 'mission.status_changed' && e.data.to === 'in-dev');
    const bad = structuredClone(log.slice(0, i + 1));
    const last = bad[i]!;
    if (last.type === 'mission.status_changed')
      last.data = { ...last.data, from: 'validated', to: 'completed' };
    const c = new Coordinator();
    expect(() => {
      for (const e of bad) c.apply(e);
    }).toThrow(/cannot move validated → completed/);
  });
});
