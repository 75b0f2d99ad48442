/**
 * The `file-issue` effect as data: what the machines ask for when a task gets a carry-over issue
 * (its second spiral, or a failure). It lives in the domain so the machines can name it; the
 * runtime runs it with `runFileIssueEffect` (`src/actors/issue-tracker/file-issue.effect.ts`).
 */

/** Why a task is carried over (the reference's `[Carryover] [<KIND>]`). */
export type CarryoverKind = 'SPIRAL' | 'FAILED';

/** Ask for a carry-over issue. Completed by `carryover.issue_filed`. */
export interface FileIssueEffect {
  kind: 'file-issue';
  key: string;
  wave: number;
  taskId: string;
  /** The agent run whose Wave History line gets the suffix. */
  agentId?: string;
  issueKind: CarryoverKind;
  /** The task text: the title and the dedup hash come from it. */
  task: string;
  /** Error context / agent summaries for the body. */
  context: string;
  priority: 'high' | 'medium';
}
