/**
 * The isolation effect handlers on real temporary repositories, as the effect runner would run
 * them: the events they report (validated against their schemas), the worktree each agent is
 * given as its working directory, and a stop of the session leaving the effect open.
 */
import { mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGit } from '../../src/actors/git.js';
import { createWorktreeManager } from '../../src/actors/worktree-manager.js';
import { ResolvedPlanSchema } from '../../src/domain/plan.schema.js';
import { validateEventData, type NewEvent } from '../../src/events.js';
import type { RunAgentEffect } from '../../src/machines/intents.js';
import type { AgentRunner, AgentTerminalEvent } from '../../src/ports.js';
import { createEffectRunner } from '../../src/runtime/effect-runner.js';
import {
  createIsolationEffects,
  isIsolationEffect,
  type IsolationEffects,
} from '../../src/runtime/isolation-effects.js';
import { git, makeRepo } from '../support/git-repo.js';

const repos: string[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) rmSync(r, { recursive: true, force: true });
});

function write(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** A repository, its handlers and the events they report (each checked against its schema). */
function setup(files: Record<string, string>, signal = new AbortController().signal) {
  const repo = realpathSync(makeRepo(files));
  repos.push(repo);
  const events: NewEvent[] = [];
  const handlers = createIsolationEffects({
    git: createGit(repo),
    repo,
    worktrees: createWorktreeManager({ repo, session: 'sess-e' }),
    sessionId: 'sess-e',
    signal,
    enqueue: (e) => {
      validateEventData(e.type, e.data);
      events.push(e);
    },
  });
  const head = git(repo, 'rev-parse', 'HEAD').trim();
  const types = () => events.map((e) => e.type);
  const data = (type: string) =>
    events.filter((e) => e.type === type).map((e) => e.data as Record<string, unknown>);
  return { repo, events, handlers, head, types, data };
}

const agents = ['w2-m-1-a1', 'w2-m-2-a1', 'w2-m-3-a1', 'w2-m-4-a1', 'w2-m-5-a1'];

async function createAll(h: IsolationEffects, base: string, ids = agents) {
  await h.run({ kind: 'worktree-create', key: 'wt:w2', wave: 2, base, agentIds: ids }, 7);
}

describe('isolation effects', () => {
  it('snapshot, 5 worktrees, 5 merges and removals: each reported as its event', async () => {
    const s = setup({ 'README.md': '# r\n' });
    write(s.repo, 'wip.txt', 'user wip\n');
    await s.handlers.run(
      { kind: 'git-snapshot', key: 'snap:w2', wave: 2, label: 'wave-2-pre-dispatch' },
      5,
    );
    const [snap] = s.data('git.snapshot');
    expect(snap).toMatchObject({
      wave: 2,
      head: s.head,
      ref: 'refs/wave/sess-e/wave-2-pre-dispatch',
    });
    await createAll(s.handlers, snap?.head as string);
    expect(s.data('worktree.created').map((d) => [d.agentId, d.base, d.reused])).toEqual(
      agents.map((a) => [a, s.head, false]),
    );
    expect(s.events.every((e) => e.causation !== undefined)).toBe(true);
    agents.forEach((a, i) => write(s.handlers.cwdOf(a) as string, `src/f${i}.ts`, `${i}\n`));
    await s.handlers.run(
      { kind: 'worktree-merge', key: 'merge:w2', wave: 2, base: s.head, agentIds: agents },
      9,
    );
    expect(s.data('worktree.merged').map((d) => [d.agentId, d.files])).toEqual(
      agents.map((a, i) => [a, [`src/f${i}.ts`]]),
    );
    expect(s.data('worktree.removed').map((d) => [d.agentId, d.savedRef, d.branchDeleted])).toEqual(
      agents.map((a) => [a, null, true]),
    );
    expect(agents.map((a) => s.handlers.cwdOf(a))).toEqual(agents.map(() => undefined));
    for (let i = 0; i < 5; i++)
      expect(readFileSync(join(s.repo, `src/f${i}.ts`), 'utf8')).toBe(`${i}\n`);
  });

  it('a conflicting pair: conflict event with the files, the branch kept, nothing overwritten', async () => {
    const s = setup({ 'a.txt': 'base\n' });
    const pair = ['w1-a-a1', 'w1-b-a1'];
    await createAll(s.handlers, s.head, pair);
    write(s.handlers.cwdOf('w1-a-a1') as string, 'a.txt', 'by a\n');
    write(s.handlers.cwdOf('w1-b-a1') as string, 'a.txt', 'by b\n');
    await s.handlers.run(
      { kind: 'worktree-merge', key: 'm', wave: 1, base: s.head, agentIds: pair },
      3,
    );
    expect(s.data('worktree.conflicted')).toEqual([
      expect.objectContaining({
        agentId: 'w1-b-a1',
        branch: 'wave/sess-e/w1-b-a1',
        files: ['a.txt'],
      }),
    ]);
    expect(s.data('worktree.removed').map((d) => d.branchDeleted)).toEqual([true, false]);
    expect(readFileSync(join(s.repo, 'a.txt'), 'utf8')).toBe('by a\n');
    expect(git(s.repo, 'show', 'wave/sess-e/w1-b-a1:a.txt')).toBe('by b\n');
  });

  it('a stale base: reported, no worktree created', async () => {
    const s = setup({ 'a.txt': '1\n' });
    write(s.repo, 'a.txt', '2\n');
    git(s.repo, 'commit', '-qam', 'moved');
    await createAll(s.handlers, s.head);
    expect(s.types()).toEqual(['worktree.stale_base']);
    expect(s.data('worktree.stale_base')[0]).toEqual({
      wave: 2,
      base: s.head,
      head: git(s.repo, 'rev-parse', 'HEAD').trim(),
    });
  });

  it('an agent that commits: agent.committed before its merge', async () => {
    const s = setup({ 'a.txt': '1\n' });
    await createAll(s.handlers, s.head, ['w1-c-a1']);
    const wt = s.handlers.cwdOf('w1-c-a1') as string;
    write(wt, 'a.txt', '2\n');
    git(wt, 'commit', '-qam', 'agent commit');
    await s.handlers.run(
      { kind: 'worktree-merge', key: 'm', wave: 1, base: s.head, agentIds: ['w1-c-a1'] },
      3,
    );
    expect(s.types()).toEqual([
      'worktree.created',
      'agent.committed',
      'worktree.merged',
      'worktree.removed',
    ]);
    expect(s.data('agent.committed')[0]).toMatchObject({
      agentId: 'w1-c-a1',
      commits: [{ subject: 'agent commit' }],
    });
    expect(s.data('worktree.merged')[0]).toMatchObject({ commit: null, files: ['a.txt'] });
  });

  it('a revert puts back exactly the listed files of each group to the base, and reports them', async () => {
    const s = setup({ 'a.txt': '1\n', 'b.txt': 'b\n', 'keep.txt': 'k\n' });
    write(s.repo, 'keep.txt', 'earlier wave\n');
    await s.handlers.run(
      { kind: 'git-snapshot', key: 'snapshot:w2', wave: 2, label: 'wave-2-pre-dispatch' },
      1,
    );
    const base = s.data('git.snapshot')[0]?.sha as string;
    write(s.repo, 'a.txt', 'out of scope\n');
    write(s.repo, 'new/out.txt', 'created out of scope\n');
    write(s.repo, 'b.txt', 'spiralled\n');
    write(s.repo, 'in-scope.txt', 'kept\n');
    await s.handlers.run(
      {
        kind: 'revert-files',
        key: 'revert:w2:1',
        wave: 2,
        base,
        groups: [
          { agentId: null, cause: 'scope', files: ['a.txt', 'new/out.txt'] },
          { agentId: 'w2-m-2-a1', cause: 'spiral', files: ['b.txt'] },
        ],
      },
      9,
    );
    expect(s.data('wave.reverted')).toEqual([
      {
        wave: 2,
        base,
        groups: [
          { agentId: null, cause: 'scope', restored: ['a.txt'], removed: ['new/out.txt'] },
          { agentId: 'w2-m-2-a1', cause: 'spiral', restored: ['b.txt'], removed: [] },
        ],
      },
    ]);
    expect(git(s.repo, 'status', '--porcelain', '--untracked-files=all')).toBe(
      ' M keep.txt\n?? in-scope.txt\n',
    );
    expect(readFileSync(join(s.repo, 'keep.txt'), 'utf8')).toBe('earlier wave\n');
  });

  it('auto-commit after a green gate: git.auto_committed, null sha when nothing changed', async () => {
    const s = setup({ 'a.txt': '1\n' });
    write(s.repo, 'a.txt', '2\n');
    await s.handlers.run(
      { kind: 'git-auto-commit', key: 'ac:w1', wave: 1, message: 'wave 1 green' },
      3,
    );
    await s.handlers.run(
      { kind: 'git-auto-commit', key: 'ac:w2', wave: 2, message: 'wave 2 green' },
      4,
    );
    const [first, second] = s.data('git.auto_committed');
    expect(first).toEqual({
      wave: 1,
      sha: git(s.repo, 'rev-parse', 'HEAD').trim(),
      files: ['a.txt'],
    });
    expect(second).toEqual({ wave: 2, sha: null, files: [] });
  });

  it('cleanup after a kill: leftovers removed (a dirty one saved), the kept one stays', async () => {
    const s = setup({ 'a.txt': '1\n' });
    const left = createWorktreeManager({ repo: s.repo, session: 'sess-e' });
    const a = await left.create(new AbortController().signal, 'w1-a-a1', s.head);
    await left.create(new AbortController().signal, 'w1-b-a1', s.head);
    write(a.path, 'a.txt', 'unsaved\n');
    await s.handlers.run({ kind: 'worktree-cleanup', key: 'c', keep: ['w1-b-a1'] }, 2);
    expect(s.data('worktree.removed')).toEqual([
      expect.objectContaining({
        wave: null,
        agentId: 'w1-a-a1',
        savedRef: 'refs/wave/sess-e/saved/w1-a-a1',
      }),
    ]);
    expect(git(s.repo, 'show', 'refs/wave/sess-e/saved/w1-a-a1:a.txt')).toBe('unsaved\n');
  });

  it('a worktree that cannot be created is reported, the agent keeps the shared tree', async () => {
    const s = setup({ 'a.txt': '1\n' });
    write(s.repo, '.orchestrator/worktrees/sess-e', 'a file where the directory should be\n');
    await createAll(s.handlers, s.head, ['w1-f-a1']);
    expect(s.types()).toEqual(['worktree.failed']);
    expect(s.handlers.cwdOf('w1-f-a1')).toBeUndefined();
  });

  it('a stop of the session: no event, the effect stays open', async () => {
    const stop = new AbortController();
    const s = setup({ 'a.txt': '1\n' }, stop.signal);
    stop.abort(new Error('stopped'));
    await s.handlers.run(
      { kind: 'git-snapshot', key: 's', wave: 1, label: 'wave-1-pre-dispatch' },
      1,
    );
    expect(s.events).toEqual([]);
  });

  it('tells its effects from the others', () => {
    expect(isIsolationEffect({ kind: 'worktree-merge' })).toBe(true);
    expect(isIsolationEffect({ kind: 'run-agent' })).toBe(false);
  });

  it('the effect runner starts an agent in its worktree', async () => {
    const s = setup({ 'a.txt': '1\n' });
    await createAll(s.handlers, s.head, ['w1-m-1-a1']);
    const cwds: string[] = [];
    const runner: AgentRunner = {
      async run(request) {
        cwds.push(request.cwd);
        const terminal = {
          type: 'agent.finished',
          data: {
            agentId: request.agentId,
            status: 'done',
            reported: 'done',
            summary: 'ok',
            filesChanged: [],
            turns: 1,
            exitCode: 0,
          },
        } as AgentTerminalEvent;
        return { terminal, findings: [] };
      },
    };
    const plan = ResolvedPlanSchema.parse({
      session: { type: 'feature', intent: 'cwd' },
      config: {},
      runners: { default: { kind: 'claude' } },
      waves: [
        {
          wave: 1,
          role: 'Impl-Core',
          tasks: [
            { id: 'm-1', task: 'a' },
            { id: 'm-2', task: 'b' },
          ],
        },
      ],
    });
    const effect = (taskIndex: number): RunAgentEffect => ({
      kind: 'run-agent',
      key: `agent:w1-m-${taskIndex + 1}-a1`,
      agentId: `w1-m-${taskIndex + 1}-a1`,
      wave: 1,
      attempt: 1,
      reason: 'planned',
      task: plan.waves[0]!.tasks[taskIndex]!,
      maxTurns: 5,
      round: 'w1',
    });
    const runnerOf = createEffectRunner({
      sessionId: 'sess-e',
      repo: s.repo,
      plan,
      runners: { default: runner },
      fallback: runner,
      git: createGit(s.repo),
      isolation: s.handlers,
      baseRef: s.head,
      ask: async () => ({ answer: 'x', by: 'policy' }),
      signal: new AbortController().signal,
      enqueue: () => undefined,
      platform: 'linux',
      agentCwd: (id) => s.handlers.cwdOf(id),
    });
    await Promise.all(runnerOf.start([effect(0), effect(1)], 1));
    expect(cwds.sort()).toEqual([s.handlers.cwdOf('w1-m-1-a1'), s.repo].sort());
  });
});
