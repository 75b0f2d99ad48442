/**
 * The carry-over issue as the reference writes it (reference-behaviour.md §A6): title
 * `[Carryover] [<KIND>] <task ≤ 80 chars…>`, labels `priority::<p>,status:ready,type:carryover`,
 * and a body whose first line is the dedup marker `<!-- task-hash: <sha256[0:8] of the task> -->`.
 */
import { createHash } from 'node:crypto';
import type { CarryoverKind } from '../../domain/file-issue.intent.js';

export type { CarryoverKind } from '../../domain/file-issue.intent.js';

/** The label every carry-over issue carries (the dedup search is limited to it). */
export const CARRYOVER_LABEL = 'type:carryover';

/** sha256 of the task text, first 8 hex digits. */
export function taskHash(task: string): string {
  return createHash('sha256').update(task).digest('hex').slice(0, 8);
}

/** The dedup marker of a task hash. */
export function taskHashMarker(hash: string): string {
  return `<!-- task-hash: ${hash} -->`;
}

/** `[Carryover] [<KIND>] <task>`, the task trimmed and cut to 80 characters with `…`. */
export function carryoverTitle(kind: CarryoverKind, task: string): string {
  const text = task.trim() || '(untitled task)';
  const cut = text.length <= 80 ? text : `${text.slice(0, 79)}…`;
  return `[Carryover] [${kind}] ${cut}`;
}

/** `priority::<high|medium>,status:ready,type:carryover`. */
export function carryoverLabels(priority: 'high' | 'medium'): string {
  return `priority::${priority},status:ready,${CARRYOVER_LABEL}`;
}

/** The issue body: marker first, then the task, its context and a retry hint. */
export function carryoverBody(kind: CarryoverKind, task: string, context: string): string {
  const hint =
    kind === 'SPIRAL'
      ? '- The task spiralled twice. Narrow its scope to one file or function before dispatching it again.'
      : '- The agent failed. Read the error context for its class (edit-format-friction, scope-denied, command-blocked, other) and correct the instructions.';
  return [
    taskHashMarker(taskHash(task)),
    '',
    `## [Carryover] [${kind}] Escalated from wave-executor`,
    '',
    `**Kind:** \`${kind}\``,
    `**Task hash:** \`${taskHash(task)}\``,
    '',
    '### Task',
    '',
    task.trim() || '_(no task description provided)_',
    '',
    '### Prior context',
    '',
    context.trim() || '_(no prior context captured)_',
    '',
    '### Retry hint',
    '',
    hint,
    "- Check that the agent's model of the affected files matches them (read before editing).",
    '',
    '_Filed by wave-executor._',
  ].join('\n');
}
