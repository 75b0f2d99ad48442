/**
 * Pure helpers of the wave machine: agent records, review lines, edit-persistence and carry-over
 * decisions. No I/O, no clock.
 */
import type { EventOf } from '../events.js';
import type { Task } from '../domain/plan.schema.js';
import type { AgentOutcome } from '../domain/status.js';
import type { DispatchReason } from './intents.js';

/** A task as the wave runs it: planned, carried over, or a fix. */
export interface WaveTask {
  task: Task;
  reason: DispatchReason;
  remaining?: string;
  errorContext?: string;
}

/** What the wave knows about one agent run. */
export interface AgentRecord {
  agentId: string;
  taskId: string;
  attempt: number;
  reason: DispatchReason;
  round: string;
  started: boolean;
  outcome: AgentOutcome | 'lost' | null;
  summary: string;
  remaining?: string;
  filesChanged: string[];
  openQuestions: { question: string; context?: string }[];
}

/** A one-line description of a task for Wave History and question sources. */
export function describeTask(task: Task): string {
  const first = (task.task.split('\n')[0] ?? '').trim();
  return first.length > 60 ? `${first.slice(0, 57)}...` : first;
}

/** Applies a terminal agent event to its record. */
export function applyTerminal(
  record: AgentRecord,
  event: EventOf<'agent.finished'> | EventOf<'agent.crashed'> | EventOf<'agent.timed_out'>,
): void {
  if (event.type === 'agent.finished') {
    const d = event.data;
    record.outcome = d.status;
    record.summary = d.summary;
    if (d.remaining !== undefined) record.remaining = d.remaining;
    record.filesChanged = [...d.filesChanged];
    record.openQuestions = d.openQuestions.map((q) => ({ ...q }));
  } else if (event.type === 'agent.crashed') {
    record.outcome = 'crashed';
    const why = event.data.signal ? `signal ${event.data.signal}` : `exit ${event.data.exitCode}`;
    const tail = event.data.stderr.trim().split('\n').slice(-1)[0] ?? '';
    record.summary = `crashed (${why})${tail ? `: ${tail}` : ''}`;
  } else {
    record.outcome = 'timed_out';
    record.summary = `timed out after ${event.data.timeoutMs} ms`;
  }
}

/** True when the record has reached a terminal outcome. */
export function isTerminal(record: AgentRecord): boolean {
  return record.outcome !== null;
}

/** The latest non-fix record of each task, in task order. */
export function latestPerTask(tasks: WaveTask[], agents: AgentRecord[]): AgentRecord[] {
  const out: AgentRecord[] = [];
  for (const t of tasks) {
    let last: AgentRecord | undefined;
    for (const a of agents) if (a.taskId === t.task.id && a.outcome !== 'lost') last = a;
    if (last) out.push(last);
  }
  return out;
}

/** Declared files of an agent that are absent from the on-disk change set. */
export function unpersistedFiles(record: AgentRecord, onDisk: ReadonlySet<string>): string[] {
  if (record.outcome !== 'done' && record.outcome !== 'partial') return [];
  return record.filesChanged.filter((f) => !onDisk.has(f));
}

/** The Wave History note of an agent. */
export function reviewNote(record: AgentRecord): string {
  const summary = record.summary.replace(/\s+/g, ' ').trim() || '(no summary)';
  return record.outcome === 'partial' && record.remaining
    ? `${summary} | REMAINING: ${record.remaining.replace(/\s+/g, ' ').trim()}`
    : summary;
}
