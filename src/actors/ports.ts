/**
 * Ports of the actors: the interfaces the runtime depends on. Actors implement them; hosts may
 * supply their own (e.g. a harness-provided agent runner).
 */
import type { RunnerSpec } from '../domain/plan.schema.js';
import type { ErrorClass, StagnationPattern } from '../domain/status.js';
import type { NewEvent } from '../events.js';

/** One agent run to perform. */
export interface AgentRunRequest {
  /** The session (stream) id, exported to the agent as `$WAVE_SESSION_ID`. */
  sessionId: string;
  /** The wave number, exported as `$WAVE_WAVE`. */
  wave: number;
  /** The task (mission) id, exported as `$WAVE_TASK_ID`. */
  taskId: string;
  /** The agent run's id; every emitted event carries it. */
  agentId: string;
  /** The full prompt (see `buildAgentPrompt`). */
  prompt: string;
  /** Working directory of the agent: the repository or its worktree. */
  cwd: string;
  /** How to start the agent. */
  runner: RunnerSpec;
  /** The turn limit, passed to CLIs that support one and used for truncation inference. */
  maxTurns: number;
  /** Wall-clock limit; overrides `runner.timeoutMs`. None ⇒ no timeout. */
  timeoutMs?: number;
  /** Ends the run when the agent prints nothing for this long (a logged `agent.timed_out`). */
  silenceMs?: number;
  /** Aborting kills the agent's whole process group. */
  signal: AbortSignal;
}

/** Receives each normalized stream event of a run, in order, as it happens. */
export type AgentEmit = (event: NewEvent) => void;

/** The event that ends an agent run. */
export type AgentTerminalEvent = Extract<
  NewEvent,
  { type: 'agent.finished' | 'agent.crashed' | 'agent.timed_out' }
>;

/** A stagnation pattern seen in one agent's tool-call stream (§A5 of the reference). */
export interface StagnationFinding {
  pattern: StagnationPattern;
  /** Only for `error-echo`. */
  errorClass?: ErrorClass;
  /** Repository-relative file the pattern concerns, or null. */
  file: string | null;
  /** How many times it was seen (≥ 3). */
  occurrences: number;
}

/** Outcome of {@link AgentRunner.run}. */
export interface AgentRunResult {
  /** `agent.finished`, `agent.crashed` or `agent.timed_out`; not emitted by the runner. */
  terminal: AgentTerminalEvent;
  /** Stagnation findings, for `stagnation.detected` events (already applied to the status). */
  findings: StagnationFinding[];
}

/** Starts one agent and reports its stream as events. */
export interface AgentRunner {
  /**
   * Runs the agent to its end. Stream events go to `emit` in order; the terminal event is
   * returned (never emitted). Never rejects for agent failures: those are terminal events.
   */
  run(request: AgentRunRequest, emit: AgentEmit): Promise<AgentRunResult>;
}
