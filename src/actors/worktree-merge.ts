/**
 * Merge-back of one agent's worktree into the main working tree (reference §F2), without ever
 * overwriting anything silently:
 *
 * 1. in the agent's worktree, the coordinator commits what the agent left (all but the project's
 *    own files) on the agent's branch, and lists the commits the agent made itself;
 * 2. the main working tree's current content (its uncommitted changes and untracked files
 *    included) is written as a commit through a temporary index, and `git merge-tree` merges the
 *    agent's branch into it in memory: the working tree is not touched yet;
 * 3. on a conflict nothing is written: the conflicted files are reported and the branch stays as
 *    a ref; else exactly the files the merge changed are written into the working tree (the
 *    index and HEAD stay as they were: merged changes are uncommitted, as in a shared-directory
 *    wave).
 */
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommitInfo } from '../ports.js';
import { parseCommitLog } from './git.js';
import { gitExec } from './git-exec.js';
import { isOwnPath } from './git-own-files.js';
import { addAllButOwn, ALL_BUT_OWN, workingTreeCommit } from './git-tree.js';

const splitZ = (raw: string): string[] => raw.split('\0').filter((p) => p.length > 0);

/** What the coordinator found and did in an agent's worktree. */
export interface AgentCommitOutcome {
  /** The coordinator's commit of the agent's uncommitted changes, or null when there were none. */
  readonly commit: string | null;
  /** Commits the agent made itself since the base, newest first. */
  readonly agentCommits: CommitInfo[];
}

/**
 * Commits the agent's uncommitted changes in its worktree on its branch (hooks skipped, the
 * project's own files left out) and lists the commits the agent made itself since `base`.
 */
export async function commitAgentWork(
  signal: AbortSignal,
  worktree: string,
  base: string,
  options: { message: string; identity: readonly string[] },
): Promise<AgentCommitOutcome> {
  await addAllButOwn(signal, worktree);
  // Exit 1: nothing to commit (the agent changed nothing, or committed everything itself).
  const made = await gitExec(
    signal,
    ['commit', '--no-verify', '--quiet', '-m', options.message, '--', ...ALL_BUT_OWN],
    { cwd: worktree, config: options.identity, okExitCodes: [0, 1] },
  );
  const log = await gitExec(
    signal,
    ['log', '-z', '--format=%H%x1f%an <%ae>%x1f%s', `${base}..HEAD`, '--'],
    { cwd: worktree },
  );
  const commits = parseCommitLog(log.stdout);
  if (made.exitCode !== 0) return { commit: null, agentCommits: commits };
  const [own, ...agentCommits] = commits;
  return { commit: own?.sha ?? null, agentCommits };
}

/** Outcome of {@link mergeIntoWorkingTree}. */
export type WorkingTreeMerge =
  | { readonly kind: 'merged'; readonly files: string[] }
  | { readonly kind: 'conflicted'; readonly files: string[] };

/** What {@link mergeIntoWorkingTree} needs about the main working tree. */
export interface MainTree {
  readonly repo: string;
  /** HEAD of the main working tree (the merged changes stay uncommitted on top of it). */
  readonly head: string;
  readonly indexPath: string;
  readonly identity: readonly string[];
}

/**
 * Merges `branch` into the main working tree's current content. A conflict writes nothing and
 * returns the conflicted files; a clean merge writes the changed files (and deletes the deleted
 * ones) and returns them, sorted.
 */
export async function mergeIntoWorkingTree(
  signal: AbortSignal,
  main: MainTree,
  branch: string,
  message: string,
): Promise<WorkingTreeMerge> {
  const cwd = main.repo;
  const ours = await workingTreeCommit(signal, cwd, {
    parent: main.head,
    message,
    identity: main.identity,
    indexPath: main.indexPath,
  });
  const merged = await gitExec(
    signal,
    [
      'merge-tree',
      '--write-tree',
      '--name-only',
      '--no-messages',
      '-z',
      ours.commit as string,
      branch,
    ],
    { cwd, okExitCodes: [0, 1] },
  );
  const [tree = '', ...conflicted] = merged.stdout.split('\0');
  if (merged.exitCode === 1) {
    return { kind: 'conflicted', files: [...new Set(conflicted.filter((f) => f !== ''))].sort() };
  }
  const diff = await gitExec(
    signal,
    ['diff-tree', '-r', '-z', '--name-status', '--no-renames', ours.tree, tree.trim()],
    { cwd },
  );
  const fields = splitZ(diff.stdout);
  const written: string[] = [];
  const deleted: string[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const status = fields[i] as string;
    const path = fields[i + 1] as string;
    if (isOwnPath(path)) continue;
    if (status === 'D') deleted.push(path);
    else written.push(path);
  }
  if (written.length > 0) await restorePaths(signal, cwd, tree.trim(), written);
  for (const path of deleted) unlinkSync(join(cwd, path));
  return { kind: 'merged', files: [...written, ...deleted].sort() };
}

/** Writes `paths` of `tree` into the working tree only (index untouched), paths taken literally. */
async function restorePaths(
  signal: AbortSignal,
  cwd: string,
  tree: string,
  paths: readonly string[],
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wave-paths-'));
  try {
    const list = join(dir, 'paths');
    writeFileSync(list, paths.map((p) => `${p}\0`).join(''));
    await gitExec(
      signal,
      [
        '--literal-pathspecs',
        'restore',
        `--source=${tree}`,
        '--worktree',
        `--pathspec-from-file=${list}`,
        '--pathspec-file-nul',
      ],
      { cwd },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
