/**
 * Git actor: the few read-only questions the runtime asks a repository (preconditions of
 * `wave run`, grounding of a wave's changed files). Backed by simple-git; paths are always
 * repository-relative and `/`-separated, and the project's own files are never reported.
 */
import { existsSync } from 'node:fs';
import { simpleGit, type SimpleGit } from 'simple-git';
import { matchesPathList, OWN_PATHS } from './git-own-files.js';

/** Options of {@link GitActor.isClean}. */
export interface CleanOptions {
  /** Extra paths to ignore besides the project's own files (`dir/` prefixes or exact files). */
  readonly ignore?: readonly string[];
}

/** Read-only view of one repository. */
export interface GitActor {
  /** True when the directory exists and lies inside a git work tree. */
  isRepo(): Promise<boolean>;
  /** Absolute path of the work tree's top level. */
  root(): Promise<string>;
  /** Commit sha of HEAD, or null in a repository without commits. */
  head(): Promise<string | null>;
  /** Current branch name (also for an unborn branch), or null when HEAD is detached. */
  branch(): Promise<string | null>;
  /** True when nothing but the project's own (and `ignore`d) files is modified, staged or untracked. */
  isClean(options?: CleanOptions): Promise<boolean>;
  /**
   * Files changed since `sinceRef` (default HEAD): the union of `git diff --name-only <ref>` and
   * `git status` (staged, unstaged, untracked), sorted, without the project's own files. In a
   * repository without commits and no ref given, only `git status` counts.
   */
  changedFiles(sinceRef?: string): Promise<string[]>;
}

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

/** Creates the git actor for the repository (or a directory inside it) at `repo`. */
export function createGit(repo: string): GitActor {
  let client: SimpleGit | undefined;
  const git = (): SimpleGit => (client ??= simpleGit({ baseDir: repo, binary: 'git' }));

  const status = async (): Promise<string[]> =>
    parsePorcelainZ(
      await git().raw(['status', '--porcelain=v1', '-z', '--no-renames', '--untracked-files=all']),
    );

  const head = async (): Promise<string | null> => {
    // --quiet: exits 1 without output when HEAD is unborn; simple-git then resolves ''.
    const sha = (await git().raw(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).trim();
    return sha === '' ? null : sha;
  };

  return {
    async isRepo() {
      if (!existsSync(repo)) return false;
      return git().checkIsRepo();
    },
    async root() {
      return (await git().raw(['rev-parse', '--show-toplevel'])).trim();
    },
    head,
    async branch() {
      const name = (await git().raw(['symbolic-ref', '--short', '--quiet', 'HEAD'])).trim();
      return name === '' ? null : name;
    },
    async isClean(options = {}) {
      const ignore = [...OWN_PATHS, ...(options.ignore ?? [])];
      return (await status()).every((path) => matchesPathList(path, ignore));
    },
    async changedFiles(sinceRef) {
      const ref = sinceRef ?? (await head());
      const files = new Set(await status());
      if (ref !== null) {
        const diff = await git().raw(['diff', '--name-only', '-z', '--no-renames', ref, '--']);
        for (const path of splitZ(diff)) files.add(path);
      }
      return [...files].filter((path) => !matchesPathList(path, OWN_PATHS)).sort();
    },
  };
}
