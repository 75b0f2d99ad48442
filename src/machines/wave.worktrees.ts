/**
 * Worktree isolation as decisions of the wave (patch `worktree-isolation`): one worktree per agent
 * of the main round at the wave's base, created before the dispatch; after the round, the merge-back
 * of every isolated agent in plan order (the runtime then removes the worktrees, a dirty one saved
 * as a ref first). Pure functions of the wave's context.
 */
import type { DomainEvent } from '../events.js';
import { agentIdOf, type Intent } from './intents.js';
import type { WaveContext } from './wave.context.js';

type Ctx = Readonly<WaveContext>;

/** The agent ids the main round will dispatch (first attempts after the wave's input). */
function isolatedAgentIds(ctx: Ctx): string[] {
  return ctx.tasks.map((t) => agentIdOf(ctx.wave, t.task.id, (ctx.attempts[t.task.id] ?? 0) + 1));
}

/** The snapshot just logged gives a base the wave's agents can be isolated at. */
export function isolationStarts(ctx: Ctx, event: DomainEvent): boolean {
  return (
    event.type === 'git.snapshot' &&
    ctx.rails?.isolation === 'worktree' &&
    (event.data.sha ?? event.data.head) !== null
  );
}

/** Asks for the main round's worktrees at the wave's base. */
export function proposeWorktrees(ctx: Ctx): Intent[] {
  const base = ctx.base?.commit;
  if (!base) return [];
  const agentIds = isolatedAgentIds(ctx);
  const head = ctx.base?.head ?? base;
  return [
    {
      kind: 'effect',
      effect: {
        kind: 'worktree-create',
        key: `worktrees:w${ctx.wave}`,
        wave: ctx.wave,
        base,
        head,
        agentIds,
      },
    },
  ];
}

/** The worktree report just logged is the last one the round waits for. */
export function lastWorktreeReport(ctx: Ctx, event: DomainEvent): boolean {
  if (event.type !== 'worktree.created' && event.type !== 'worktree.failed') return false;
  const reported = new Set([...Object.keys(ctx.worktrees), event.data.agentId]);
  return isolatedAgentIds(ctx).every((id) => reported.has(id));
}

/** Agents that work in a worktree (not abandoned at a resume), in plan order. */
export function isolatedAgents(ctx: Ctx): string[] {
  return Object.entries(ctx.worktrees).flatMap(([id, path]) =>
    path === null || ctx.abandoned.includes(id) ? [] : [id],
  );
}

/** After a resume: remove the worktrees of the lost runs (abandoned), keep the others. */
export function proposeCleanup(ctx: Ctx): Intent[] {
  const lost = Object.keys(ctx.worktrees).filter((id) => ctx.abandoned.includes(id));
  if (lost.length === 0) return [];
  const keep = isolatedAgents(ctx);
  return [
    { kind: 'effect', effect: { kind: 'worktree-cleanup', key: `cleanup:w${ctx.wave}`, keep } },
  ];
}

/** Asks for the merge-back of every isolated agent, in plan order. */
export function proposeMerge(ctx: Ctx): Intent[] {
  const base = ctx.base?.commit;
  const agentIds = isolatedAgents(ctx);
  if (!base || agentIds.length === 0) return [];
  return [
    {
      kind: 'effect',
      effect: { kind: 'worktree-merge', key: `merge:w${ctx.wave}`, wave: ctx.wave, base, agentIds },
    },
  ];
}

/** The removal just logged is the last worktree of the wave. */
export function lastRemoval(ctx: Ctx, event: DomainEvent): boolean {
  return event.type === 'worktree.removed' && ctx.removed + 1 >= isolatedAgents(ctx).length;
}
