/**
 * The wave's safety rails in the repository (patch `repo-rails`), as pure decisions over the wave's
 * context: the pre-dispatch snapshot that becomes the wave's base, and the check of what the wave
 * changed once its agents ended:
 *
 * - scope: every changed file outside the wave's allowedPaths is reported (`scope.violated`, a D6
 *   deviation) against the agent that reported it, or against no agent when none did (agents share
 *   one working tree); strict enforcement reverts the files to the wave's base, warn keeps them;
 * - spiral: the files of an agent whose run spiralled go back to the base, that agent's only.
 *
 * A file is judged once per wave; a run's files are reverted once.
 */
import { newEvent, type EventOf } from '../events.js';
import { EMPTY_TREE } from '../domain/git.intents.js';
import type { BaselineGateState } from '../domain/gate-blame.js';
import type { Enforcement } from '../domain/plan.schema.js';
import { scopeVerdict } from '../domain/scope-verdict.js';
import type { Intent } from './intents.js';
import { deviation } from './wave.decide.js';
import { describeTask, latestPerTask, reportOf, reviewedStatus } from './wave.logic.js';
import type { WaveContext } from './wave.context.js';

/** What the session decided for the wave's rails (null before the patch). */
export interface WaveRails {
  /** Each agent of the main round in its own worktree, merged back after it (absent: none). */
  isolation?: 'worktree' | 'none';
  enforcement: Enforcement;
  /** The wave's allowedPaths, as in `wave.started` and `wave-scope.json`. */
  allowedPaths: string[];
  /** Commit the wave once its gate passed (`auto-commit-per-wave`). */
  autoCommit: boolean;
  /** The gate after this wave: Quality-Lite or the Full Gate (null: the wave is not gated). */
  gateKind: 'lite' | 'full' | null;
  /** The gates' state at session start, when a baseline ran. */
  baseline: BaselineGateState[] | null;
}

/** The wave's base, from its `git.snapshot`. */
export interface WaveBase {
  /** What the working tree is compared with: the snapshot, else HEAD, else the empty tree. */
  tree: string;
  /** HEAD at the snapshot (agents' commits are counted from it). */
  head: string | null;
  /** The commit files are reverted to (null in a repository without commits). */
  commit: string | null;
}

/** Folds `git.snapshot` into the wave's base. */
export function baseOf(e: EventOf<'git.snapshot'>): WaveBase {
  const commit = e.data.sha ?? e.data.head;
  return { tree: commit ?? EMPTY_TREE, head: e.data.head, commit };
}

type Ctx = Readonly<WaveContext>;

/** Asks for the snapshot that becomes the wave's base. */
export function proposeSnapshot(ctx: Ctx): Intent[] {
  const label = `wave-${ctx.wave}-pre-dispatch`;
  return [
    {
      kind: 'effect',
      effect: { kind: 'git-snapshot', key: `snapshot:w${ctx.wave}`, wave: ctx.wave, label },
    },
  ];
}

/** One agent's (or no agent's) out-of-scope files. */
interface Violation {
  agentId: string | null;
  taskId: string | null;
  description: string;
  files: string[];
}

/** A group of files to put back to the base. */
interface RevertGroup {
  agentId: string | null;
  cause: 'scope' | 'spiral';
  files: string[];
}

/** What the check after the agents finds. */
export interface RailsFindings {
  violations: Violation[];
  reverts: RevertGroup[];
}

/** What the wave's agents changed: exactly, against the base, else the session's change set. */
function changedByWave(ctx: Ctx, e: EventOf<'wave.inspected'>): string[] {
  if (e.data.sinceBase) return e.data.sinceBase;
  const known = new Set(ctx.knownChanged);
  return e.data.changedFiles.filter((f) => !known.has(f));
}

/** Checks what the wave changed: out-of-scope files and spiralled runs' files. */
export function railsCheck(ctx: Ctx, e: EventOf<'wave.inspected'>): RailsFindings {
  const none: RailsFindings = { violations: [], reverts: [] };
  if (!ctx.rails || !ctx.base) return none;
  const changed = changedByWave(ctx, e);
  const handled = new Set(ctx.scopeHandled);
  const verdict = scopeVerdict({
    changedFiles: changed,
    allowedPaths: ctx.rails.allowedPaths,
    mode: ctx.rails.enforcement,
  });
  let left = verdict.outOfScope.filter((f) => !handled.has(f));
  const violations: Violation[] = [];
  for (const r of ctx.agents) {
    // What it reported, and (isolated) what its merge-back wrote: exactly its own changes.
    const reported = new Set([...reportOf(r).filesChanged, ...(ctx.merged[r.agentId] ?? [])]);
    const files = left.filter((f) => reported.has(f));
    if (files.length === 0) continue;
    left = left.filter((f) => !reported.has(f));
    const task = ctx.tasks.find((t) => t.task.id === r.taskId)?.task;
    const description = task ? describeTask(task) : r.taskId;
    violations.push({ agentId: r.agentId, taskId: r.taskId, description, files });
  }
  if (left.length > 0) {
    // Agents share one working tree: a change no agent reported is pinned on the wave's only
    // run, else on none.
    const only = ctx.agents.length === 1 ? ctx.agents[0] : undefined;
    const task = only && ctx.tasks.find((t) => t.task.id === only.taskId)?.task;
    violations.push({
      agentId: only?.agentId ?? null,
      taskId: only?.taskId ?? null,
      description: task ? describeTask(task) : '',
      files: left,
    });
  }
  const revertible = ctx.base.commit !== null;
  const reverts: RevertGroup[] =
    revertible && ctx.rails.enforcement === 'strict'
      ? violations.map((v) => ({ agentId: v.agentId, cause: 'scope' as const, files: v.files }))
      : [];
  if (revertible) {
    const inScopeChanged = new Set(changed.filter((f) => !verdict.outOfScope.includes(f)));
    for (const r of latestPerTask(ctx.tasks, ctx.agents)) {
      if (reviewedStatus(r) !== 'spiral' || ctx.revertedRuns.includes(r.agentId)) continue;
      const own = [...reportOf(r).filesChanged, ...(ctx.merged[r.agentId] ?? [])];
      const files = [...new Set(own)].filter((f) => inScopeChanged.has(f)).sort();
      if (files.length > 0) reverts.push({ agentId: r.agentId, cause: 'spiral', files });
    }
  }
  return { violations, reverts };
}

/** The events and the revert of a check's findings. */
export function proposeRails(ctx: Ctx, found: RailsFindings): Intent[] {
  if (!ctx.rails) return [];
  const mode = ctx.rails.enforcement === 'strict' ? 'strict' : 'warn';
  const reverting = found.reverts.some((g) => g.cause === 'scope');
  const action = reverting ? 'revert' : 'keep';
  const out: Intent[] = [];
  for (const v of found.violations) {
    const facts = { agentId: v.agentId, taskId: v.taskId, files: v.files, mode, action } as const;
    out.push({ kind: 'append', event: newEvent('scope.violated', { wave: ctx.wave, ...facts }) });
    out.push(
      deviation({
        wave: ctx.wave,
        kind: 'D6',
        code: 'scope-violation',
        params: { agent: v.description, taskId: v.taskId ?? '', files: v.files, mode, action },
      }),
    );
  }
  if (found.reverts.length > 0 && ctx.base?.commit) {
    out.push({
      kind: 'effect',
      effect: {
        kind: 'revert-files',
        key: `revert:w${ctx.wave}`,
        wave: ctx.wave,
        base: ctx.base.commit,
        groups: found.reverts,
      },
    });
  }
  return out;
}
