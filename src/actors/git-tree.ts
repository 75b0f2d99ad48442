/**
 * Git plumbing shared by the git actor and the worktree manager: the commit of a working tree's
 * current content (tracked, modified and untracked files, without ignored files and without the
 * project's own files) built through a temporary index, so the real index and the working tree are
 * never touched; the coordinator's commit identity; HEAD.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gitExec } from './git-exec.js';
import { OWN_PATHS } from './git-own-files.js';
import { EMPTY_TREE } from '../domain/git.intents.js';
import { tmpSiblingGlob } from '../domain/tmp-sibling.js';

/**
 * Pathspec of every file of the work tree except the project's own files and the projection
 * writer's temporary siblings of them: one renamed away while `git add` runs would otherwise fail
 * it ("unable to stat").
 */
export const ALL_BUT_OWN: readonly string[] = [
  ':/',
  ...OWN_PATHS.map((p) => `:(top,exclude)${p.endsWith('/') ? p.slice(0, -1) : p}`),
  ...OWN_PATHS.filter((p) => !p.endsWith('/')).map(
    (p) => `:(top,exclude,glob)${tmpSiblingGlob(p)}`,
  ),
];

/** Name and email the coordinator commits with when the repository configures none. */
export const FALLBACK_IDENTITY = { name: 'wave-executor', email: 'wave-executor@localhost' };

/** Commit sha of HEAD in `cwd`, or null when HEAD is unborn. */
export async function headOf(signal: AbortSignal, cwd: string): Promise<string | null> {
  const { stdout } = await gitExec(signal, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], {
    cwd,
    okExitCodes: [0, 1],
  });
  const sha = stdout.trim();
  return sha === '' ? null : sha;
}

/**
 * `-c` settings giving the coordinator's commits an identity: none when the repository (or the
 * user's global config) has one, else {@link FALLBACK_IDENTITY}.
 */
export async function identityConfig(signal: AbortSignal, cwd: string): Promise<string[]> {
  const { stdout } = await gitExec(signal, ['config', '--get', 'user.email'], {
    cwd,
    okExitCodes: [0, 1],
  });
  if (stdout.trim() !== '') return [];
  return [`user.name=${FALLBACK_IDENTITY.name}`, `user.email=${FALLBACK_IDENTITY.email}`];
}

/** Options of {@link workingTreeCommit}. */
export interface WorkingTreeCommitOptions {
  /** Parent commit (HEAD), or null for a root commit. */
  readonly parent: string | null;
  readonly message: string;
  /** From {@link identityConfig}. */
  readonly identity: readonly string[];
  /** Absolute path of the work tree's real index (see {@link indexPathOf}). */
  readonly indexPath: string;
  /** Skip the commit when the content equals the parent's tree (then `commit` is null). */
  readonly skipWhenUnchanged?: boolean;
  /** The parent's tree when the caller knows it (else it is looked up for skipWhenUnchanged). */
  readonly parentTree?: string | null;
  /** Only write the tree (then `commit` is null): for comparing the working tree with a commit. */
  readonly treeOnly?: boolean;
}

/** Absolute path of the index file of the work tree at `cwd`. */
export async function indexPathOf(signal: AbortSignal, cwd: string): Promise<string> {
  const { stdout } = await gitExec(signal, ['rev-parse', '--git-path', 'index'], { cwd });
  return resolve(cwd, stdout.trim());
}

/**
 * Writes a commit object of the work tree's current content (tracked and untracked files,
 * ignored and own files left out) without touching the working tree, the real index or any ref.
 * The real index is copied to a temporary file first so `git add` only re-reads changed files.
 */
export async function workingTreeCommit(
  signal: AbortSignal,
  cwd: string,
  options: WorkingTreeCommitOptions,
): Promise<{ tree: string; commit: string | null }> {
  const dir = mkdtempSync(join(tmpdir(), 'wave-index-'));
  try {
    const index = join(dir, 'index');
    if (existsSync(options.indexPath)) {
      copyFileSync(options.indexPath, index);
      // Keep the index's mtime: git tells a racily clean entry (file changed in the second the
      // index was written) by comparing with it; a copy stamped now would hide such a change.
      const { atime, mtime } = statSync(options.indexPath);
      utimesSync(index, atime, mtime);
    }
    const env = { GIT_INDEX_FILE: index };
    await gitExec(signal, ['add', '--all', '--', ...ALL_BUT_OWN], { cwd, env });
    const tree = (await gitExec(signal, ['write-tree'], { cwd, env })).stdout.trim();
    if (options.treeOnly === true) return { tree, commit: null };
    if (options.skipWhenUnchanged === true) {
      const parentTree =
        options.parent === null
          ? null
          : (options.parentTree ??
            (
              await gitExec(signal, ['rev-parse', `${options.parent}^{tree}`], { cwd })
            ).stdout.trim());
      if (parentTree === tree || (parentTree === null && tree === EMPTY_TREE)) {
        return { tree, commit: null };
      }
    }
    const parents = options.parent === null ? [] : ['-p', options.parent];
    const commit = (
      await gitExec(signal, ['commit-tree', tree, ...parents, '-m', options.message], {
        cwd,
        config: options.identity,
      })
    ).stdout.trim();
    return { tree, commit };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Makes `name` safe as one component of a ref name (`[A-Za-z0-9._-]`, no leading dot). */
export function refComponent(name: string): string {
  const safe = name
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\.+/, '_')
    .replace(/\.lock$/, '_lock');
  return safe.replace(/\.\.+/g, '_') || '_';
}
