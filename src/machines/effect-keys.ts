/**
 * Which logged events complete which effects: the key of every effect an event closes (an agent
 * run ends with its terminal event, a gate attempt with its result, a question with its answer,
 * a git effect with its report). The coordinator's book of open effects is folded with it.
 */
import type { DomainEvent } from '../events.js';

/** No key (shared: most events complete nothing, on the hot path of every commit). */
const NONE: readonly string[] = [];

/** The keys of the effects `event` completes (none for most events). */
export function keysCompletedBy(event: DomainEvent): readonly string[] {
  switch (event.type) {
    case 'agent.finished':
    case 'agent.crashed':
    case 'agent.timed_out':
      return [`agent:${event.data.agentId}`, `supervise:${event.data.agentId}`];
    case 'gate.passed':
    case 'gate.failed':
      return [`gate:w${event.data.wave}:${event.data.attempt}`];
    case 'carryover.issue_filed':
      return [`issue:w${event.data.wave}:${event.data.taskId}`];
    case 'wave.inspected':
      return [`inspect:w${event.data.wave}`];
    case 'git.snapshot':
      return [`snapshot:w${event.data.wave}`];
    case 'wave.reverted':
      return [`revert:w${event.data.wave}`];
    case 'git.auto_committed':
      return [`autocommit:w${event.data.wave}`];
    // Worktree creation reports per agent; it is over once the round dispatches (every worktree
    // reported) or the base was stale. The merge-back (and a resume's cleanup) is over once the
    // wave's dispatch is verified, before its inspection.
    case 'agent.dispatched':
    case 'worktree.stale_base':
      return [`worktrees:w${event.data.wave}`];
    case 'wave.dispatched':
      return [`merge:w${event.data.wave}`, `cleanup:w${event.data.wave}`];
    case 'decision.made':
      return [`ask:${event.data.id}`];
    case 'session.resumed':
      return event.data.inFlight.flatMap((id) => [`agent:${id}`, `supervise:${id}`]);
    default:
      return NONE;
  }
}
