/**
 * The working tree as a git tree object, without touching the index, HEAD or any ref: a temporary
 * index starts from HEAD, takes every file git would add (`add -A`, .gitignore respected) and is
 * written as a tree. Two snapshots compare with `git diff --name-only <a> <b>`; the gate runner
 * uses this for "the files changed since the last green gate" (agents never commit, so HEAD
 * alone cannot tell). Every call takes an AbortSignal.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitExec } from './git-exec.js';
import { isOwnPath } from './git-own-files.js';

/** stdout of `git <args>` in `repo` (through {@link gitExec}: minimal environment, launcher). */
async function git(
  repo: string,
  args: readonly string[],
  signal: AbortSignal,
  index?: string,
): Promise<string> {
  const env = index === undefined ? {} : { env: { GIT_INDEX_FILE: index } };
  return (await gitExec(signal, args, { cwd: repo, ...env })).stdout;
}

/** The id of a tree holding the working tree as it is now (tracked and untracked files). */
export async function snapshotTree(repo: string, signal: AbortSignal): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'wave-tree-'));
  try {
    const index = join(dir, 'index');
    const found = await gitExec(signal, ['rev-parse', '--verify', '--quiet', 'HEAD^{tree}'], {
      cwd: repo,
      okExitCodes: [0, 1], // 1: an unborn branch, start from an empty index
    });
    const head = found.stdout.trim();
    if (head !== '') await git(repo, ['read-tree', head], signal, index);
    await git(repo, ['add', '-A', '--', '.', ':(exclude).orchestrator'], signal, index);
    return (await git(repo, ['write-tree'], signal, index)).trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Files that differ between two snapshots (sorted, without wave-executor's own files). */
export async function changedBetween(
  repo: string,
  from: string,
  to: string,
  signal: AbortSignal,
): Promise<string[]> {
  const out = await git(repo, ['diff', '--name-only', '-z', '--no-renames', from, to], signal);
  return out
    .split('\0')
    .filter((f) => f !== '' && !isOwnPath(f))
    .sort();
}
