/**
 * A wave's inspection through the git actor, on real temporary repositories: the files whose
 * content differs from the session's base and from the wave's base, from one tree of the working
 * tree, with the index, HEAD and the working tree left as they were.
 */
import { describe, expect, it } from 'vitest';
import { createGit } from '../../src/actors/git.js';
import { EMPTY_TREE } from '../../src/domain/git.intents.js';
import { git } from '../support/git-repo.js';
import { tempRepos, writeIn } from '../support/temp-repos.js';

const live = new AbortController().signal;
const { repo } = tempRepos();
const write = writeIn;
const untouched = (dir: string) =>
  [
    git(dir, 'rev-parse', 'HEAD'),
    git(dir, 'ls-files', '--stage'),
    git(dir, 'status', '--porcelain', '--untracked-files=all'),
  ].join('\n');

describe('git actor: inspect', () => {
  it('given an earlier wave and a snapshot, when agents change, add and delete files, then both lists hold exactly what differs from each base', async () => {
    const dir = repo({ 'a.txt': '1\n', 'b.txt': 'b\n', 'c.txt': 'c\n', '.gitignore': '*.log\n' });
    const base = git(dir, 'rev-parse', 'HEAD').trim();
    write(dir, 'a.txt', 'an earlier wave\n');
    const g = createGit(dir);
    const snap = await g.snapshot(live, 's', 'wave-2-pre-dispatch');
    write(dir, 'b.txt', 'changed by an agent\n');
    write(dir, 'new/file.ts', 'n\n');
    write(dir, 'debug.log', 'ignored\n');
    write(dir, '.claude/STATE.md', 'own file\n');
    write(dir, '.claude/.STATE.md.99.1.tmp', 'own tmp sibling\n');
    git(dir, 'rm', '-q', 'c.txt');
    const before = untouched(dir);
    expect(await g.inspect(live, base, snap.sha as string)).toEqual({
      changed: ['a.txt', 'b.txt', 'c.txt', 'new/file.ts'],
      sinceBase: ['b.txt', 'c.txt', 'new/file.ts'],
    });
    expect(untouched(dir)).toBe(before);
    // The same answers through a second actor (no remembered trees): commits are looked up.
    expect(await createGit(dir).inspect(live, base, snap.sha as string)).toEqual({
      changed: ['a.txt', 'b.txt', 'c.txt', 'new/file.ts'],
      sinceBase: ['b.txt', 'c.txt', 'new/file.ts'],
    });
  });

  it('given the same base twice or none, when inspected, then the lists are equal or the second is absent', async () => {
    const dir = repo({ 'a.txt': '1\n' });
    const head = git(dir, 'rev-parse', 'HEAD').trim();
    write(dir, 'a.txt', '2\n');
    const g = createGit(dir);
    expect(await g.inspect(live, head, head)).toEqual({ changed: ['a.txt'], sinceBase: ['a.txt'] });
    expect(await g.inspect(live, head)).toEqual({ changed: ['a.txt'] });
    expect(await g.inspect(live, head, git(dir, 'rev-parse', 'HEAD^{tree}').trim())).toEqual({
      changed: ['a.txt'],
      sinceBase: ['a.txt'],
    });
  });

  it('given a session that began without commits, when inspected, then every file of the working tree is changed since the empty tree', async () => {
    const dir = repo({ 'a.txt': '1\n' });
    write(dir, 'b.txt', 'b\n');
    expect(await createGit(dir).inspect(live, null, EMPTY_TREE)).toEqual({
      changed: ['a.txt', 'b.txt'],
      sinceBase: ['a.txt', 'b.txt'],
    });
  });

  it('given a file committed after the base and changed back in the working tree, when inspected, then it is not changed: content decides, not HEAD', async () => {
    const dir = repo({ 'a.txt': '1\n', 'b.txt': 'b\n' });
    const base = git(dir, 'rev-parse', 'HEAD').trim();
    write(dir, 'a.txt', '2\n');
    write(dir, 'b.txt', 'b2\n');
    git(dir, 'commit', '-qam', 'an auto-commit');
    write(dir, 'a.txt', '1\n');
    expect(await createGit(dir).inspect(live, base)).toEqual({ changed: ['b.txt'] });
  });

  it('given a stopped session, when inspected, then the call rejects with the reason', async () => {
    const dir = repo({ 'a.txt': '1\n' });
    const stop = new AbortController();
    stop.abort(new Error('stopped by test'));
    await expect(createGit(dir).inspect(stop.signal, null)).rejects.toThrow('stopped by test');
  });
});
