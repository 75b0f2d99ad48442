/** Paths in tool inputs: the main path argument, and paths made repository-relative. */
import { isAbsolute, normalize, relative, sep } from 'node:path';

const PATH_KEYS = ['file_path', 'notebook_path', 'absolute_path', 'path'];

/** The main path argument of a tool input, if any. */
export function primaryPath(input: Record<string, unknown>): string | undefined {
  for (let i = 0; i < PATH_KEYS.length; i += 1) {
    const value = input[PATH_KEYS[i] as string];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/** True when the path holds neither `/.` nor `//` (one pass, no allocation, no call). */
function plainPath(path: string): boolean {
  const last = path.length - 1;
  for (let i = 0; i < last; i += 1) {
    if (path.charCodeAt(i) !== 47) continue;
    const next = path.charCodeAt(i + 1);
    if (next === 46 || next === 47) return false;
  }
  return true;
}

/**
 * A path made relative to `cwd` with POSIX separators, or undefined when outside it. Without
 * `cwd`, relative paths are normalized and absolute ones kept.
 */
export function toRepoRelative(cwd: string | undefined, path: string): string | undefined {
  // Fast path: a plain absolute path under cwd (no `.`/`..` segments, no doubled or trailing slash).
  if (
    cwd !== undefined &&
    sep === '/' &&
    path.length > cwd.length + 1 &&
    path.charCodeAt(cwd.length) === 47 &&
    path.startsWith(cwd) &&
    plainPath(path) &&
    !cwd.endsWith('/') &&
    path.charCodeAt(path.length - 1) !== 47 // `relative` drops a trailing slash
  ) {
    return path.slice(cwd.length + 1);
  }
  // Fast path: a plain path that does not start with `.` is already what `normalize` returns (a
  // relative one stays repository-relative whatever `cwd` is; an absolute one is kept without cwd).
  if (sep === '/' && path.length > 0 && path.charCodeAt(0) !== 46 && plainPath(path)) {
    if (path.charCodeAt(0) !== 47) return path;
    if (cwd === undefined) return path;
  }
  return repoRelativeByRule(cwd, path);
}

/**
 * {@link toRepoRelative} by the general rule alone (`path.relative` / `path.normalize`), without
 * its fast paths: what they must always agree with.
 */
export function repoRelativeByRule(cwd: string | undefined, path: string): string | undefined {
  if (cwd === undefined && isAbsolute(path)) return normalize(path).split(sep).join('/');
  const rel = isAbsolute(path) ? relative(cwd ?? '', path) : normalize(path);
  const posix = rel.split(sep).join('/').replace(/^\.\//, '');
  if (posix === '' || posix === '.' || posix.startsWith('../') || posix === '..') return undefined;
  if (isAbsolute(posix)) return undefined;
  return posix;
}
