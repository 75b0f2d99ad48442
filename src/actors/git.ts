/**
 * Git actor: what the runtime asks of and does to a repository (preconditions of `wave run`,
 * grounding of a wave's changed files, the coordinator's snapshots, auto-commits and the commits
 * agents made). Every call goes through `gitExec` with a minimal environment (see `git-exec.ts`);
 * paths are always repository-relative and `/`-separated, and the project's own files are never
 * reported nor committed. Each call runs under its caller's `AbortSignal`: aborting kills the git
 * process and rejects with the signal's reason.
 */
import { existsSync } from 'node:fs';
import type { CommitInfo, GitActor } from '../ports.js';
import { gitExec } from './git-exec.js';
import { matchesPathList, OWN_PATHS } from './git-own-files.js';
import { EMPTY_TREE } from '../domain/git.intents.js';
import {
  addAllButOwn,
  ALL_BUT_OWN,
  commitTree,
  diffTrees,
  headOf,
  identityConfig,
  indexPathOf,
  refComponent,
  workingTreeCommit,
} from './git-tree.js';

/**
 * Parses `git status --porcelain=v1 -z --no-renames` output into repository-relative paths.
 * Exported for tests.
 */
export function parsePorcelainZ(raw: string): string[] {
  const paths: string[] = [];
  for (const entry of raw.split('\0')) {
    // Each entry is `XY <path>`; with --no-renames there are no second (origin) paths.
    if (entry.length > 3) paths.push(entry.slice(3));
  }
  return paths;
}

const splitZ = (raw: string): string[] => raw.split('\0').filter((p) => p.length > 0);

/** Parses `git log -z --format=%H%x1f%an <%ae>%x1f%s` output. Exported for tests. */
export function parseCommitLog(raw: string): CommitInfo[] {
  return splitZ(raw.replace(/^\n+/, '')).map((entry) => {
    const [sha = '', author = '', subject = ''] = entry.replace(/^\n/, '').split('\x1f');
    return { sha, author, subject };
  });
}

