/**
 * The `file-issue` effect: the machines decide that a task gets a carry-over issue (its second
 * spiral, or a failure), the runtime's effect runner files it through {@link fileCarryoverIssue}
 * and reports `carryover.issue_filed`, whose outcome (`→ issue #N`, `→ existing #N`, or the error)
 * lands on the task's Wave History line. A failure never blocks the session.
 */
import { newEvent, type NewEvent } from '../../events.js';
import type { FileIssueEffect } from '../../domain/file-issue.intent.js';
import { fileCarryoverIssue, type CarryoverRequest } from './issue-tracker.js';
import type { Tracker } from './repo-spec.js';

export type { FileIssueEffect } from '../../domain/file-issue.intent.js';

/** What running the effect needs. */
export interface FileIssueDeps {
  repo: string;
  /** The plan's `config.vcs`. */
  tracker: Tracker | undefined;
  signal: AbortSignal;
  enqueue: (event: NewEvent) => void;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs one `file-issue` effect and enqueues its `carryover.issue_filed` (caused by `causation`);
 * nothing when the session was stopped meanwhile (the effect stays open in the log).
 */
export async function runFileIssueEffect(
  effect: FileIssueEffect,
  deps: FileIssueDeps,
  causation: number,
): Promise<void> {
  const request: CarryoverRequest = {
    repo: deps.repo,
    tracker: deps.tracker,
    kind: effect.issueKind,
    task: effect.task,
    context: effect.context,
    priority: effect.priority,
    signal: deps.signal,
    ...(deps.env ? { env: deps.env } : {}),
  };
  const filing = await fileCarryoverIssue(request);
  if (deps.signal.aborted) return;
  deps.enqueue({
    ...newEvent('carryover.issue_filed', {
      wave: effect.wave,
      taskId: effect.taskId,
      ...(effect.agentId !== undefined ? { agentId: effect.agentId } : {}),
      kind: effect.issueKind,
      ...filing,
    }),
    causation,
  });
}
