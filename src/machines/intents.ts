/**
 * What the machines ask for, as data. An intent either proposes an event for the log (`append`)
 * or asks an actor to do something (`effect`). Machines never do either themselves: the runtime
 * appends the events (which then flow back into the machines) and runs the effects in live mode;
 * replay ignores both.
 */
import type { NewEvent } from '../events.js';
import type { Task } from '../domain/plan.schema.js';
import type { FileIssueEffect } from '../domain/file-issue.intent.js';
import type { IsolationEffect } from '../domain/git.intents.js';

/** Why an agent run exists. */
export type DispatchReason = 'planned' | 'redispatch' | 'carryover' | 'fix';

/** Run one agent process for a task. Completed by agent.finished / crashed / timed_out. */
export interface RunAgentEffect {
  kind: 'run-agent';
  key: string;
  agentId: string;
  wave: number;
  attempt: number;
  reason: DispatchReason;
  task: Task;
  maxTurns: number;
  /** REMAINING text of a partial carried forward. */
  remaining?: string;
  /** Error context of a fix task. */
  errorContext?: string;
  /** Agents of one round run together in one pool. */
  round: string;
}

/** Run the wave's quality gates once. Completed by gate.passed / gate.failed. */
export interface RunGateEffect {
  kind: 'run-gate';
  key: string;
  wave: number;
  attempt: number;
  /** Quality-Lite or the Full Gate, as the machine decided (absent: the runtime's default). */
  gateKind?: 'lite' | 'full';
}

/** Collect the on-disk change set of the wave. Completed by wave.inspected. */
export interface InspectEffect {
  kind: 'inspect';
  key: string;
  wave: number;
  /**
   * The wave's base (its pre-dispatch snapshot): the inspection also lists what changed since
   * `tree` (`wave.inspected.sinceBase`) and the commits made on top of `head` (`agent.committed`).
   */
  base?: { tree: string; head: string | null };
}

/** Ask the operator (or the default policy). Completed by decision.made. */
export interface AskEffect {
  kind: 'ask';
  key: string;
  id: string;
  prompt: string;
  options: string[];
  default: string;
}

/**
 * Supervision's word on a running agent, once its verdict is logged: the status its run ends in
 * whatever it reports (the most severe verdict wins: spiral, failed, stagnant, partial) and, with
 * `stop`, end it now. Completed by the agent's end.
 */
export interface SuperviseAgentEffect {
  kind: 'supervise-agent';
  key: string;
  agentId: string;
  outcome: 'spiral' | 'failed' | 'stagnant' | 'partial';
  stop: boolean;
  /** Why: the loop pattern, or the limit (`turns`). */
  cause: string;
}

/** An effect the runtime executes in live mode. */
export type Effect =
  | RunAgentEffect
  | RunGateEffect
  | InspectEffect
  | AskEffect
  | SuperviseAgentEffect
  | FileIssueEffect
  | IsolationEffect;

/** One output of a machine transition. */
export type Intent = { kind: 'append'; event: NewEvent } | { kind: 'effect'; effect: Effect };

/** Deterministic agent id: wave, task and attempt. */
export function agentIdOf(wave: number, taskId: string, attempt: number): string {
  return `w${wave}-${taskId}-a${attempt}`;
}
