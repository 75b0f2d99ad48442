/**
 * Paths made repository-relative: given every kind of path a tool input holds (relative, absolute
 * under the repository and outside it, with `.`/`..` segments, doubled and trailing slashes), when
 * made relative with and without a working directory, then the fast paths answer exactly what
 * the general rule (`path.relative` / `path.normalize`) does.
 */
import { isAbsolute, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toRepoRelative } from '../../../src/domain/supervision/repo-path.js';

/** The general rule, without any fast path. */
function general(cwd: string | undefined, path: string): string | undefined {
  if (cwd === undefined && isAbsolute(path)) return normalize(path).split(sep).join('/');
  const rel = isAbsolute(path) ? relative(cwd ?? '', path) : normalize(path);
  const posix = rel.split(sep).join('/').replace(/^\.\//, '');
  if (posix === '' || posix === '.' || posix.startsWith('../') || posix === '..') return undefined;
  if (isAbsolute(posix)) return undefined;
  return posix;
}

const PATHS = [
  'src/a.ts',
  'src/dir/',
  'a',
  '.env',
  './src/a.ts',
  '../outside.ts',
  'src/../b.ts',
  'src//a.ts',
  'src/./a.ts',
  'src/.hidden/a.ts',
  '..',
  '.',
  '',
  '/work/repo/src/a.ts',
  '/work/repo/src/dir/',
  '/work/repo',
  '/work/repo/',
  '/work/repository/a.ts',
  '/work/repo/../x.ts',
  '/work/repo//a.ts',
  '/other/place.ts',
  '/',
  'src/a b/ü.ts',
];

describe('toRepoRelative', () => {
  for (const cwd of ['/work/repo', '/work/repo/', undefined]) {
    it(`given cwd ${String(cwd)}, when each path is made relative, then it equals the general rule`, () => {
      for (const path of PATHS)
        expect([path, toRepoRelative(cwd, path)]).toEqual([path, general(cwd, path)]);
    });
  }
});
