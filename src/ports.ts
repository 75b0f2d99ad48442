/**
 * Every port of the runtime, from one module: what the live engine needs from the world (an event
 * store, agent runners, git, a clock, a decision asker, a blob sink). Actors and adapters implement
 * them; hosts may supply their own (a harness-provided agent runner, a PostgreSQL event store).
 * The git port is defined in `src/ports/git.port.ts` and re-exported here, so every port is still
 * imported from this module.
 *
 * Why `src/ports.ts` and not `src/actors/`: the ports are implemented on both sides of the house
 * (actors: agent runner, git; adapters: event stores, clock, asker, blob sink) and consumed by the
 * runtime, so they sit above all three and import none of their implementations. The runtime uses
 * a port only through the interface below: no `instanceof`, no `'x' in port`.
 *
 * Cancellation: every operation that waits takes an `AbortSignal` and honours it. The two
 * synchronous ones cannot be interrupted and take none ({@link Clock.now}, {@link BlobSink}), and
 * the event store's operations are atomic and short (an append is durable or absent, never half
 * cancelled): the engine stops by not calling them any more.
 */
import type { RunnerSpec } from './domain/plan.schema.js';
import type { ErrorClass, StagnationPattern } from './domain/status.js';
import type { SpiralRule } from './domain/supervision/loop-watch.types.js';
import type { DomainEvent, NewEvent } from './events.js';
import type { AskEffect } from './machines/intents.js';

// ── Event store ────────────────────────────────────────────────────────────────────────────────

/** Expected stream version for an append: a number (last seq), no stream yet, or any. */
export type ExpectedVersion = number | 'no-stream' | 'any';

/** Options of {@link EventStore.read}. */
export interface ReadOptions {
  /** First seq to return (inclusive, default 1). */
  from?: number;
  /** Last seq to return (inclusive, default: the end). */
  to?: number;
  /** Skip schema validation for a log this build wrote itself (upcasting still applies). */
  trusted?: boolean;
}

/** Result of an append. */
export interface AppendResult {
  /** The stream's version (last seq) after the append. */
  version: number;
}

/** Called with each committed batch, in order. */
export type StreamListener = (events: readonly DomainEvent[]) => void;

/** The torn end of a stream that a crash mid-append left, cut off when the stream was opened. */
export interface TornTail {
  /** Where the stream lives (what {@link EventStore.location} says, e.g. the log file). */
  file: string;
  /** 1-based position (line, record) of the torn entry. */
  line: number;
  /** Its size in bytes. */
  bytes: number;
}

/** What {@link EventStore.openWriter} found. */
export interface OpenedStream {
  /** The stream's version: its last durable seq, 0 for a new stream. */
  version: number;
  /** The torn end that opening cut off, when there was one (reported once, by the opening call). */
  truncated?: TornTail;
}

/**
 * The event store port. Streams are sessions; events arrive already stamped by the runtime
 * (`seq` = position in the stream, 1-based). `append` is atomic per call and checks optimistic
 * concurrency. Every implementation passes `test/adapters/event-store.contract.ts`.
 */
export interface EventStore {
  /**
   * Opens the stream for writing: takes the store's single-writer claim on it where it has one
   * (the JSONL store's lock file: a second writer gets a `ConcurrencyError`), recovers its end
   * (cuts off a torn tail a crash left, and says so) and returns its version. Once open it just returns the current version. `append` opens a
   * stream implicitly; the runtime opens it first on resume to learn about a torn tail.
   */
  openWriter(stream: string): Promise<OpenedStream>;
  /** Appends stamped events; their seqs must continue the stream. Durable when it resolves. */
  append(
    stream: string,
    events: readonly DomainEvent[],
    options: { expectedVersion: ExpectedVersion },
  ): Promise<AppendResult>;
  /** Reads a stream in order, in batches (validated unless `trusted`). */
  read(stream: string, options?: ReadOptions): AsyncIterable<readonly DomainEvent[]>;
  /** The stream's version: its last seq, 0 when it does not exist. */
  version(stream: string): Promise<number>;
  /** Every stream id in the store. */
  streams(): Promise<string[]>;
  /**
   * Where the stream lives, for an operator to look at (a file path, a URL), or null when
   * nothing durable holds it (an in-memory store).
   */
  location(stream: string): string | null;
  /** Listens to committed batches of a stream; returns the unsubscribe function. */
  subscribe(stream: string, listener: StreamListener): () => void;
  /** Flushes and releases writer claims. */
  close(): Promise<void>;
}

// ── Agent runner ───────────────────────────────────────────────────────────────────────────────

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
  /**
   * The wave's `wave-scope.json` the Claude scope hook enforces (absolute). Default: the hook
   * searches `<cwd>/{.pi,.cursor,.codex,.claude}/wave-scope.json`; a worktree agent needs it set.
   */
  scopeManifest?: string;
  /**
   * The edit-spiral rule of the session's live loop detectors (`supervision.spiral-rule`,
   * default `default`).
   */
  spiralRule?: SpiralRule;
  /**
   * Flow control from the engine's bounded queue: while `saturated()` is true a runner should stop
   * reading its agent's stream (pause the pipe) until `drained()` resolves. Events emitted anyway
   * are never dropped; honouring it keeps memory bounded when an agent outruns the log.
   */
  backpressure?: Backpressure;
}

/** The engine's queue, as producers see it (see {@link AgentRunRequest.backpressure}). */
export interface Backpressure {
  /** True when producers should pause. */
  saturated(): boolean;
  /** Resolves when producers may go on. */
  drained(): Promise<void>;
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
  /**
   * Set when the agent cannot run in this environment at all (program missing, API key refused,
   * not logged in, untrusted folder…): one clear sentence. The runtime then stops the session
   * (exit 3) instead of failing every task one by one and dispatching fix agents.
   */
  environmentFailure?: string;
}

/**
 * Starts one agent and reports its stream as events.
 *
 * The contract: `run` is called once per agent run. The runtime owns the run's `agent.started`
 * event: a runner may emit one (with the process id and argv) when its agent starts; if it emits
 * anything else first, or returns without one, the runtime logs `agent.started` for it (pid null).
 * Stream events (`agent.output`, `agent.tool_called`, `agent.tool_failed`, `agent.usage`) carry
 * the request's `agentId`. The terminal event is returned, never emitted.
 */
export interface AgentRunner {
  /**
   * Runs the agent to its end. Stream events go to `emit` in order; the terminal event is
   * returned (never emitted). Never rejects for agent failures: those are terminal events.
   */
  run(request: AgentRunRequest, emit: AgentEmit): Promise<AgentRunResult>;
}

// ── Git ────────────────────────────────────────────────────────────────────────────────────────

export type {
  AutoCommit,
  CleanOptions,
  CommitInfo,
  GitActor,
  GitSnapshot,
  WorkingTreeChanges,
} from './ports/git.port.js';

// ── Clock, decision asker, blob sink ───────────────────────────────────────────────────────────

/**
 * A source of time in epoch milliseconds. Only the runtime reads time, through this, and stamps
 * it into events; machines and projections never see a clock.
 */
export interface Clock {
  now(): number;
}

/** An answer and who gave it. */
export interface DecisionAnswer {
  answer: string;
  by: 'user' | 'policy';
}

/** Answers a decision point; aborting `signal` withdraws the question (the promise rejects). */
export type DecisionAsker = (question: AskEffect, signal: AbortSignal) => Promise<DecisionAnswer>;

/**
 * Stores a large payload and returns its address (sha256) at once, as the runtime's blob store
 * does; called synchronously by the stream parsers while they parse.
 */
export type BlobSink = (content: string) => string;
