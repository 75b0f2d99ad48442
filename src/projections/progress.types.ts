/** Types of the progress view (see progress.view.ts) and its empty value. */
import type { AgentOutcome, WaveQuality } from '../domain/status.js';

/** Status of one agent run as displayed (`lost`: in flight at a crash, re-dispatched). */
export type AgentProgressStatus = 'queued' | 'running' | AgentOutcome | 'lost';
/** State of one wave as displayed. */
export type WaveProgressState =
  'pending' | 'running' | 'gating' | 'skipped' | 'completed' | 'blocked';
/** State of the session as displayed. */
export type SessionProgressState = 'idle' | 'running' | 'paused' | 'completed' | 'aborted';

/** One agent run. */
export interface AgentProgress {
  agentId: string;
  taskId: string;
  wave: number;
  description: string;
  reason: 'planned' | 'redispatch' | 'carryover' | 'fix';
  attempt: number;
  maxTurns: number;
  status: AgentProgressStatus;
  /** Live: max(tool calls, usage turns); final: `agent.finished.turns`. */
  turns: number;
  toolCalls: number;
  toolFailures: number;
  usageTurns: number;
  /** Last tool and its short primary argument, e.g. `Edit src/a.ts`. */
  lastTool: string | null;
  dispatchedAt: string;
  /** Envelope ts of `agent.started`. */
  startedAt: string | null;
  /** Envelope ts of the terminal event. */
  endedAt: string | null;
  /** One-line result: the agent's summary, the crash reason, the timeout. */
  summary: string;
  remaining: string | null;
  filesChanged: readonly string[];
  /** Stagnation patterns seen for this agent. */
  stagnation: string[];
  /** Cost in USD as the agent CLI last reported it (null until it reports one). */
  costUsd: number | null;
}

/** One attempt of a wave's quality gate. */
export interface GateAttemptProgress {
  attempt: number;
  gates: readonly string[];
  result: 'running' | 'passed' | 'failed';
  failedGate: string | null;
  exitCode: number | null;
  timedOut: boolean;
  counts: { passed: number; failed: number; total: number } | null;
  fixAgentId: string | null;
  startedAt: string;
  endedAt: string | null;
}

/** One deviation from the plan (D1–D6). */
export interface DeviationProgress {
  kind: 'D1' | 'D2' | 'D3' | 'D4' | 'D5' | 'D6';
  message: string;
  ts: string;
}

/** One wave. */
export interface WaveProgress {
  wave: number;
  role: string;
  state: WaveProgressState;
  taskIds: readonly string[];
  /** Agent ids in dispatch order. */
  agentIds: string[];
  startedAt: string | null;
  endedAt: string | null;
  skipReason: string | null;
  /** The scope enforcement in force, in words (`enforcementInForce`); null before the wave starts. */
  enforcement: string | null;
  dispatch: { planned: number; started: number; missing: readonly string[] } | null;
  gates: GateAttemptProgress[];
  deviations: DeviationProgress[];
  warnings: string[];
  filesChanged: readonly string[];
  filesChangedCount: number;
  quality: WaveQuality | null;
  suite: { passed: number; failed: number; platform: string } | null;
}

/** The whole progress view (mutable, owned by its fold). */
export interface ProgressView {
  sessionId: string | null;
  semanticId: string | null;
  sessionType: string | null;
  intent: string | null;
  repo: string | null;
  platform: string | null;
  state: SessionProgressState;
  outcome: 'success' | 'carryover' | null;
  abortCause: string | null;
  /** Pause or abort reason. */
  reason: string | null;
  startedAt: string | null;
  endedAt: string | null;
  waves: Map<number, WaveProgress>;
  agents: Map<string, AgentProgress>;
  currentWave: number | null;
  /** Session-level notices (deviations without a wave, decisions, resumes). */
  warnings: string[];
  /** Questions asked and not yet answered. */
  openQuestions: Set<string>;
  pendingDecision: { id: string; prompt: string; default: string } | null;
  lastSeq: number;
  lastTs: string | null;
}

/** An empty view. */
export function initProgress(): ProgressView {
  return {
    sessionId: null,
    semanticId: null,
    sessionType: null,
    intent: null,
    repo: null,
    platform: null,
    state: 'idle',
    outcome: null,
    abortCause: null,
    reason: null,
    startedAt: null,
    endedAt: null,
    waves: new Map(),
    agents: new Map(),
    currentWave: null,
    warnings: [],
    openQuestions: new Set(),
    pendingDecision: null,
    lastSeq: 0,
    lastTs: null,
  };
}

/** The wave entry of `wave`, created pending when first seen. */
export function waveOf(view: ProgressView, wave: number, role = '?'): WaveProgress {
  let w = view.waves.get(wave);
  if (!w) {
    w = {
      wave,
      role,
      state: 'pending',
      taskIds: [],
      agentIds: [],
      startedAt: null,
      endedAt: null,
      skipReason: null,
      enforcement: null,
      dispatch: null,
      gates: [],
      deviations: [],
      warnings: [],
      filesChanged: [],
      filesChangedCount: 0,
      quality: null,
      suite: null,
    };
    view.waves.set(wave, w);
  }
  return w;
}
