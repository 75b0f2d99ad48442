/**
 * The git port: one repository as the coordinator sees it ({@link GitActor}) and the values its
 * operations return. Implemented by `src/actors/git.ts`; re-exported from `src/ports.ts`, where
 * every other port lives.
 */

/** Options of {@link GitActor.isClean}. */
export interface CleanOptions {
  /** Extra paths to ignore besides the project's own files (`dir/` prefixes or exact files). */
  readonly ignore?: readonly string[];
}

/** A commit made by someone else than the coordinator (an agent), as `git log` shows it. */
export interface CommitInfo {
  readonly sha: string;
  /** `Name <email>` of the author. */
  readonly author: string;
  readonly subject: string;
}

/** Outcome of {@link GitActor.snapshot}. */
export interface GitSnapshot {
  /** HEAD when the snapshot was taken (null when unborn): the base of the wave. */
  readonly head: string | null;
  /** The ref written, or null when the working tree equals HEAD (nothing to save). */
  readonly ref: string | null;
  /** The snapshot commit (its tree is the working tree's content, its parent HEAD), or null. */
  readonly sha: string | null;
}

/** Outcome of {@link GitActor.autoCommit} when something was committed. */
export interface AutoCommit {
  readonly sha: string;
  /** Repository-relative paths the commit changed, sorted. */
  readonly files: string[];
}

/** Outcome of {@link GitActor.inspect}: repository-relative paths, sorted, own files left out. */
export interface WorkingTreeChanges {
  /** Files whose content in the working tree differs from the tree of `since`. */
  readonly changed: string[];
  /** Files whose content differs from the tree of `base`, when a base was given. */
  readonly sinceBase?: string[];
}

/**
 * One repository as the coordinator sees it. Every operation takes a signal: aborting it kills
 * the git process it runs and rejects the call. Git runs with a minimal environment (no ambient
 * `GIT_*`, `EDITOR` or `PAGER`). Only the coordinator writes: agents never commit through it.
 */
export interface GitActor {
  /** True when the directory exists and lies inside a git work tree. */
  isRepo(signal: AbortSignal): Promise<boolean>;
  /** Absolute path of the work tree's top level. */
  root(signal: AbortSignal): Promise<string>;
  /** Commit sha of HEAD, or null in a repository without commits. */
  head(signal: AbortSignal): Promise<string | null>;
  /** Current branch name (also for an unborn branch), or null when HEAD is detached. */
  branch(signal: AbortSignal): Promise<string | null>;
  /** True when nothing but the project's own (and `ignore`d) files is modified, staged or untracked. */
  isClean(signal: AbortSignal, options?: CleanOptions): Promise<boolean>;
  /**
   * Files changed since `sinceRef` (default HEAD): the union of `git diff --name-only <ref>` and
   * `git status` (staged, unstaged, untracked), sorted, without the project's own files. In a
   * repository without commits and no ref given, only `git status` counts.
   */
  changedFiles(signal: AbortSignal, sinceRef?: string): Promise<string[]>;
  /**
   * Saves the working tree's content (tracked, modified and untracked files; not ignored files,
   * not the project's own files) as a commit under `refs/wave/<session>/<label>`, through a
   * temporary index: the working tree, the index and HEAD are left as they were. Nothing is
   * written when the content equals HEAD.
   */
  snapshot(signal: AbortSignal, session: string, label: string): Promise<GitSnapshot>;
  /**
   * Commits every change but the project's own files on the current branch (hooks skipped), or
   * returns null when there is nothing to commit. Changes already staged in the project's own
   * files stay staged and uncommitted. With `paths`, only those paths are staged and committed
   * (a wave's own changes: the user's other uncommitted work stays as it was).
   */
  autoCommit(
    signal: AbortSignal,
    message: string,
    paths?: readonly string[],
  ): Promise<AutoCommit | null>;
  /**
   * Files whose content in the working tree (tracked, modified and untracked; not ignored files,
   * not the project's own files) differs from the tree of `base` (a commit or tree sha), sorted:
   * exactly what changed since a snapshot. Index, working tree and HEAD are left as they were.
   */
  changedSince(signal: AbortSignal, base: string): Promise<string[]>;
  /**
   * A wave's inspection in one pass over the working tree: its content (tracked, modified and
   * untracked files; not ignored files, not the project's own files) is written once as a tree
   * through a temporary index and compared with the tree of `since` (a commit or tree sha; null:
   * the empty tree, a session that began without commits) and, when given, of `base`. Unlike
   * {@link changedFiles}, a file is changed only when its content differs from `since`: one
   * changed in a commit after `since` and changed back in the working tree is not listed, and
   * neither is a change only staged (the index differs, the file does not). Index, working tree
   * and HEAD are left as they were.
   */
  inspect(signal: AbortSignal, since: string | null, base?: string): Promise<WorkingTreeChanges>;
  /** Commits reachable from `head` (default HEAD) but not from `base`, newest first. */
  commitsSince(signal: AbortSignal, base: string, head?: string): Promise<CommitInfo[]>;
}
