/**
 * The project's own files in a repository: they never count as uncommitted changes of the user
 * (plan-and-cli.md: `.orchestrator/`, `<sd>/STATE.md`, `<sd>/wave-scope.json`).
 */
import { tmpSiblingPid } from '../domain/tmp-sibling.js';

/** State directories of the supported platforms. */
const STATE_DIRS = ['.claude', '.codex', '.cursor', '.pi'] as const;

/**
 * Repository-relative paths owned by wave-executor. An entry ending in `/` is a directory prefix,
 * any other entry an exact file (its writer's temporary sibling, left by a crash, included).
 */
export const OWN_PATHS: readonly string[] = [
  '.orchestrator/',
  ...STATE_DIRS.flatMap((sd) => [`${sd}/STATE.md`, `${sd}/wave-scope.json`]),
];

/** True when `path` (repo-relative, `/`-separated) matches an entry of `patterns` (see {@link OWN_PATHS}). */
export function matchesPathList(path: string, patterns: readonly string[]): boolean {
  for (const pattern of patterns) {
    if (
      pattern.endsWith('/')
        ? path.startsWith(pattern) || path === pattern.slice(0, -1)
        : path === pattern || tmpSiblingPid(path, pattern) !== null
    ) {
      return true;
    }
  }
  return false;
}

/** True when `path` is one of the project's own files. */
export function isOwnPath(path: string): boolean {
  return matchesPathList(path, OWN_PATHS);
}
