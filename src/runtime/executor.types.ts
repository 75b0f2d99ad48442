/**
 * The public types of the executor: options of run and resume, the executor handle, the outcome.
 */
import type { DomainEvent } from '../events.js';
import type { Platform, ResolvedPlan } from '../domain/plan.schema.js';
import type { AgentRunner, Clock, DecisionAsker, EventStore } from '../ports.js';
import type { Projection } from '../projections/projection.js';

/** Options shared by run and resume. */
export interface ExecutorCommonOptions {
  /** The repository the session runs in. */
  repo: string;
  /** Event store (default: JSONL files under `<repo>/.orchestrator/log`). */
  store?: EventStore;
  /** Agent runners by runner name (default: real processes per the plan's runner specs). */
  runners?: Record<string, AgentRunner>;
  clock?: Clock;
  /** Answers decision points (default: the documented default policy). */
  ask?: DecisionAsker;
  /** Aborting stops the session: agents are killed, the log records `session.aborted`. */
  signal?: AbortSignal;
  /** Period of liveness heartbeats (default 60 s). */
  heartbeatMs?: number;
  /** Projections to maintain (default: all). */
  projections?: Projection<unknown>[];
  /** Write projection files into the repository (default true). */
  writeProjections?: boolean;
  /**
   * When the session stops, leave the replay checkpoint of its log (for `wave replay`) if the log
   * has at least this many bytes (default 1 MiB; `Infinity`: never).
   */
  replayCheckpointAfterBytes?: number;
}

/** Options of {@link createWaveExecutor}. */
export interface WaveExecutorOptions extends ExecutorCommonOptions {
  plan: ResolvedPlan;
  /** The plan file (informational, logged in `session.planned`). */
  planSource?: string;
  platform?: Platform;
  /** Run in a working tree with uncommitted changes. */
  allowDirty?: boolean;
  /**
   * Check before anything is written that every runner's and gate's program is installed (exit 2
   * otherwise) and record their versions in `session.started` (default true). Runners served by
   * `runners` are not checked.
   */
  preflight?: boolean;
  /** The autopilot run this session belongs to: logged in `session.started`, stamped on its record. */
  autopilotRunId?: string;
}

/** How a session ended. */
export interface RunOutcome {
  /** 0 completed and green, 1 completed with carry-over, 3 aborted. */
  exitCode: 0 | 1 | 3;
  outcome: 'success' | 'carryover' | 'aborted';
  reason?: string;
  sessionId: string;
  semanticId: string;
  logPath: string | null;
}

/** A session ready to run. */
export interface WaveExecutor {
  readonly sessionId: string;
  /** Receives every committed batch of events, in order. */
  subscribe(listener: (events: readonly DomainEvent[]) => void): () => void;
  /** Runs the session to its end. */
  run(): Promise<RunOutcome>;
}

/** Options of `resumeWaveExecutor`. */
export type ResumeOptions = ExecutorCommonOptions & {
  /** The session (stream id) to resume; default the newest unfinished one. */
  session?: string;
  /** Sees every event replayed from the log before the session goes live. */
  onReplayedEvent?: (event: DomainEvent) => void;
  /**
   * Resume even though the log holds decisions the current code does not take; the acceptance
   * is logged as a decision (`accept-divergence`), so later resumes know it.
   */
  acceptDivergence?: boolean;
  /** Told what resume could not restore (e.g. runner env values: the log keeps names only). */
  onWarning?: (message: string) => void;
};
