/**
 * Worktree manager: one git worktree per agent of a wave (reference §F1/§F2, B9), created from the
 * wave's base commit on its own branch `wave/<session>/<agent>` under
 * `<repo>/.orchestrator/worktrees/<session>/<agent>` (the project's own directory: never reported
 * as a change, never committed). After the wave, merge-back one agent at a time in the order
 * given; a conflict writes nothing and leaves the agent's branch as a ref. Worktrees are removed
 * afterwards; a dirty one only once its content is saved under `refs/wave/<session>/saved/<agent>`.
 * After a `kill -9`, {@link findSessionWorktrees} lists what is left, to reuse or clean.
 *
 * Every operation takes an `AbortSignal`: aborting kills the running git process and rejects.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CommitInfo } from '../ports.js';
import { gitExec } from './git-exec.js';
import { parsePorcelainZ } from './git.js';
import { isOwnPath } from './git-own-files.js';
import {
  headOf,
  identityConfig,
  indexPathOf,
  refComponent,
  workingTreeCommit,
} from './git-tree.js';
import { commitAgentWork, mergeIntoWorkingTree } from './worktree-merge.js';

/** An agent's worktree. */
export interface AgentWorktree {
  readonly agentId: string;
  /** Absolute path of the worktree. */
  readonly path: string;
  /** Short branch name, `wave/<session>/<agent>`. */
  readonly branch: string;
}

/** A worktree of the session found on disk (see {@link findSessionWorktrees}). */
export interface FoundWorktree extends AgentWorktree {
  /** The worktree's HEAD commit. */
  readonly head: string;
  /** False when git still lists it but its directory is gone. */
  readonly present: boolean;
}

/** Outcome of merging one agent back. */
export type MergeBackOutcome = {
  readonly agentId: string;
  readonly branch: string;
  /** The coordinator's commit of the agent's uncommitted changes, or null. */
  readonly commit: string | null;
  /** Commits the agent made itself (agents must not commit: this is reported). */
  readonly agentCommits: CommitInfo[];
} & (
  | { readonly kind: 'merged'; readonly files: string[] }
  | {
      readonly kind: 'conflicted';
      readonly files: string[];
    }
);

/** Outcome of removing a worktree. */
export interface RemovedWorktree {
  readonly agentId: string;
  readonly path: string;
  /** Where its uncommitted content was saved before removal, or null when it was clean. */
  readonly savedRef: string | null;
  /** True when the agent's branch was deleted too. */
  readonly branchDeleted: boolean;
}

/** Options of {@link createWorktreeManager}. */
export interface WorktreeManagerOptions {
  /** The main working tree (its top level). */
  readonly repo: string;
  readonly session: string;
  /** Directory holding the session's worktrees (default `<repo>/.orchestrator/worktrees/<session>`). */
  readonly root?: string;
}

/** Branch prefix of a session's agent branches. */
function sessionBranchPrefix(session: string): string {
  return `wave/${refComponent(session)}/`;
}

