/**
 * The wave's safety rails in the repository (patch `repo-rails`), given/when/then: the snapshot
 * before dispatch, the scope check after the agents (strict reverts, warn keeps), the revert of a
 * spiralled agent's files, the gate kind, auto-commit, and a gate that was red before the session.
 */
import { describe, expect, it } from 'vitest';
import { at, decide, is } from '../support/decider-spec.js';
import { simulate, type Script } from '../support/simulate.js';

const plan = (config: Record<string, unknown> = {}) => ({
  session: { type: 'feature', intent: 'Rails', issues: [] },
  config: {
    qualityGates: [{ name: 'test', argv: ['npm', 'test'] }],
    verificationAutoFix: { enabled: true, maxRetries: 1 },
    ...config,
  },
  runners: { default: { kind: 'claude' } },
  waves: [
    {
      wave: 1,
      role: 'Impl-Core',
      tasks: [
        { id: 'm-1', task: 'Add middleware', files: ['src/mw.ts'] },
        { id: 'm-2', task: 'Add docs', files: ['docs/mw.md'] },
      ],
    },
    { wave: 2, role: 'Quality', tasks: [{ id: 'm-3', task: 'Review', files: ['src/mw.ts'] }] },
  ],
});

/** One Impl-Core wave of three tasks (enough to be isolated); `b` overrides task m-2. */
const threeTasks = (b: Record<string, unknown> = {}) => ({
  ...plan(),
  waves: [
    {
      wave: 1,
      role: 'Impl-Core',
      tasks: [
        { id: 'm-1', task: 'A', files: ['src/a.ts'] },
        { id: 'm-2', task: 'B', files: ['src/b.ts'], ...b },
        { id: 'm-3', task: 'C', files: ['src/c.ts'] },
      ],
    },
  ],
});

const run = (over: Partial<Script> = {}) => simulate({ session: 'rails', plan: plan(), ...over });

