/**
 * Git actor: the few read-only questions the runtime asks a repository (preconditions of
 * `wave run`, grounding of a wave's changed files). Backed by simple-git; paths are always
 * repository-relative and `/`-separated, and the project's own files are never reported. Each
 * question runs under its caller's `AbortSignal`: aborting kills the git process and rejects with
 * the signal's reason.
 */
import { existsSync } from 'node:fs';
import { simpleGit, type SimpleGit } from 'simple-git';
import type { GitActor } from '../ports.js';
import { matchesPathList, OWN_PATHS } from './git-own-files.js';

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
  /** Asks git under `signal`; an abort kills the process and rejects with the signal's reason. */
  const ask = async <T>(signal: AbortSignal, run: (git: SimpleGit) => Promise<T>): Promise<T> => {
    signal.throwIfAborted();
    try {
      return await run(simpleGit({ baseDir: repo, binary: 'git', abort: signal }));
    } catch (error) {
      signal.throwIfAborted();
      throw error;
    }
  };
  const raw = (signal: AbortSignal, args: string[]): Promise<string> =>
    ask(signal, (git) => git.raw(args));

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

  const head = async (signal: AbortSignal): Promise<string | null> => {
    // --quiet: exits 1 without output when HEAD is unborn; simple-git then resolves ''.
    const sha = (await raw(signal, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).trim();
    return sha === '' ? null : sha;
  };

  return {
    async isRepo(signal) {
      signal.throwIfAborted();
      if (!existsSync(repo)) return false;
      return ask(signal, (git) => git.checkIsRepo());
    },
    async root(signal) {
      return (await raw(signal, ['rev-parse', '--show-toplevel'])).trim();
    },
    head,
    async branch(signal) {
      const name = (await raw(signal, ['symbolic-ref', '--short', '--quiet', 'HEAD'])).trim();
      return name === '' ? null : name;
    },
    async isClean(signal, options = {}) {
      const ignore = [...OWN_PATHS, ...(options.ignore ?? [])];
      return (await status(signal)).every((path) => matchesPathList(path, ignore));
    },
    async changedFiles(signal, sinceRef) {
      const ref = sinceRef ?? (await head(signal));
      const files = new Set(await status(signal));
      if (ref !== null) {
        const diff = await raw(signal, ['diff', '--name-only', '-z', '--no-renames', ref, '--']);
        for (const path of splitZ(diff)) files.add(path);
      }
      return [...files].filter((path) => !matchesPathList(path, OWN_PATHS)).sort();
    },
  };
}
