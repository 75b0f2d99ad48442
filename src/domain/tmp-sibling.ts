/**
 * The name of the temporary file the projection writer renames over a projection file:
 * `.<name>.<pid>.<n>.tmp` in the same directory. A process killed between the write and the
 * rename leaves one behind; knowing the name lets git inspection ignore it (it is ours, not the
 * user's change) and the next writer sweep it.
 */

const SIBLING = /^\.(.+)\.(\d+)\.(\d+)\.tmp$/;

/** The temporary sibling of `file` (a `/`-separated path) for write number `n` of process `pid`. */
export function tmpSiblingOf(file: string, pid: number, n: number): string {
  const cut = file.lastIndexOf('/') + 1;
  return `${file.slice(0, cut)}.${file.slice(cut)}.${pid}.${n}.tmp`;
}

/** A git glob pathspec (`*` within one path component) matching every temporary sibling of `file`. */
export function tmpSiblingGlob(file: string): string {
  const cut = file.lastIndexOf('/') + 1;
  return `${file.slice(0, cut)}.${file.slice(cut)}.*.tmp`;
}

/**
 * The writer's pid when `candidate` is a temporary sibling of `file` (both `/`-separated and
 * relative to the same root), `null` otherwise.
 */
export function tmpSiblingPid(candidate: string, file: string): number | null {
  const cut = file.lastIndexOf('/') + 1;
  if (candidate.lastIndexOf('/') + 1 !== cut || !candidate.startsWith(file.slice(0, cut))) {
    return null;
  }
  const m = SIBLING.exec(candidate.slice(cut));
  return m && m[1] === file.slice(cut) ? Number(m[2]) : null;
}
