/**
 * What the git actor writes, on real temporary repositories: the coordinator snapshot (a ref, the
 * working tree, index and untracked files untouched), the auto-commit (never the project's own
 * files), the commits an agent made, the minimal environment, and an abort killing a git call.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGit } from '../../src/actors/git.js';
import { gitExec, minimalGitEnv } from '../../src/actors/git-exec.js';
import { FALLBACK_IDENTITY, refComponent } from '../../src/actors/git-tree.js';
import { git } from '../support/git-repo.js';
import { tempRepos, writeIn } from '../support/temp-repos.js';

const live = new AbortController().signal;
const { repo } = tempRepos();
const write = writeIn;

/** Everything a snapshot must not change: HEAD, index, status, file contents. */
function state(dir: string): string {
  return [
    git(dir, 'rev-parse', 'HEAD'),
    git(dir, 'ls-files', '--stage'),
    git(dir, 'status', '--porcelain', '--untracked-files=all'),
    git(dir, 'stash', 'list'),
    readFileSync(join(dir, 'a.txt'), 'utf8'),
    readFileSync(join(dir, 'staged.txt'), 'utf8'),
    readFileSync(join(dir, 'new/untracked.txt'), 'utf8'),
  ].join('\n--\n');
}

describe('git actor: snapshot', () => {
  it('given modified, staged and untracked files, when snapshotted, then a ref holds them and the tree, index and untracked files are untouched', async () => {
    const dir = repo({ 'a.txt': '1\n', 'staged.txt': 's\n', '.gitignore': 'ignored.log\n' });
    const head = git(dir, 'rev-parse', 'HEAD').trim();
    write(dir, 'a.txt', 'modified\n');
    write(dir, 'staged.txt', 'staged change\n');
    git(dir, 'add', 'staged.txt');
    write(dir, 'staged.txt', 'staged then modified\n');
    write(dir, 'new/untracked.txt', 'u\n');
    write(dir, 'ignored.log', 'noise\n');
    write(dir, '.orchestrator/log/s.jsonl', '{}\n');
    // Our own files, and the projection writer's temporary sibling of one (renamed away at any
    // moment while git runs), are never in a snapshot.
    write(dir, '.claude/STATE.md', 'ours\n');
    write(dir, '.claude/.STATE.md.4242.7.tmp', 'half\n');
    const before = state(dir);

    const snap = await createGit(dir).snapshot(live, 'sess/1', 'wave-2-pre-dispatch');
    expect(snap).toEqual({
      head,
      ref: 'refs/wave/sess_1/wave-2-pre-dispatch',
      sha: expect.stringMatching(/^[0-9a-f]{40}$/) as string,
    });
    expect(state(dir)).toBe(before);
    const ref = snap.ref as string;
    expect(git(dir, 'rev-parse', `${ref}^`).trim()).toBe(head);
    expect(git(dir, 'show', `${ref}:a.txt`)).toBe('modified\n');
    expect(git(dir, 'show', `${ref}:staged.txt`)).toBe('staged then modified\n');
    expect(git(dir, 'show', `${ref}:new/untracked.txt`)).toBe('u\n');
    const files = git(dir, 'ls-tree', '-r', '--name-only', ref).trim().split('\n');
    expect(files).toEqual(['.gitignore', 'a.txt', 'new/untracked.txt', 'staged.txt']);
  });

  it('given a clean tree, when snapshotted, then nothing is written', async () => {
    const dir = repo({ 'a.txt': '1\n' });
    write(dir, '.claude/STATE.md', 'own file\n');
    const snap = await createGit(dir).snapshot(live, 's', 'wave-1-pre-dispatch');
    expect(snap).toEqual({ head: git(dir, 'rev-parse', 'HEAD').trim(), ref: null, sha: null });
    expect(git(dir, 'for-each-ref', 'refs/wave/')).toBe('');
  });

  it('given a snapshot, when agents then change, add and delete files, then changedSince lists exactly those, with the tree untouched', async () => {
    const dir = repo({ 'a.txt': '1\n', 'b.txt': 'b\n', 'c.txt': 'c\n' });
    write(dir, 'a.txt', 'before the wave\n'); // an earlier wave's uncommitted work
    write(dir, 'old/untracked.txt', 'u\n');
    const g = createGit(dir);
    const snap = await g.snapshot(live, 's', 'wave-2-pre-dispatch');
    expect(await g.changedSince(live, snap.sha as string)).toEqual([]);
    write(dir, 'b.txt', 'changed by an agent\n');
    write(dir, 'new/file.ts', 'n\n');
    git(dir, 'rm', '-q', 'c.txt');
    write(dir, '.claude/.STATE.md.99.1.tmp', 'own\n');
    const status = git(dir, 'status', '--porcelain', '--untracked-files=all');
    expect(await g.changedSince(live, snap.sha as string)).toEqual([
      'b.txt',
      'c.txt',
      'new/file.ts',
    ]);
    expect(git(dir, 'status', '--porcelain', '--untracked-files=all')).toBe(status);
    // Against HEAD (a clean tree's base), the earlier wave's work shows too.
    expect(await g.changedSince(live, snap.head as string)).toEqual([
      'a.txt',
      'b.txt',
      'c.txt',
      'new/file.ts',
      'old/untracked.txt',
    ]);
  });

  it('makes any session or label a valid ref component', () => {
    expect(refComponent('a b/c')).toBe('a_b_c');
    expect(refComponent('..x..y.lock')).toBe('_x_y_lock');
    expect(refComponent('')).toBe('_');
  });
});