/** Parses `git worktree list --porcelain -z` into its records. Exported for tests. */
export function parseWorktreeList(
  raw: string,
): { path: string; head: string; branch: string | null; prunable: boolean }[] {
  const out: { path: string; head: string; branch: string | null; prunable: boolean }[] = [];
  for (const record of raw.split('\0\0')) {
    const lines = record.split('\0').filter((l) => l !== '');
    const path = lines.find((l) => l.startsWith('worktree '))?.slice('worktree '.length);
    if (path === undefined) continue;
    const head = lines.find((l) => l.startsWith('HEAD '))?.slice('HEAD '.length) ?? '';
    const ref = lines.find((l) => l.startsWith('branch '))?.slice('branch '.length) ?? null;
    out.push({
      path,
      head,
      branch: ref === null ? null : ref.replace(/^refs\/heads\//, ''),
      prunable: lines.some((l) => l.startsWith('prunable')),
    });
  }
  return out;
}

/** Worktrees of `session` registered in the repository at `repo`, in branch order. */
export async function findSessionWorktrees(
  signal: AbortSignal,
  repo: string,
  session: string,
): Promise<FoundWorktree[]> {
  const prefix = sessionBranchPrefix(session);
  const { stdout } = await gitExec(signal, ['worktree', 'list', '--porcelain', '-z'], {
    cwd: repo,
  });
  return parseWorktreeList(stdout)
    .filter((w) => w.branch?.startsWith(prefix) === true)
    .map((w) => ({
      agentId: (w.branch as string).slice(prefix.length),
      path: w.path,
      branch: w.branch as string,
      head: w.head,
      present: !w.prunable && existsSync(w.path),
    }))
    .sort((a, b) => (a.branch < b.branch ? -1 : a.branch > b.branch ? 1 : 0));
}

/** Creates the worktree manager of one session in one repository. */
export function createWorktreeManager(options: WorktreeManagerOptions) {
  const repo = resolve(options.repo);
  const { session } = options;
  const root = options.root ?? join(repo, '.orchestrator', 'worktrees', refComponent(session));
  const branchOf = (agentId: string) => `${sessionBranchPrefix(session)}${refComponent(agentId)}`;
  const pathOf = (agentId: string) => join(root, refComponent(agentId));
  const worktreeOf = (agentId: string): AgentWorktree => ({
    agentId,
    path: pathOf(agentId),
    branch: branchOf(agentId),
  });

  let pruned = false;
  let identity: string[] | undefined;
  let indexPath: string | undefined;
  const identityOf = async (signal: AbortSignal) =>
    (identity ??= await identityConfig(signal, repo));
  const indexOf = async (signal: AbortSignal) => (indexPath ??= await indexPathOf(signal, repo));

  return {
    root,
    pathOf,
    branchOf,

    /** This session's worktrees left on disk (see {@link findSessionWorktrees}). */
    find: (signal: AbortSignal): Promise<FoundWorktree[]> =>
      findSessionWorktrees(signal, repo, session),

    /** HEAD of the main working tree when it moved away from `base`, else null (fresh base). */
    async staleBase(signal: AbortSignal, base: string): Promise<string | null> {
      const head = await headOf(signal, repo);
      return head === base ? null : head;
    },

    /**
     * Creates the agent's worktree at `base` on a new branch. An existing worktree of the agent
     * (a resumed session) is reused as it is: `reused` says so.
     */
    async create(
      signal: AbortSignal,
      agentId: string,
      base: string,
    ): Promise<AgentWorktree & { reused: boolean }> {
      const wt = worktreeOf(agentId);
      if (existsSync(wt.path)) {
        const found = (await findSessionWorktrees(signal, repo, session)).find(
          (w) => w.branch === wt.branch,
        );
        if (found?.present === true) return { ...wt, path: found.path, reused: true };
        // A directory git does not know (killed while it was being created): ours, start over.
        rmSync(wt.path, { recursive: true, force: true });
      }
      if (!pruned) {
        // Once per process: forget registrations whose directory is gone (a kill -9 mid-removal).
        await gitExec(signal, ['worktree', 'prune'], { cwd: repo });
        pruned = true;
      }
      mkdirSync(root, { recursive: true });
      // -B: a branch left by an earlier attempt restarts from the base; -f: a registration whose
      // directory was deleted behind git's back is taken over.
      await gitExec(signal, ['worktree', 'add', '--quiet', '-f', '-B', wt.branch, wt.path, base], {
        cwd: repo,
      });
      return { ...wt, reused: false };
    },

    /**
     * Merges the agents back one at a time, in the order given: commits each agent's worktree on
     * its branch, then merges the branch into the main working tree (see `worktree-merge.ts`).
     * A conflict leaves the working tree as it was and the branch in place.
     */
    async mergeBack(
      signal: AbortSignal,
      agentIds: readonly string[],
      base: string,
    ): Promise<MergeBackOutcome[]> {
      const ident = await identityOf(signal);
      const head = await headOf(signal, repo);
      if (head === null) throw new Error(`merge-back needs a commit in ${repo}`);
      const main = { repo, head, indexPath: await indexOf(signal), identity: ident };
      const outcomes: MergeBackOutcome[] = [];
      for (const agentId of agentIds) {
        const wt = worktreeOf(agentId);
        const done = await commitAgentWork(signal, wt.path, base, {
          message: `wave ${session}: ${agentId}`,
          identity: ident,
        });
        const common = { agentId, branch: wt.branch, ...done };
        if (done.commit === null && done.agentCommits.length === 0) {
          outcomes.push({ ...common, kind: 'merged', files: [] });
          continue;
        }
        const merged = await mergeIntoWorkingTree(
          signal,
          main,
          wt.branch,
          `wave ${session}: merge ${agentId}`,
        );
        outcomes.push({ ...common, ...merged });
      }
      return outcomes;
    },

    /**
     * Removes the agents' worktrees. A dirty one (uncommitted changes or untracked files) is first
     * saved as a commit under `refs/wave/<session>/saved/<agent>`; `clean` skips that check for
     * worktrees just committed by {@link mergeBack}. Branches listed in `deleteBranches` go too.
     */
    async remove(
      signal: AbortSignal,
      agentIds: readonly string[],
      opts: { clean?: readonly string[]; deleteBranches?: readonly string[] } = {},
    ): Promise<RemovedWorktree[]> {
      const removed: RemovedWorktree[] = [];
      for (const agentId of agentIds) {
        const wt = worktreeOf(agentId);
        let savedRef: string | null = null;
        if (existsSync(wt.path) && !(opts.clean ?? []).includes(agentId)) {
          savedRef = await saveIfDirty(signal, wt.path, agentId);
        }
        rmSync(wt.path, { recursive: true, force: true });
        const branchDeleted = (opts.deleteBranches ?? []).includes(agentId);
        removed.push({ agentId, path: wt.path, savedRef, branchDeleted });
      }
      await gitExec(signal, ['worktree', 'prune'], { cwd: repo });
      const gone = removed
        .filter((r) => r.branchDeleted)
        .map((r) => `delete refs/heads/${branchOf(r.agentId)}\n`);
      if (gone.length > 0) {
        await gitExec(signal, ['update-ref', '--stdin'], { cwd: repo, input: gone.join('') });
      }
      if (existsSync(root) && readdirSync(root).length === 0) rmSync(root, { recursive: true });
      return removed;
    },
  };

  /** Saves a dirty worktree's content as a ref; returns the ref, or null when it was clean. */
  async function saveIfDirty(
    signal: AbortSignal,
    path: string,
    agentId: string,
  ): Promise<string | null> {
    const status = await gitExec(
      signal,
      ['status', '--porcelain=v1', '-z', '--no-renames', '--untracked-files=all'],
      { cwd: path },
    );
    if (parsePorcelainZ(status.stdout).every(isOwnPath)) return null;
    const made = await workingTreeCommit(signal, path, {
      parent: await headOf(signal, path),
      message: `wave ${session}: saved worktree of ${agentId}`,
      identity: await identityOf(signal),
      indexPath: await indexPathOf(signal, path),
    });
    const ref = `refs/wave/${refComponent(session)}/saved/${refComponent(agentId)}`;
    await gitExec(signal, ['update-ref', ref, made.commit as string], { cwd: repo });
    return ref;
  }
}

/** The worktree manager of a session. */
export type WorktreeManager = ReturnType<typeof createWorktreeManager>;