describe('rails, given/when/then', () => {
  it('when a wave starts, then its base is snapshotted first; when the snapshot is logged, then it dispatches', () => {
    const log = run();
    const started = at(log, is('wave.started', { wave: 1 }));
    const then = decide(started.given, started.when);
    expect(then.effects).toEqual([
      { kind: 'git-snapshot', key: 'snapshot:w1', wave: 1, label: 'wave-1-pre-dispatch' },
    ]);
    expect(then.events.filter((e) => e.type === 'agent.dispatched')).toEqual([]);
    // Test siblings of an implementation wave's files are in its scope.
    expect(started.when.data).toMatchObject({
      allowedPaths: expect.arrayContaining([
        'docs/mw.md',
        'src/mw.ts',
        'src/mw.test.ts',
      ]) as unknown,
    });
    const snap = at(log, is('git.snapshot', { wave: 1 }));
    const dispatched = decide(snap.given, snap.when).events.filter(
      (e) => e.type === 'agent.dispatched',
    );
    expect(dispatched.map((e) => e.data.agentId)).toEqual(['w1-m-1-a1', 'w1-m-2-a1']);
  });

  it('given an agent that changed a file outside the scope, when the wave is inspected, then strict reports it and reverts exactly that file', () => {
    const log = run({
      agents: { 'm-2': [{ kind: 'done', files: ['docs/mw.md', 'package.json'] }] },
    });
    const inspected = at(log, is('wave.inspected', { wave: 1 }));
    expect(inspected.when.data).toMatchObject({
      sinceBase: ['docs/mw.md', 'package.json', 'src/mw.ts'],
    });
    const then = decide(inspected.given, inspected.when);
    expect(then.events).toEqual([
      {
        type: 'scope.violated',
        data: {
          wave: 1,
          agentId: 'w1-m-2-a1',
          taskId: 'm-2',
          files: ['package.json'],
          mode: 'strict',
          action: 'revert',
        },
      },
      {
        type: 'deviation.recorded',
        data: {
          wave: 1,
          kind: 'D6',
          code: 'scope-violation',
          params: {
            agent: 'Add docs',
            taskId: 'm-2',
            files: ['package.json'],
            mode: 'strict',
            action: 'revert',
          },
        },
      },
    ]);
    expect(then.effects).toEqual([
      {
        kind: 'revert-files',
        key: 'revert:w1',
        wave: 1,
        base: '0f3c2a9d5e1b7c4a8f6e2d1c0b9a8f7e6d5c4b3a',
        groups: [{ agentId: 'w1-m-2-a1', cause: 'scope', files: ['package.json'] }],
      },
    ]);
    // The files go back first; the review and the gate wait for the second inspection.
    const reverted = at(log, is('wave.reverted', { wave: 1 }));
    expect(decide(reverted.given, reverted.when).effects).toMatchObject([
      { kind: 'inspect', key: 'inspect:w1' },
    ]);
    const again = at(log, is('wave.inspected', { wave: 1 }), 1);
    const review = decide(again.given, again.when);
    expect(review.events.map((e) => e.type)).toEqual(['wave.reviewed', 'gate.started']);
    expect(review.events[0]?.data).toMatchObject({ filesChanged: ['docs/mw.md', 'src/mw.ts'] });
  });

  it('with enforcement warn and agents in one working tree, then it is promoted to strict (reference F1) and the file reverted', () => {
    const log = run({
      plan: plan({ enforcement: 'warn' }),
      agents: { 'm-2': [{ kind: 'done', files: ['docs/mw.md', 'package.json'] }] },
    });
    expect(log.find((e) => e.type === 'wave.started')?.data).toMatchObject({
      isolation: 'none',
      enforcement: 'strict',
    });
    expect(log.find((e) => e.type === 'scope.violated')?.data).toMatchObject({
      mode: 'strict',
      action: 'revert',
    });
  });

  it('with enforcement off, then nothing is checked', () => {
    const log = run({
      plan: plan({ enforcement: 'off' }),
      agents: { 'm-2': [{ kind: 'done', files: ['docs/mw.md', 'package.json'] }] },
    });
    expect(log.some((e) => e.type === 'scope.violated' || e.type === 'wave.reverted')).toBe(false);
  });

  it('given a spiralled agent, when the wave is inspected, then its files (and only its) go back to the base', () => {
    const log = run({ agents: { 'm-1': [{ kind: 'spiral', file: 'src/mw.ts' }] } });
    const inspected = at(log, is('wave.inspected', { wave: 1 }));
    expect(decide(inspected.given, inspected.when).effects).toEqual([
      {
        kind: 'revert-files',
        key: 'revert:w1',
        wave: 1,
        base: '0f3c2a9d5e1b7c4a8f6e2d1c0b9a8f7e6d5c4b3a',
        groups: [{ agentId: 'w1-m-1-a1', cause: 'spiral', files: ['src/mw.ts'] }],
      },
    ]);
    // Reverted once: the second inspection reverts nothing more.
    const again = at(log, is('wave.inspected', { wave: 1 }), 1);
    expect(decide(again.given, again.when).effects.map((e) => e.kind)).toEqual(['run-gate']);
  });

  it('the gate after an implementation wave is Quality-Lite, after the Quality wave the Full Gate', () => {
    const log = run();
    const kinds = log.filter((e) => e.type === 'gate.started').map((e) => e.data);
    expect(kinds).toMatchObject([
      { wave: 1, kind: 'lite' },
      { wave: 2, kind: 'full' },
    ]);
  });

  it('with auto-commit, when the gate passes, then the coordinator commits before the wave completes', () => {
    const log = run({ plan: plan({ autoCommitPerWave: true }) });
    const passed = at(log, is('gate.passed', { wave: 1 }));
    const then = decide(passed.given, passed.when);
    expect(then.events).toEqual([]);
    expect(then.effects).toEqual([
      {
        kind: 'git-auto-commit',
        key: 'autocommit:w1',
        wave: 1,
        message: 'wave 1 (Impl-Core): quality gate green',
        since: '0f3c2a9d5e1b7c4a8f6e2d1c0b9a8f7e6d5c4b3a',
      },
    ]);
    const committed = at(log, is('git.auto_committed', { wave: 1 }));
    expect(decide(committed.given, committed.when).events[0]).toMatchObject({
      type: 'wave.completed',
      data: { wave: 1, quality: 'pass' },
    });
  });

  it('given a gate red at session start, when it fails no worse, then the operator is asked (default: fix)', () => {
    const log = run({ baseline: 'red', gates: { 1: ['fail', 'pass'] } });
    const failed = at(log, is('gate.failed', { wave: 1 }));
    const then = decide(failed.given, failed.when);
    expect(then.events).toMatchObject([
      {
        type: 'decision.requested',
        data: { id: 'w1-baseline-1', kind: 'red-baseline', options: ['fix', 'accept', 'abort'] },
      },
    ]);
    expect(log.filter((e) => e.type === 'gate.fix_dispatched')).toHaveLength(1);
    expect(log.at(-1)?.data).toMatchObject({ outcome: 'success' });
  });

  it('when the red baseline is accepted, then the wave completes red and no fix agent is sent', () => {
    const log = run({
      baseline: 'red',
      gates: { 1: ['fail'] },
      answers: { 'w1-baseline-1': 'accept' },
    });
    expect(log.some((e) => e.type === 'gate.fix_dispatched')).toBe(false);
    expect(log.find((e) => e.type === 'wave.completed' && e.data.wave === 1)?.data).toMatchObject({
      quality: 'fail',
    });
  });

  it('when abort is chosen at the red baseline, then the session aborts', () => {
    const log = run({
      baseline: 'red',
      gates: { 1: ['fail'] },
      answers: { 'w1-baseline-1': 'abort' },
    });
    expect(log.at(-1)).toMatchObject({ type: 'session.aborted', data: { cause: 'decision' } });
  });

  it('given a green baseline, when the gate fails, then auto-fix runs as before (nothing is asked)', () => {
    const log = run({ baseline: 'green', gates: { 1: ['fail', 'pass'] } });
    expect(log.some((e) => e.type === 'decision.requested' && e.data.kind === 'red-baseline')).toBe(
      false,
    );
    expect(log.filter((e) => e.type === 'gate.fix_dispatched')).toHaveLength(1);
  });

  it('given a wave resolved to worktrees, then each agent gets one at the base before dispatch, and their work is merged back in plan order before inspection', () => {
    const three = threeTasks();
    const log = run({ plan: three, conflicts: ['w1-m-2-a1'] });
    // The default enforcement (warn) stays warn when agents are isolated.
    expect(log.find((e) => e.type === 'wave.started')?.data).toMatchObject({
      isolation: 'worktree',
      enforcement: 'warn',
    });
    const snap = at(log, is('git.snapshot', { wave: 1 }));
    expect(decide(snap.given, snap.when).effects).toEqual([
      {
        kind: 'worktree-create',
        key: 'worktrees:w1',
        wave: 1,
        base: '0f3c2a9d5e1b7c4a8f6e2d1c0b9a8f7e6d5c4b3a',
        head: '0f3c2a9d5e1b7c4a8f6e2d1c0b9a8f7e6d5c4b3a',
        agentIds: ['w1-m-1-a1', 'w1-m-2-a1', 'w1-m-3-a1'],
      },
    ]);
    // Nothing is dispatched until the last worktree is reported.
    const second = at(log, is('worktree.created', { agentId: 'w1-m-2-a1' }));
    expect(decide(second.given, second.when).events).toEqual([]);
    const third = at(log, is('worktree.created', { agentId: 'w1-m-3-a1' }));
    expect(
      decide(third.given, third.when).events.filter((e) => e.type === 'agent.dispatched'),
    ).toHaveLength(3);
    const lastEnd = at(log, is('agent.finished', { agentId: 'w1-m-3-a1' }));
    expect(decide(lastEnd.given, lastEnd.when).effects).toMatchObject([
      { kind: 'worktree-merge', agentIds: ['w1-m-1-a1', 'w1-m-2-a1', 'w1-m-3-a1'] },
    ]);
    const removed = at(log, is('worktree.removed', { agentId: 'w1-m-3-a1' }));
    expect(decide(removed.given, removed.when).effects.map((e) => e.kind)).toEqual(['inspect']);
    // The conflicting agent's task goes again in the next round of work, its branch named.
    const reviewed = log.find((e) => e.type === 'wave.reviewed')?.data as {
      agents: Array<{ taskId: string; status: string; remaining?: string }>;
    };
    expect(reviewed.agents.find((a) => a.taskId === 'm-2')).toMatchObject({
      status: 'partial',
      remaining: expect.stringContaining('kept on branch wave/rails/w1-m-2-a1') as unknown,
    });
    expect(reviewed.agents.filter((a) => a.status === 'done').map((a) => a.taskId)).toEqual([
      'm-1',
      'm-3',
    ]);
  });

  it('given a task that creates a directory, then its wave shares the working tree (reference F1)', () => {
    const three = threeTasks({ files: ['src/new/b.ts'], createsDirectory: true });
    const log = run({ plan: three });
    expect(log.find((e) => e.type === 'wave.started')?.data).toMatchObject({ isolation: 'none' });
    expect(log.some((e) => e.type.startsWith('worktree.'))).toBe(false);
  });
});