describe('git actor: auto-commit', () => {
  it('given a green wave, when auto-committed, then every change but the own files is committed and the own files stay as they were', async () => {
    const dir = repo({ 'a.txt': '1\n', 'gone.txt': 'g\n', '.claude/STATE.md': 'v1\n' });
    write(dir, 'a.txt', '2\n');
    git(dir, 'rm', '-q', 'gone.txt');
    write(dir, 'src/new.ts', 'n\n');
    write(dir, '.claude/STATE.md', 'v2\n');
    git(dir, 'add', '.claude/STATE.md'); // staged own file: never committed by us
    write(dir, '.orchestrator/log/s.jsonl', '{}\n');
    const g = createGit(dir);
    const made = await g.autoCommit(live, 'wave 2 (Impl-Core): green');
    expect(made?.files).toEqual(['a.txt', 'gone.txt', 'src/new.ts']);
    expect(made?.sha).toBe(git(dir, 'rev-parse', 'HEAD').trim());
    expect(git(dir, 'log', '-1', '--format=%s')).toBe('wave 2 (Impl-Core): green\n');
    expect(git(dir, 'status', '--porcelain', '--untracked-files=all')).toBe(
      'M  .claude/STATE.md\n?? .orchestrator/log/s.jsonl\n',
    );
    expect(await g.autoCommit(live, 'nothing')).toBeNull();
    expect(git(dir, 'status', '--porcelain')).toBe('M  .claude/STATE.md\n?? .orchestrator/\n');
  });

  it('given a repository without an identity, then the coordinator commits as wave-executor', async () => {
    const dir = repo({ 'a.txt': '1\n' });
    git(dir, 'config', '--unset', 'user.email');
    git(dir, 'config', '--unset', 'user.name');
    write(dir, 'a.txt', '2\n');
    // A HOME without a global config: only the repository's (now empty) identity counts.
    const home = repo({ 'README.md': '# demo\n' });
    const saved = process.env.HOME;
    process.env.HOME = home;
    try {
      await createGit(dir).autoCommit(live, 'auto');
    } finally {
      process.env.HOME = saved;
    }
    expect(git(dir, 'log', '-1', '--format=%an <%ae>').trim()).toBe(
      `${FALLBACK_IDENTITY.name} <${FALLBACK_IDENTITY.email}>`,
    );
  });
});

describe('git actor: agent commits and environment', () => {
  it('lists the commits made since a base, newest first, with author and subject', async () => {
    const dir = repo({ 'a.txt': '1\n' });
    const base = git(dir, 'rev-parse', 'HEAD').trim();
    write(dir, 'a.txt', '2\n');
    git(dir, 'commit', '-qam', 'agent: first');
    write(dir, 'a.txt', '3\n');
    git(dir, 'commit', '-qam', 'agent: second');
    const commits = await createGit(dir).commitsSince(live, base);
    expect(commits.map((c) => c.subject)).toEqual(['agent: second', 'agent: first']);
    expect(commits[0]?.author).toBe('wave test <test@example.invalid>');
    expect(commits[0]?.sha).toBe(git(dir, 'rev-parse', 'HEAD').trim());
    expect(await createGit(dir).commitsSince(live, 'HEAD')).toEqual([]);
  });

  it('runs git without the ambient GIT_* and EDITOR variables', async () => {
    const dir = repo({ 'a.txt': '1\n' });
    const head = git(dir, 'rev-parse', 'HEAD').trim();
    const saved = { dir: process.env.GIT_DIR, editor: process.env.EDITOR };
    process.env.GIT_DIR = '/nonexistent/.git';
    process.env.EDITOR = 'false';
    try {
      expect(minimalGitEnv()).not.toHaveProperty('GIT_DIR');
      expect(minimalGitEnv()).not.toHaveProperty('EDITOR');
      expect(await createGit(dir).head(live)).toBe(head);
    } finally {
      if (saved.dir === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved.dir;
      if (saved.editor === undefined) delete process.env.EDITOR;
      else process.env.EDITOR = saved.editor;
    }
  });

  it('names the command and git message when git fails', async () => {
    const dir = repo({ 'a.txt': '1\n' });
    await expect(gitExec(live, ['rev-parse', 'no-such-ref'], { cwd: dir })).rejects.toThrow(
      /git rev-parse no-such-ref exited 128: .*no-such-ref/,
    );
  });

  it('given a snapshot under way, when its signal aborts, then git is killed and nothing is written', async () => {
    const dir = repo({ 'a.txt': '1\n' });
    for (let i = 0; i < 1500; i++) write(dir, `many/f-${i}.txt`, `${i}\n`);
    const stop = new AbortController();
    const pending = createGit(dir).snapshot(stop.signal, 's', 'wave-1-pre-dispatch');
    setTimeout(() => stop.abort(new Error('stopped by test')), 20);
    await expect(pending).rejects.toThrow('stopped by test');
    expect(git(dir, 'for-each-ref', 'refs/wave/')).toBe('');
    expect(git(dir, 'ls-files')).toBe('a.txt\n');
  });
});
