/**
 * `runSession()`: one session from start to end as a single call, returning the reference's
 * session runner contract (reference-behaviour.md §G): `session_id`, `agent_summary`,
 * `effectiveness`, `usage`, folded from the session's own events with the same code that writes
 * its sessions.jsonl record, plus wave-executor's exit code and outcome.
 */
import type { DomainEvent } from '../events.js';
import { buildSessionRecord } from '../projections/sessions-jsonl/session-record.js';
import {
  evolveSessionMetrics,
  initSessionMetrics,
} from '../projections/sessions-jsonl/session-metrics.view.js';
import type { RunOutcome, WaveExecutor } from './executor.types.js';

/** `agent_summary` of the reference. */
export interface AgentSummary {
  complete: number;
  partial: number;
  failed: number;
  spiral: number;
}

/** What {@link runSession} returns: the reference's contract (snake_case) and the outcome. */
export interface SessionRunResult {
  /** Semantic label, as in sessions.jsonl. */
  session_id: string;
  agent_summary: AgentSummary;
  /** Absent when the plan has no tasks. */
  effectiveness?: {
    planned_issues: number;
    completed: number;
    carryover: number;
    emergent: number;
    completion_rate: number;
  };
  /** Token usage of every agent run; `cost_usd` only when every run is priced. */
  usage: { input_tokens: number; output_tokens: number; total_tokens: number; cost_usd?: number };
  /** The log's stream id. */
  streamId: string;
  exitCode: RunOutcome['exitCode'];
  outcome: RunOutcome['outcome'];
  reason?: string;
  logPath: string | null;
  /** Epoch ms of the session's last event, and the longest silence between two of its events. */
  lastEventMs: number | null;
  longestGapMs: number;
}

/** What a session's events say, in the contract's shape (pure). */
function sessionResultOf(events: readonly DomainEvent[], outcome: RunOutcome): SessionRunResult {
  const view = initSessionMetrics();
  let last: number | null = null;
  let gap = 0;
  for (const e of events) {
    evolveSessionMetrics(view, e);
    const ms = Date.parse(e.ts);
    if (last !== null) gap = Math.max(gap, ms - last);
    last = last === null ? ms : Math.max(last, ms);
  }
  const rec = buildSessionRecord(view);
  const summary = { complete: 0, partial: 0, failed: 0, spiral: 0 };
  Object.assign(summary, rec?.agent_summary);
  const s = view.spend.session;
  const result: SessionRunResult = {
    session_id: outcome.semanticId,
    agent_summary: summary,
    usage: {
      input_tokens: s.inputTokens,
      output_tokens: s.outputTokens,
      total_tokens: s.inputTokens + s.outputTokens,
      ...(typeof rec?.total_cost_usd === 'number' ? { cost_usd: rec.total_cost_usd } : {}),
    },
    streamId: outcome.sessionId,
    exitCode: outcome.exitCode,
    outcome: outcome.outcome,
    logPath: outcome.logPath,
    lastEventMs: last,
    longestGapMs: gap,
  };
  if (rec?.effectiveness !== undefined) {
    result.effectiveness = rec.effectiveness as NonNullable<SessionRunResult['effectiveness']>;
  }
  if (outcome.reason !== undefined) result.reason = outcome.reason;
  return result;
}

/** Runs a prepared executor to its end and folds its events into the contract. */
export async function runToResult(executor: WaveExecutor): Promise<SessionRunResult> {
  const events: DomainEvent[] = [];
  const unsubscribe = executor.subscribe((batch) => events.push(...batch));
  try {
    return sessionResultOf(events, await executor.run());
  } finally {
    unsubscribe();
  }
}
