/**
 * The effects of worktree isolation and of the coordinator's git work, ready for the effect
 * runner: each handler runs the git actor or the worktree manager under the session's signal and
 * reports what happened as events (see docs/runtime.md, "Worktree isolation", for the effects the
 * wave machine asks for and the events that complete them). The decisions (isolation, when to
 * snapshot, merge, auto-commit) are the machines'; these handlers only act.
 *
 * A handler stopped by the session's abort reports nothing (the effect stays open in the log and
 * a resume runs it again); any other failure propagates, except a worktree that cannot be created,
 * which is reported (`worktree.failed`) so the agent can run in the shared working tree.
 */
import { newEvent, type NewEvent } from '../events.js';
import type { GitActor } from '../ports.js';
import type { WorktreeManager } from '../actors/worktree-manager.js';
import { asError } from '../errors.js';
import type {
  GitAutoCommitEffect,
  GitSnapshotEffect,
  IsolationEffect,
  WorktreeCleanupEffect,
  WorktreeCreateEffect,
  WorktreeMergeEffect,
  RevertFilesEffect,
} from '../domain/git.intents.js';
import { revertAgentFiles } from '../actors/scope-revert.js';

/** Kinds of the effects of this module. */
const KINDS: ReadonlySet<string> = new Set([
  'git-snapshot',
  'worktree-create',
  'worktree-merge',
  'worktree-cleanup',
  'git-auto-commit',
  'revert-files',
]);

/** True for an effect this module handles (for the effect runner's dispatch). */
export function isIsolationEffect(effect: { kind: string }): effect is IsolationEffect {
  return KINDS.has(effect.kind);
}

/** What the handlers need. */
export interface IsolationEffectDeps {
  git: GitActor;
  /** The repository's working tree (reverts run there). */
  repo: string;
  worktrees: WorktreeManager;
  sessionId: string;
  signal: AbortSignal;
  enqueue: (event: NewEvent) => void;
  /**
   * Worktrees of agents still running or to be re-dispatched, as the log's `worktree.created`
   * events say (agentId → path), for a resumed session.
   */
  seed?: Iterable<readonly [string, string]>;
}

/** The handlers, and where each agent works. */
export interface IsolationEffects {
  /** Runs one effect of this module to its end, reporting its events with `causation`. */
  run(effect: IsolationEffect, causation: number): Promise<void>;
  /** The worktree an agent was given (`worktree.created`), or undefined: the shared tree. */
  cwdOf(agentId: string): string | undefined;
}

/** Creates the isolation effect handlers of a live session. */
export function createIsolationEffects(deps: IsolationEffectDeps): IsolationEffects {
  const { git, worktrees, signal } = deps;
  const cwds = new Map<string, string>(deps.seed ?? []);
  const emit = (event: NewEvent, causation: number) => deps.enqueue({ ...event, causation });

  const snapshot = async (e: GitSnapshotEffect, causation: number) => {
    const s = await git.snapshot(signal, deps.sessionId, e.label);
    emit(newEvent('git.snapshot', { wave: e.wave, label: e.label, ...s }), causation);
  };

  const create = async (e: WorktreeCreateEffect, causation: number) => {
    const head = await worktrees.staleBase(signal, e.head ?? e.base);
    if (head !== null) {
      emit(newEvent('worktree.stale_base', { wave: e.wave, base: e.base, head }), causation);
      return;
    }
    for (const agentId of e.agentIds) {
      try {
        const wt = await worktrees.create(signal, agentId, e.base);
        cwds.set(agentId, wt.path);
        const data = { wave: e.wave, agentId, path: wt.path, branch: wt.branch, base: e.base };
        emit(newEvent('worktree.created', { ...data, reused: wt.reused }), causation);
      } catch (error) {
        if (signal.aborted) throw error;
        const message = asError(error).message;
        emit(newEvent('worktree.failed', { wave: e.wave, agentId, error: message }), causation);
      }
    }
  };

  const merge = async (e: WorktreeMergeEffect, causation: number) => {
    // Run again after a crash: agents already merged and removed are not merged twice.
    const present = new Set(
      (await worktrees.find(signal)).filter((w) => w.present).map((w) => w.agentId),
    );
    const agentIds = e.agentIds.filter((id) => present.has(id));
    const outcomes = await worktrees.mergeBack(signal, agentIds, e.base);
    for (const o of outcomes) {
      if (o.agentCommits.length > 0) {
        const data = { wave: e.wave, agentId: o.agentId, commits: o.agentCommits };
        emit(newEvent('agent.committed', data), causation);
      }
      const data = { wave: e.wave, agentId: o.agentId, branch: o.branch, commit: o.commit };
      emit(
        o.kind === 'merged'
          ? newEvent('worktree.merged', { ...data, files: o.files })
          : newEvent('worktree.conflicted', { ...data, files: o.files }),
        causation,
      );
    }
    const merged = outcomes.filter((o) => o.kind === 'merged').map((o) => o.agentId);
    const removed = await worktrees.remove(signal, agentIds, {
      clean: outcomes.map((o) => o.agentId),
      deleteBranches: merged,
    });
    for (const r of removed) {
      cwds.delete(r.agentId);
      emit(newEvent('worktree.removed', { wave: e.wave, ...r }), causation);
    }
  };

  const cleanup = async (e: WorktreeCleanupEffect, causation: number) => {
    const left = (await worktrees.find(signal)).filter((w) => !e.keep.includes(w.agentId));
    for (const w of left) cwds.delete(w.agentId);
    const removed = await worktrees.remove(
      signal,
      left.map((w) => w.agentId),
    );
    for (const r of removed) emit(newEvent('worktree.removed', { wave: null, ...r }), causation);
  };

  const autoCommit = async (e: GitAutoCommitEffect, causation: number) => {
    const paths = e.since === undefined ? undefined : await git.changedSince(signal, e.since);
    const made = await git.autoCommit(signal, e.message, paths);
    const data = made ?? { sha: null, files: [] };
    emit(newEvent('git.auto_committed', { wave: e.wave, ...data }), causation);
  };

  const revert = async (e: RevertFilesEffect, causation: number) => {
    const groups = [];
    for (const g of e.groups) {
      const done = await revertAgentFiles({
        cwd: deps.repo,
        baseRef: e.base,
        files: g.files,
        signal,
      });
      groups.push({ agentId: g.agentId, cause: g.cause, ...done });
    }
    emit(newEvent('wave.reverted', { wave: e.wave, base: e.base, groups }), causation);
  };

  /** Runs `work`; a stop of the session leaves the effect open instead of failing. */
  const guarded = async (work: Promise<void>) => {
    try {
      await work;
    } catch (error) {
      if (signal.aborted) return;
      throw error;
    }
  };

  return {
    run(effect, causation) {
      switch (effect.kind) {
        case 'git-snapshot':
          return guarded(snapshot(effect, causation));
        case 'worktree-create':
          return guarded(create(effect, causation));
        case 'worktree-merge':
          return guarded(merge(effect, causation));
        case 'worktree-cleanup':
          return guarded(cleanup(effect, causation));
        case 'git-auto-commit':
          return guarded(autoCommit(effect, causation));
        case 'revert-files':
          return guarded(revert(effect, causation));
      }
    },
    cwdOf: (agentId) => cwds.get(agentId),
  };
}
