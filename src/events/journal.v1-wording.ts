/**
 * The wording of `deviation.recorded` and `what_not_to_retry.recorded` at version 1, frozen: the
 * upcasters parse v1 sentences back into facts and check the parse by rendering it again with
 * these exact words. The current wording (`src/domain/wording.ts`) may change freely; this file
 * never does, or old logs would stop parsing.
 */
import type { DeviationFacts, NextWave, WhatNotToRetryFacts } from '../domain/wording.js';

const where = (next: NextWave | null): string =>
  next ? `wave ${next.wave} (${next.role})` : 'the next session (no waves left)';

/** A deviation's sentence as version 1 wrote it. */
export function v1DeviationText(d: DeviationFacts): string {
  const w = d.wave;
  switch (d.code) {
    case 'dispatch-missing':
      return `Wave ${w}: dispatch verification found ${d.params.missing.length} of ${d.params.planned} agents never started after one re-dispatch (${d.params.missing.join(', ')}); carried over.`;
    case 'edit-not-persisted':
      return `Wave ${w} edit-persistence violation: agent "${d.params.agent}" reported ${d.params.status} but declared file(s) ${d.params.files.join(', ')} are absent from the on-disk change set. Result treated as unverified — re-dispatched.`;
    case 'autofix-succeeded':
      return `Wave ${w} auto-fix succeeded after ${d.params.attempts} attempts (max-retries config: ${d.params.maxRetries}). Failed gate(s): ${d.params.gate}. Final pass on attempt ${d.params.attempts}.`;
    case 'autofix-exhausted':
      return `Wave ${w} auto-fix exhausted retries after ${d.params.attempts} attempts (max-retries config: ${d.params.maxRetries}). Failed gate: ${d.params.gate}. Diagnostics bundle: ${d.params.bundle}. Coordinator to review bundle and decide: fix the failure by hand, then start a new session.`;
    case 'carried-over':
      return `Wave ${w}: task ${d.params.taskId} ended ${d.params.status}; its REMAINING work is carried into ${where(d.params.next)}.`;
    case 'spiral-escalated':
      return `Wave ${w}: task ${d.params.taskId} spiralled twice; escalated to the operator.`;
    case 'spiral-narrowed':
      return `Wave ${w}: task ${d.params.taskId} spiralled; re-dispatched with a narrowed scope into ${where(d.params.next)}.`;
    case 'fix-task':
      return `Wave ${w}: task ${d.params.taskId} ended ${d.params.status}; a fix task with its error context goes into ${where(d.params.next)}.`;
    case 'dependency-held':
      return `Wave ${w}: task ${d.params.taskId} held back: its dependency ${d.params.blocker} is not done (it waits with it).`;
    case 'worktree-fallback':
      return `Wave ${w}: isolation resolved to worktree (${d.params.reason}); worktrees are not supported yet, so the ${d.params.agents} agents share the working tree with strict scope enforcement.`;
    case 'text':
      return d.params.text;
    default:
      // Codes added after version 1 had no version-1 sentence: no v1 message parses to them.
      return '';
  }
}

/** A What Not To Retry entry's words as version 1 wrote them. */
export function v1WhatNotToRetryText(e: WhatNotToRetryFacts): { approach: string; why: string } {
  const evidence = e.file ? ` (evidence: ${e.file})` : '';
  return {
    approach: `${e.description} (${e.taskId})`,
    why: `${e.status.toUpperCase()} — ${e.note}${evidence}`,
  };
}
