/**
 * The folds of the wave's logged facts into its context (evolve), one per event type. Each
 * mutates the context the machine owns and proposes nothing; the chart names them as its
 * `record…` actions. Pure, no I/O.
 */
import type { DomainEvent } from '../events.js';
import { recordFailure, type WaveContext } from './wave.context.js';
import { baseOf } from './wave.rails.js';
import { reviewWave } from './wave.review.js';

/** Folds one logged fact of the wave into its context. */
export function foldWaveFact(ctx: WaveContext, event: DomainEvent): void {
  switch (event.type) {
    case 'gate.started':
      ctx.gateAttempt = Math.max(ctx.gateAttempt, event.data.attempt);
      return;
    case 'gate.failed':
      recordFailure(ctx, event);
      return;
    case 'gate.passed':
      ctx.passed = structuredClone(event);
      return;
    case 'git.snapshot':
      ctx.base = baseOf(event);
      return;
    case 'wave.inspected':
      ctx.waveFiles = reviewWave(ctx, event).files;
      return;
    case 'scope.violated':
      ctx.scopeHandled.push(...event.data.files);
      return;
    case 'wave.reverted':
      for (const g of event.data.groups) {
        if (g.cause === 'spiral' && g.agentId !== null) ctx.revertedRuns.push(g.agentId);
        ctx.revertedFiles.push(...g.restored, ...g.removed);
      }
      return;
    case 'budget.exceeded':
      ctx.overBudget = true;
      return;
    case 'worktree.created':
      ctx.worktrees[event.data.agentId] = event.data.path;
      return;
    case 'worktree.failed':
      ctx.worktrees[event.data.agentId] = null;
      return;
    case 'worktree.merged':
      ctx.merged[event.data.agentId] = [...event.data.files];
      return;
    case 'worktree.conflicted':
      ctx.conflicts[event.data.agentId] = {
        files: [...event.data.files],
        branch: event.data.branch,
      };
      return;
    case 'worktree.stale_base':
      ctx.staleBases += 1;
      return;
    case 'session.resumed':
      for (const id of event.data.inFlight) {
        if (ctx.worktrees[id] != null && !ctx.abandoned.includes(id)) ctx.abandoned.push(id);
      }
      return;
    case 'worktree.removed':
      ctx.removed += 1;
      return;
    default:
      return;
  }
}
