/**
 * The working tree as a git tree object, without touching the index, HEAD or any ref: a temporary
 * index starts from HEAD, takes every file git would add (`add -A`, .gitignore respected) and is
 * written as a tree. Two snapshots compare with `git diff --name-only <a> <b>`; the gate runner
 * uses this for "the files changed since the last green gate" (agents never commit, so HEAD
 * alone cannot tell). Every call takes an AbortSignal.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isOwnPath } from './git-own-files.js';

function git(
  repo: string,
  args: readonly string[],
  signal: AbortSignal,
  env?: NodeJS.ProcessEnv,
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd: repo, signal, env: env ?? process.env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`git ${args.join(' ')}: ${stderr.trim() || error.message}`));
        else resolve(stdout);
      },
    );
  });
}

/** The id of a tree holding the working tree as it is now (tracked and untracked files). */
export async function snapshotTree(repo: string, signal: AbortSignal): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'wave-tree-'));
  try {
    const env = { ...process.env, GIT_INDEX_FILE: join(dir, 'index') };
    const head = await git(repo, ['rev-parse', '--verify', '--quiet', 'HEAD^{tree}'], signal).then(
      (out) => out.trim(),
      () => null, // an unborn branch: start from an empty index
    );
    if (head !== null) await git(repo, ['read-tree', head], signal, env);
    await git(repo, ['add', '-A', '--', '.', ':(exclude).orchestrator'], signal, env);
    return (await git(repo, ['write-tree'], signal, env)).trim();
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
