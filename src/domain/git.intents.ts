/**
 * What the machines ask of git, as data (the effects of worktree isolation and of the coordinator's
 * git work). The runtime runs them (`src/runtime/isolation-effects.ts`) and reports events; see
 * docs/runtime.md, "Worktree isolation", for which event completes which effect.
 */

/** The sha of git's empty tree (SHA-1 repositories): the base of a wave in an unborn repository. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/** Snapshot the working tree before a dispatch. Completed by `git.snapshot`. */
export interface GitSnapshotEffect {
  kind: 'git-snapshot';
  key: string;
  wave: number;
  /** Ref label, e.g. `wave-2-pre-dispatch`. */
  label: string;
}

/** Create one worktree per agent at the wave's base. Completed by `worktree.stale_base` or one
 * `worktree.created` / `worktree.failed` per agent. */
export interface WorktreeCreateEffect {
  kind: 'worktree-create';
  key: string;
  wave: number;
  /** The wave's base: its `git.snapshot` commit (HEAD and the uncommitted work), else HEAD. */
  base: string;
  /** HEAD when the base was taken: a HEAD that moved since is a stale base (default `base`). */
  head?: string;
  agentIds: string[];
}

/** Merge the agents back in this order, then remove their worktrees. Completed by one
 * `worktree.merged` / `worktree.conflicted` per agent, then one `worktree.removed` per agent. */
export interface WorktreeMergeEffect {
  kind: 'worktree-merge';
  key: string;
  wave: number;
  base: string;
  agentIds: string[];
}

/** Remove what a killed process left of the session's worktrees (resume), saving dirty ones.
 * Completed by one `worktree.removed` per leftover (none when nothing is left). */
export interface WorktreeCleanupEffect {
  kind: 'worktree-cleanup';
  key: string;
  /** Keep these agents' worktrees (they are re-dispatched into them). */
  keep: string[];
}

/** Commit the wave after a green gate (`auto-commit-per-wave`). Completed by `git.auto_committed`. */
export interface GitAutoCommitEffect {
  kind: 'git-auto-commit';
  key: string;
  wave: number;
  message: string;
  /** The wave's base (a tree or commit): only what changed since it is committed. */
  since?: string;
}

/** Put files of the wave back to its base. Completed by `wave.reverted`. */
export interface RevertFilesEffect {
  kind: 'revert-files';
  key: string;
  wave: number;
  /** The commit (or tree) the files go back to: the wave's pre-dispatch snapshot. */
  base: string;
  groups: Array<{ agentId: string | null; cause: 'scope' | 'spiral'; files: string[] }>;
}

/** Every git effect. */
export type IsolationEffect =
  | GitSnapshotEffect
  | WorktreeCreateEffect
  | WorktreeMergeEffect
  | WorktreeCleanupEffect
  | GitAutoCommitEffect
  | RevertFilesEffect;
