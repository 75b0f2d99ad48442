/**
 * A repository that ignores the directories of our own files (`.orchestrator/`, `.claude/` in its
 * .gitignore, as many do), on real temporary repositories: git reports the exclude pathspecs of
 * those files as naming ignored paths and exits 1 after adding the rest; the snapshot, the
 * inspection, the auto-commit and an agent's worktree commit take that report as no failure,
 * while any other failure of `git add` still fails them.
 */
import { describe, expect, it } from 'vitest';
import { createGit } from '../../src/actors/git.js';
import { addAllButOwn } from '../../src/actors/git-tree.js';
import { commitAgentWork } from '../../src/actors/worktree-merge.js';
import { git } from '../support/git-repo.js';
import { tempRepos, writeIn } from '../support/temp-repos.js';

const live = new AbortController().signal;
const { repo } = tempRepos();
const IGNORES = '.orchestrator/\n.claude/\n';

/** A repository ignoring our directories, with files of ours in both, and an agent's change. */
function ignoringRepo(): string {
  const dir = repo({ 'a.txt': '1\n', '.gitignore': IGNORES });
  writeIn(dir, '.orchestrator/log/s.jsonl', '{}\n');
  writeIn(dir, '.claude/STATE.md', 'own\n');
  writeIn(dir, '.claude/.STATE.md.1.2.tmp', 'own sibling\n');
  writeIn(dir, 'a.txt', 'changed by an agent\n');
  writeIn(dir, 'src/new.ts', 'new\n');
  return dir;
}

describe('git actor: a repository that ignores our directories', () => {
  it('given .orchestrator/ and .claude/ ignored and present, when snapshot and inspect, then they list the agent’s files only', async () => {
    const dir = ignoringRepo();
    const base = git(dir, 'rev-parse', 'HEAD').trim();
    const g = createGit(dir);
    const snap = await g.snapshot(live, 's', 'wave-1-post');
    expect(
      git(dir, 'ls-tree', '-r', '--name-only', snap.sha as string)
        .trim()
        .split('\n'),
    ).toEqual(['.gitignore', 'a.txt', 'src/new.ts']);
    expect(await g.inspect(live, base, base)).toEqual({
      changed: ['a.txt', 'src/new.ts'],
      sinceBase: ['a.txt', 'src/new.ts'],
    });
  });

  it('given the same repository, when the coordinator auto-commits, then it commits the agent’s files only', async () => {
    const dir = ignoringRepo();
    const g = createGit(dir);
    const made = await g.autoCommit(live, 'wave 1');
    expect(made).not.toBeNull();
    expect(git(dir, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n')).toEqual([
      'a.txt',
      'src/new.ts',
    ]);
  });

  it('given an agent’s worktree in that repository, when its work is committed, then the commit holds its files', async () => {
    const dir = ignoringRepo();
    const base = git(dir, 'rev-parse', 'HEAD').trim();
    const outcome = await commitAgentWork(live, dir, base, {
      message: 'agent work',
      identity: ['user.name=wave', 'user.email=wave@localhost'],
    });
    expect(outcome).toBeDefined();
    expect(git(dir, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n')).toEqual([
      'a.txt',
      'src/new.ts',
    ]);
  });

  it('given the index locked by another git, when added, then the failure is reported with git’s message', async () => {
    const dir = ignoringRepo();
    writeIn(dir, '.git/index.lock', '');
    await expect(addAllButOwn(live, dir)).rejects.toThrow(
      /git add --all .* exited 128: .*index\.lock/s,
    );
  });
});
