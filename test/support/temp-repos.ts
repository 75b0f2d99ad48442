/** Real temporary repositories for one test file, removed after each test. */
import { mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import { makeRepo } from './git-repo.js';

/** Writes `text` to `path` inside `dir`, creating its directories. */
export function writeIn(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/**
 * Registers the clean-up of the file's temporary directories; `repo` makes a repository with one
 * commit of `files` (its real path), `track` removes any other directory after the test.
 */
export function tempRepos(): {
  repo: (files: Record<string, string>) => string;
  track: (dir: string) => void;
} {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return {
    repo: (files) => {
      const dir = realpathSync(makeRepo(files));
      dirs.push(dir);
      return dir;
    },
    track: (dir) => void dirs.push(dir),
  };
}