/** Creates the git actor for the repository (or a directory inside it) at `repo`. */
export function createGit(repo: string): GitActor {
  const raw = async (signal: AbortSignal, args: string[], okExitCodes?: number[]) =>
    (await gitExec(signal, args, { cwd: repo, ...(okExitCodes ? { okExitCodes } : {}) })).stdout;

  const status = async (signal: AbortSignal): Promise<string[]> =>
    parsePorcelainZ(
      await raw(signal, [
        'status',
        '--porcelain=v1',
        '-z',
        '--no-renames',
        '--untracked-files=all',
      ]),
    );

  const head = (signal: AbortSignal): Promise<string | null> => headOf(signal, repo);

  let identity: Promise<string[]> | undefined;
  const identityOf = (signal: AbortSignal) =>
    (identity ??= identityConfig(signal, repo).catch((error: unknown) => {
      identity = undefined; // an aborted or failed look-up is asked again next time
      throw error;
    }));

  // The index path of the work tree never changes; a failed look-up is asked again next time.
  let indexPath: Promise<string> | undefined;
  const indexOf = (signal: AbortSignal) =>
    (indexPath ??= indexPathOf(signal, repo).catch((error: unknown) => {
      indexPath = undefined;
      throw error;
    }));
  // The tree of a commit never changes: HEAD's, asked once per wave, is mostly the same commit.
  // A snapshot's tree is remembered when it is written (the wave's inspection compares with it).
  const trees = new Map<string, string>([[EMPTY_TREE, EMPTY_TREE]]);
  const treeOf = async (signal: AbortSignal, commit: string): Promise<string> => {
    const known = trees.get(commit);
    if (known !== undefined) return known;
    const tree = (await raw(signal, ['rev-parse', `${commit}^{tree}`])).trim();
    trees.set(commit, tree);
    return tree;
  };

  /** The working tree's content as a tree (through a temporary index; nothing else is touched). */
  const worktreeTree = async (signal: AbortSignal): Promise<string> =>
    (
      await workingTreeCommit(signal, repo, {
        parent: null,
        message: '',
        identity: [],
        indexPath: await indexOf(signal),
        treeOnly: true,
      })
    ).tree;

  return {
    async isRepo(signal) {
      signal.throwIfAborted();
      if (!existsSync(repo)) return false;
      const out = await raw(signal, ['rev-parse', '--is-inside-work-tree'], [0, 128]);
      return out.trim() === 'true';
    },
    async root(signal) {
      return (await raw(signal, ['rev-parse', '--show-toplevel'])).trim();
    },
    head,
    async branch(signal) {
      const name = (
        await raw(signal, ['symbolic-ref', '--short', '--quiet', 'HEAD'], [0, 1])
      ).trim();
      return name === '' ? null : name;
    },
    async isClean(signal, options = {}) {
      const ignore = [...OWN_PATHS, ...(options.ignore ?? [])];
      return (await status(signal)).every((path) => matchesPathList(path, ignore));
    },
    async changedFiles(signal, sinceRef) {
      const ref = sinceRef ?? (await head(signal));
      // Both read-only questions at once (each git refreshes the index only when it can lock it).
      const [changed, diff] = await Promise.all([
        status(signal),
        ref === null ? '' : raw(signal, ['diff', '--name-only', '-z', '--no-renames', ref, '--']),
      ]);
      const files = new Set(changed);
      for (const path of splitZ(diff)) files.add(path);
      return [...files].filter((path) => !matchesPathList(path, OWN_PATHS)).sort();
    },
    async snapshot(signal, session, label) {
      // HEAD and its tree are asked while the working tree is written (they are independent).
      const [parent, tree, identity] = await Promise.all([
        head(signal),
        worktreeTree(signal),
        identityOf(signal),
      ]);
      const parentTree = parent === null ? null : await treeOf(signal, parent);
      if (parentTree === tree || (parent === null && tree === EMPTY_TREE)) {
        return { head: parent, ref: null, sha: null };
      }
      const made = await commitTree(signal, repo, {
        tree,
        parent,
        message: `wave ${session}: snapshot ${label}`,
        identity,
      });
      trees.set(made, tree);
      const ref = `refs/wave/${refComponent(session)}/${refComponent(label)}`;
      await raw(signal, ['update-ref', ref, made]);
      return { head: parent, ref, sha: made };
    },
    async autoCommit(signal, message, paths) {
      const scope =
        paths === undefined
          ? ALL_BUT_OWN
          : paths.filter((p) => !matchesPathList(p, OWN_PATHS)).map((p) => `:(literal)${p}`);
      if (scope.length === 0) return null;
      if (paths === undefined) await addAllButOwn(signal, repo);
      else await raw(signal, ['add', '--all', '--', ...scope]);
      // `diff --cached --quiet` exits 1 when something is staged; committing nothing would
      // otherwise disturb the index of the own files.
      const staged = await gitExec(
        signal,
        ['diff', '--cached', '--quiet', '--no-renames', '--', ...scope],
        { cwd: repo, okExitCodes: [0, 1] },
      );
      if (staged.exitCode === 0) return null;
      await gitExec(
        signal,
        ['commit', '--no-verify', '--quiet', '--no-edit', '-m', message, '--', ...scope],
        { cwd: repo, config: await identityOf(signal) },
      );
      const sha = (await head(signal)) as string;
      const files = await raw(signal, [
        'diff-tree',
        '--no-commit-id',
        '--name-only',
        '--no-renames',
        '-r',
        '-z',
        '--root',
        sha,
      ]);
      return { sha, files: splitZ(files).sort() };
    },
    async changedSince(signal, base) {
      // One pair: `diff-tree` takes the commit (or tree) `base` as it is.
      const [changed = []] = await diffTrees(signal, repo, [base], await worktreeTree(signal));
      return changed;
    },
    async inspect(signal, since, base) {
      const [tree, sinceTree, baseTree] = await Promise.all([
        worktreeTree(signal),
        treeOf(signal, since ?? EMPTY_TREE),
        base === undefined ? undefined : treeOf(signal, base),
      ]);
      const from = baseTree === undefined ? [sinceTree] : [sinceTree, baseTree];
      const [changed = [], sinceBase = changed] = await diffTrees(signal, repo, from, tree);
      return base === undefined ? { changed } : { changed, sinceBase };
    },
    async commitsSince(signal, base, until = 'HEAD') {
      const out = await raw(signal, [
        'log',
        '-z',
        '--format=%H%x1f%an <%ae>%x1f%s',
        `${base}..${until}`,
        '--',
      ]);
      return parseCommitLog(out);
    },
  };
}
