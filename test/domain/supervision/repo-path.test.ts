/**
 * Paths made repository-relative: given every kind of path a tool input holds (relative, absolute
 * under the repository and outside it, with `.`/`..` segments, doubled and trailing slashes), when
 * made relative with and without a working directory, then the fast paths answer exactly what
 * the general rule (`path.relative` / `path.normalize`) does.
 */
import { describe, expect, it } from 'vitest';
import {
  repoRelativeByRule as general,
  toRepoRelative,
} from '../../../src/domain/supervision/repo-path.js';

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
