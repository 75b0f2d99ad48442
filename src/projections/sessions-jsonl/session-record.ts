/**
 * Builds the sessions.jsonl record of a finished session from its folded view. Pure. Key order
 * follows the reference's written form (`generated/sessions/sessions.valid.generated.jsonl`);
 * unmeasured values are omitted, never zero-filled.
 */
import type { AgentOutcome } from '../../domain/status.js';
import type { SessionMetricsView, WaveMetrics } from './session-metrics.view.js';
import { CURRENT_SESSION_SCHEMA_VERSION } from '../../formats/validate-session.js';

/** Rounds to two decimals (over_delivery_ratio, completion_rate). */
function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** `agent_summary` bucket of an agent run's final outcome (null = never finished ⇒ failed). */
function summaryBucket(outcome: AgentOutcome | null): 'complete' | 'partial' | 'failed' | 'spiral' {
  switch (outcome) {
    case 'done':
      return 'complete';
    case 'partial':
    case 'stagnant':
      return 'partial';
    case 'spiral':
      return 'spiral';
    default:
      return 'failed';
  }
}

function waveItem(w: WaveMetrics): Record<string, unknown> | null {
  if (w.skipped) {
    return { wave: w.wave, role: w.role, agent_count: 0, files_changed: 0, quality: 'skip' };
  }
  const done = w.completed;
  if (!done) return null;
  const item: Record<string, unknown> = { wave: w.wave, role: done.role, agent_count: w.agentRuns };
  if (w.dispatchedPlanned !== undefined) item.agent_count_planned = w.dispatchedPlanned;
  if (w.dispatchedStarted !== undefined) item.agent_count_started = w.dispatchedStarted;
  item.files_changed = done.filesChanged;
  item.quality = done.quality;
  if (w.plannedFiles !== undefined) {
    item.planned_files_count = w.plannedFiles;
    item.over_delivery_ratio = round2(done.filesChanged / Math.max(w.plannedFiles, 1));
  }
  if (done.suite) {
    item.suite_passed = done.suite.passed;
    item.suite_failed = done.suite.failed;
    item.suite_platform = done.suite.platform;
  }
  return item;
}

function effectiveness(view: SessionMetricsView): Record<string, unknown> | undefined {
  const planned = view.plannedTaskIds;
  if (planned.length === 0) return undefined;
  const plannedSet = new Set(planned);
  const completed = planned.filter((id) => view.missions.get(id) === 'completed').length;
  let emergent = 0;
  for (const id of view.missions.keys()) if (!plannedSet.has(id)) emergent += 1;
  return {
    planned_issues: planned.length,
    completed,
    carryover: planned.length - completed,
    emergent,
    completion_rate: round2(completed / planned.length),
  };
}

function stagnationEvents(view: SessionMetricsView): Record<string, unknown> | undefined {
  if (view.stagnation.length === 0) return undefined;
  const byPattern: Record<string, number> = {};
  const byClass: Record<string, number> = {};
  const files: string[] = [];
  for (const s of view.stagnation) {
    byPattern[s.pattern] = (byPattern[s.pattern] ?? 0) + 1;
    if (s.pattern === 'error-echo' && s.errorClass) {
      byClass[s.errorClass] = (byClass[s.errorClass] ?? 0) + 1;
    }
    if (s.file !== null && !files.includes(s.file)) files.push(s.file);
  }
  const sorted = (o: Record<string, number>): Record<string, number> =>
    Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, o[k] as number]),
    );
  return {
    total: view.stagnation.length,
    by_pattern: sorted(byPattern),
    by_error_class: sorted(byClass),
    files,
  };
}

function addTokens(view: SessionMetricsView, rec: Record<string, unknown>): void {
  let input: number | undefined;
  let output: number | undefined;
  let agents = 0;
  for (const u of view.usage.values()) {
    agents += 1;
    if (u.input !== undefined) input = (input ?? 0) + u.input;
    if (u.output !== undefined) output = (output ?? 0) + u.output;
  }
  if (input !== undefined) rec.total_token_input = input;
  if (output !== undefined) rec.total_token_output = output;
  if (agents > 0) rec.subagents_with_tokens = agents;
}

/**
 * Dollars (`total_cost_usd`: reported by the runners, else priced with `prices:`; absent, "not
 * measured", when no agent reported usage or one reported tokens that nothing prices) and the
 * budget limits reached (`budget_exceeded`, absent when none).
 */
function addSpend(view: SessionMetricsView, rec: Record<string, unknown>): void {
  const agents = Object.values(view.spend.agents);
  if (view.usage.size > 0 && agents.every((a) => a.priced)) {
    rec.total_cost_usd = Math.round(view.spend.session.usd * 1e6) / 1e6;
  }
  if (view.budgetTrips.length === 0) return;
  rec.budget_exceeded = view.budgetTrips.map((t) => ({
    scope: t.scope,
    metric: t.metric,
    limit: t.limit,
    spent: t.spent,
    ...(t.wave !== undefined ? { wave: t.wave } : {}),
    ...(t.agentId !== undefined ? { agent_id: t.agentId } : {}),
  }));
}

/** The record, or null while the session has not ended (or never started). */
export function buildSessionRecord(view: SessionMetricsView): Record<string, unknown> | null {
  const { started, end } = view;
  if (!started || !end) return null;
  const d = started.data;
  const waves = [...view.waves.values()]
    .sort((a, b) => a.wave - b.wave)
    .map(waveItem)
    .filter((w): w is Record<string, unknown> => w !== null);
  const summary = { complete: 0, partial: 0, failed: 0, spiral: 0 };
  for (const outcome of view.agents.values()) summary[summaryBucket(outcome)] += 1;
  const startMs = Date.parse(started.ts);
  const endMs = Math.max(Date.parse(end.ts), startMs);
  const rec: Record<string, unknown> = {
    session_id: d.semanticId,
    session_type: d.sessionType,
    platform: d.platform,
    branch: d.branch,
    started_at: started.ts,
    completed_at: end.ts < started.ts ? started.ts : end.ts,
    duration_seconds: Math.round((endMs - startMs) / 1000),
    total_waves: waves.length,
    total_agents: view.agents.size,
    total_files_changed: view.files.size,
    agent_summary: summary,
    waves,
  };
  const eff = effectiveness(view);
  if (eff) rec.effectiveness = eff;
  const stag = stagnationEvents(view);
  if (stag) rec.stagnation_events = stag;
  rec.open_questions_asked = view.askedQuestions.size;
  rec.open_questions_answered = view.questionsAnswered.size;
  rec.open_questions_deferred = view.askedQuestions.size - view.questionsAnswered.size;
  addTokens(view, rec);
  addSpend(view, rec);
  if (d.autopilotRunId !== undefined) rec.autopilot_run_id = d.autopilotRunId;
  if (end.kind === 'completed') {
    rec.status = 'completed';
    rec.outcome = end.data.outcome;
  } else {
    rec.outcome = 'aborted';
    rec.abort_cause = end.data.cause;
    rec.abort_reason = end.data.reason;
  }
  rec.schema_version = CURRENT_SESSION_SCHEMA_VERSION;
  return rec;
}
