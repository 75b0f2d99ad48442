/**
 * The worktree manager on real temporary repositories: five agents dispatched into worktrees and
 * merged back in order, a conflicting pair (nothing lost), a stale base, an agent that commits,
 * removal of a dirty worktree, and what a `kill -9` leaves behind (a real SIGKILLed process).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createWorktreeManager,
  findSessionWorktrees,
  parseWorktreeList,
} from '../../src/actors/worktree-manager.js';
import { git } from '../support/git-repo.js';
import { tempRepos, writeIn } from '../support/temp-repos.js';

const live = new AbortController().signal;
const { repo } = tempRepos();
const write = writeIn;

const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');
const head = (dir: string) => git(dir, 'rev-parse', 'HEAD').trim();

describe('worktree manager', () => {
  it('given 5 agents in worktrees, when merged back in order, then every change is in the main working tree, uncommitted, and the worktrees are gone', async () => {
    const dir = repo({ 'README.md': '# r\n', 'src/a.ts': 'a\n', 'src/gone.ts': 'g\n' });
    write(dir, 'notes.txt', 'user work in progress\n'); // untracked work of the user survives
    const base = head(dir);
    const m = createWorktreeManager({ repo: dir, session: 'sess-1' });
    const agents = ['w2-m-1-a1', 'w2-m-2-a1', 'w2-m-3-a1', 'w2-m-4-a1', 'w2-m-5-a1'];
    const trees = [];
    for (const id of agents) trees.push(await m.create(live, id, base));
    expect(trees.map((t) => t.reused)).toEqual([false, false, false, false, false]);
    expect(trees[0]?.path).toBe(join(dir, '.orchestrator/worktrees/sess-1/w2-m-1-a1'));
    expect(trees[0]?.branch).toBe('wave/sess-1/w2-m-1-a1');
    for (const t of trees) expect(git(t.path, 'rev-parse', 'HEAD').trim()).toBe(base);

    // Five agents, five disjoint changes: modify, create in a new directory, delete, create, modify.
    write(trees[0]!.path, 'src/a.ts', 'a by agent 1\n');
    write(trees[1]!.path, 'src/new/deep/b.ts', 'b\n');
    unlinkSync(join(trees[2]!.path, 'src/gone.ts'));
    write(trees[3]!.path, 'docs/guide.md', 'guide\n');
    write(trees[4]!.path, 'README.md', '# r\n\nby agent 5\n');
    write(trees[4]!.path, '.orchestrator/agent-scratch.txt', 'never merged\n');

    const outcomes = await m.mergeBack(live, agents, base);
    expect(outcomes.map((o) => [o.agentId, o.kind, o.files])).toEqual([
      ['w2-m-1-a1', 'merged', ['src/a.ts']],
      ['w2-m-2-a1', 'merged', ['src/new/deep/b.ts']],
      ['w2-m-3-a1', 'merged', ['src/gone.ts']],
      ['w2-m-4-a1', 'merged', ['docs/guide.md']],
      ['w2-m-5-a1', 'merged', ['README.md']],
    ]);
    for (const o of outcomes) expect(o.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(read(dir, 'src/a.ts')).toBe('a by agent 1\n');
    expect(read(dir, 'src/new/deep/b.ts')).toBe('b\n');
    expect(existsSync(join(dir, 'src/gone.ts'))).toBe(false);
    expect(read(dir, 'README.md')).toBe('# r\n\nby agent 5\n');
    expect(read(dir, 'notes.txt')).toBe('user work in progress\n');
    expect(head(dir)).toBe(base); // nothing committed on the user's branch
    expect(git(dir, 'diff', '--cached', '--name-only')).toBe(''); // index untouched

    const removed = await m.remove(live, agents, { clean: agents, deleteBranches: agents });
    expect(removed.every((r) => r.savedRef === null && r.branchDeleted)).toBe(true);
    expect(existsSync(m.root)).toBe(false);
    expect(git(dir, 'worktree', 'list', '--porcelain')).not.toContain('sess-1');
    expect(git(dir, 'branch', '--list', 'wave/*')).toBe('');
    expect(git(dir, 'status', '--porcelain', '--untracked-files=all').split('\n').sort()).toEqual([
      '',
      ' D src/gone.ts',
      ' M README.md',
      ' M src/a.ts',
      '?? docs/guide.md',
      '?? notes.txt',
      '?? src/new/deep/b.ts',
    ]);
  });

  it('given two agents editing the same line, when merged back, then the second conflicts, nothing of the first is overwritten and the second stays on its branch', async () => {
    const dir = repo({ 'README.md': 'title\n' });
    const base = head(dir);
    const m = createWorktreeManager({ repo: dir, session: 's2' });
    const a = await m.create(live, 'w1-a-a1', base);
    const b = await m.create(live, 'w1-b-a1', base);
    write(a.path, 'README.md', 'title by a\n');
    write(b.path, 'README.md', 'title by b\n');
    write(b.path, 'b-only.txt', 'b\n');

    const [first, second] = await m.mergeBack(live, ['w1-a-a1', 'w1-b-a1'], base);
    expect(first).toMatchObject({ kind: 'merged', files: ['README.md'] });
    expect(second).toMatchObject({
      kind: 'conflicted',
      files: ['README.md'],
      branch: 'wave/s2/w1-b-a1',
    });
    expect(read(dir, 'README.md')).toBe('title by a\n');
    expect(existsSync(join(dir, 'b-only.txt'))).toBe(false); // a conflicted merge writes nothing
    expect(git(dir, 'ls-files', '-u')).toBe(''); // no conflict state left behind

    await m.remove(live, ['w1-a-a1', 'w1-b-a1'], {
      clean: ['w1-a-a1', 'w1-b-a1'],
      deleteBranches: ['w1-a-a1'],
    });
    // Nothing lost: agent b's work is on its branch.
    expect(git(dir, 'show', 'wave/s2/w1-b-a1:README.md')).toBe('title by b\n');
    expect(git(dir, 'show', 'wave/s2/w1-b-a1:b-only.txt')).toBe('b\n');
    expect(git(dir, 'branch', '--list', 'wave/s2/*').trim()).toBe('wave/s2/w1-b-a1');
  });

  it('given HEAD moved after the wave base was taken, then the base is stale before dispatch', async () => {
    const dir = repo({ 'a.txt': '1\n' });
    const base = head(dir);
    const m = createWorktreeManager({ repo: dir, session: 's3' });
    expect(await m.staleBase(live, base)).toBeNull();
    write(dir, 'a.txt', '2\n');
    git(dir, 'commit', '-qam', 'moved on');
    expect(await m.staleBase(live, base)).toBe(head(dir));
  });

  it('given an agent that commits in its worktree, then its commits are reported and its work still merged', async () => {
    const dir = repo({ 'a.txt': '1\n' });
    const base = head(dir);
    const m = createWorktreeManager({ repo: dir, session: 's4' });
    const wt = await m.create(live, 'w1-x-a1', base);
    write(wt.path, 'a.txt', 'committed by agent\n');
    git(wt.path, 'commit', '-qam', 'agent did commit');
    write(wt.path, 'b.txt', 'left uncommitted\n');
    const [o] = await m.mergeBack(live, ['w1-x-a1'], base);
    expect(o?.agentCommits.map((c) => c.subject)).toEqual(['agent did commit']);
    expect(o?.agentCommits[0]?.author).toBe('wave test <test@example.invalid>');
    expect(o?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(o).toMatchObject({ kind: 'merged', files: ['a.txt', 'b.txt'] });
    expect(read(dir, 'a.txt')).toBe('committed by agent\n');
    expect(head(dir)).toBe(base);
  });

  it('given a dirty worktree, when removed, then its content is saved as a ref first', async () => {
    const dir = repo({ 'a.txt': '1\n' });
    const base = head(dir);
    const m = createWorktreeManager({ repo: dir, session: 's5' });
    const wt = await m.create(live, 'w1-d-a1', base);
    write(wt.path, 'a.txt', 'dirty\n');
    write(wt.path, 'new/untracked.txt', 'u\n');
    const [r] = await m.remove(live, ['w1-d-a1']);
    expect(r?.savedRef).toBe('refs/wave/s5/saved/w1-d-a1');
    expect(git(dir, 'show', 'refs/wave/s5/saved/w1-d-a1:a.txt')).toBe('dirty\n');
    expect(git(dir, 'show', 'refs/wave/s5/saved/w1-d-a1:new/untracked.txt')).toBe('u\n');
    expect(existsSync(wt.path)).toBe(false);
    expect(await findSessionWorktrees(live, dir, 's5')).toEqual([]);
  });

  it('given a process killed with SIGKILL while its agents ran in worktrees, when a new process resumes, then it finds them, reuses one and cleans the others without losing work', async () => {
    const dir = repo({ 'a.txt': '1\n' });
    const base = head(dir);
    const child = spawnSync(
      process.execPath,
      [resolve('test/support/worktree-kill-child.mjs'), dir, 'sess-k', base],
      { encoding: 'utf8' },
    );
    expect(child.signal).toBe('SIGKILL');
    const found = await findSessionWorktrees(live, dir, 'sess-k');
    expect(found.map((f) => [f.agentId, f.present])).toEqual([
      ['w1-a-a1', true],
      ['w1-b-a1', true],
      ['w1-c-a1', true],
    ]);
    const m = createWorktreeManager({ repo: dir, session: 'sess-k' });
    // The re-dispatched agent finds its partial work where it left it.
    const again = await m.create(live, 'w1-a-a1', base);
    expect(again.reused).toBe(true);
    expect(read(again.path, 'a.txt')).toBe('partial work of a\n');
    // The others are cleaned; the dirty one is saved first.
    const removed = await m.remove(live, ['w1-b-a1', 'w1-c-a1'], { deleteBranches: ['w1-c-a1'] });
    expect(removed.map((r) => r.savedRef)).toEqual(['refs/wave/sess-k/saved/w1-b-a1', null]);
    expect(git(dir, 'show', 'refs/wave/sess-k/saved/w1-b-a1:b.txt')).toBe('work of b\n');
    expect((await findSessionWorktrees(live, dir, 'sess-k')).map((f) => f.agentId)).toEqual([
      'w1-a-a1',
    ]);
  });

  it('given a worktree directory deleted behind git, then it is listed as not present and re-created on demand', async () => {
    const dir = repo({ 'a.txt': '1\n' });
    const base = head(dir);
    const wt = await createWorktreeManager({ repo: dir, session: 's6' }).create(
      live,
      'w1-z-a1',
      base,
    );
    rmSync(wt.path, { recursive: true, force: true });
    expect((await findSessionWorktrees(live, dir, 's6'))[0]?.present).toBe(false);
    // A new process (a resume) takes the registration over.
    const again = await createWorktreeManager({ repo: dir, session: 's6' }).create(
      live,
      'w1-z-a1',
      base,
    );
    expect(again.reused).toBe(false);
    expect(read(again.path, 'a.txt')).toBe('1\n');
  });

  it('given an aborted signal mid-merge, then the git call is killed and the call rejects', async () => {
    const dir = repo({ 'a.txt': '1\n' });
    const base = head(dir);
    const m = createWorktreeManager({ repo: dir, session: 's7' });
    const wt = await m.create(live, 'w1-q-a1', base);
    for (let i = 0; i < 500; i++) write(wt.path, `many/f-${i}.txt`, `${i}\n`);
    const stop = new AbortController();
    const pending = m.mergeBack(stop.signal, ['w1-q-a1'], base);
    setTimeout(() => stop.abort(new Error('stopped mid-merge')), 5);
    await expect(pending).rejects.toThrow('stopped mid-merge');
    expect(head(dir)).toBe(base);
    expect(existsSync(join(dir, 'many'))).toBe(false);
  });

  it('parses git worktree list --porcelain -z', () => {
    const raw =
      'worktree /r\0HEAD abc\0branch refs/heads/main\0\0worktree /r/w\0HEAD def\0detached\0prunable gitdir file points to non-existent location\0\0';
    expect(parseWorktreeList(raw)).toEqual([
      { path: '/r', head: 'abc', branch: 'main', prunable: false },
      { path: '/r/w', head: 'def', branch: null, prunable: true },
    ]);
  });
});
