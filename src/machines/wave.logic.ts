/**
 * Pure helpers of the wave machine: the wave's own record of each agent run it dispatched, the
 * reading of an agent's outcome from its actor, and the review lines. No I/O, no clock.
 */
import type { ActorRefFrom } from 'xstate';
import type { Task } from '../domain/plan.schema.js';
import type { AgentOutcome } from '../domain/status.js';
import type { DispatchReason } from './intents.js';
import {
  AGENT_ENDS,
  type AgentContext,
  type AgentEnd,
  type agentMachine,
} from './agent.machine.js';

/** A task as the wave runs it: planned, carried over, or a fix, with its context. */
export interface WaveTask {
  task: Task;
  reason: DispatchReason;
  remaining?: string;
  errorContext?: string;
}

/** The actor of one agent run (a child of the wave). */
export type AgentRef = ActorRefFrom<typeof agentMachine>;

/** What the wave dispatched: the run's identity, its round and its actor (which owns the rest). */
export interface AgentRecord {
  agentId: string;
  taskId: string;
  attempt: number;
  reason: DispatchReason;
  /** The dispatch round (`w<wave>-r<n>`). */
  round: string;
  ref: AgentRef;
}

/** A one-line description of a task for Wave History and question sources. */
export function describeTask(task: Task): string {
  const first = (task.task.split('\n')[0] ?? '').trim();
  return first.length > 60 ? `${first.slice(0, 57)}...` : first;
}

/** The run's outcome (a final state of its chart), or null while it is queued or running. */
export function outcomeOf(record: AgentRecord): AgentEnd | null {
  const value = record.ref.getSnapshot().value as string;
  return AGENT_ENDS.has(value) ? (value as AgentEnd) : null;
}

/** What the run reported (its actor's context). */
export function reportOf(record: AgentRecord): Readonly<AgentContext> {
  return record.ref.getSnapshot().context;
}

/** The latest record of each task that was not handed over, in task order. */
export function latestPerTask(tasks: readonly WaveTask[], agents: readonly AgentRecord[]) {
  const out: AgentRecord[] = [];
  for (const t of tasks) {
    let last: AgentRecord | undefined;
    for (const a of agents) if (a.taskId === t.task.id && outcomeOf(a) !== 'lost') last = a;
    if (last) out.push(last);
  }
  return out;
}

/** How the review sees one run: its outcome, or `crashed` for a run that never ended. */
export function reviewedStatus(record: AgentRecord): AgentOutcome {
  const end = outcomeOf(record);
  return end === null || end === 'lost' ? 'crashed' : end;
}

/** The Wave History note of a run. */
export function reviewNote(summary: string, status: AgentOutcome, remaining?: string): string {
  const text = summary.replace(/\s+/g, ' ').trim() || '(no summary)';
  return status === 'partial' && remaining
    ? `${text} | REMAINING: ${remaining.replace(/\s+/g, ' ').trim()}`
    : text;
}
