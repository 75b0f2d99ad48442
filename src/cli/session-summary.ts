/**
 * The end-of-session summary: one block per wave in the form of the reference's progress update
 * (§A2.2: `## Wave N (Role) Complete ✓`, one bullet per agent `[name]: [status] — [summary]`,
 * Duration, Tests, Adaptations for next wave, notices), then the session outcome and where its
 * files are. Pure: everything comes from the progress view.
 */
import type {
  AgentProgress,
  GateAttemptProgress,
  ProgressView,
  WaveProgress,
} from '../projections/progress.types.js';
import { clip, costText, durationBetween, reasonTag, statusWord } from './progress-format.js';

/** Where the session's files are; each defaults to the on-disk layout under the session's repo. */
export interface SummaryPaths {
  stateMd?: string | null;
  sessionsJsonl?: string | null;
  /** The event log (null: an in-memory store, nothing on disk). */
  log?: string | null;
}

/** Longest agent summary shown in a bullet. */
const SUMMARY_MAX = 160;

function heading(w: WaveProgress): string {
  const head = `## Wave ${w.wave} (${w.role})`;
  switch (w.state) {
    case 'completed':
      return `${head} Complete ✓`;
    case 'skipped':
      return `${head} — Skipped (${w.skipReason ?? 'no tasks'})`;
    case 'blocked':
      return `${head} — Blocked ✗`;
    case 'pending':
      return `${head} — Not started`;
    default:
      return `${head} — Interrupted (${w.state})`;
  }
}

function agentBullet(a: AgentProgress): string {
  let text = a.summary;
  if (a.remaining) text = `${text} | REMAINING: ${a.remaining}`;
  const summary = text.trim() === '' ? '(no summary)' : clip(text, SUMMARY_MAX);
  const cost = a.costUsd === null ? '' : ` (${costText(a.costUsd)})`;
  return `- ${clip(a.description, 80)}${reasonTag(a)}: ${statusWord(a.status)}${cost} — ${summary}`;
}

function gateLine(gates: readonly GateAttemptProgress[]): string | null {
  const last = gates[gates.length - 1];
  if (!last) return null;
  const n = gates.length;
  const tries = n === 1 ? '' : ` on attempt ${last.attempt} of ${n}`;
  if (last.result === 'passed') return `- Gate: passed${tries} (${last.gates.join(', ')})`;
  if (last.result === 'running') return `- Gate: attempt ${last.attempt} did not finish`;
  const how = last.timedOut ? 'timed out' : `exit ${String(last.exitCode)}`;
  return `- Gate: ${last.failedGate ?? '?'} failed (${how}) on attempt ${last.attempt}`;
}

function testsLine(w: WaveProgress): string {
  if (w.suite) {
    return `- Tests: ${w.suite.passed} passed, ${w.suite.failed} failed on ${w.suite.platform}`;
  }
  for (let i = w.gates.length - 1; i >= 0; i -= 1) {
    const c = w.gates[i]?.counts;
    if (c) return `- Tests: ${c.passed} passed, ${c.failed} failed (${c.total} total)`;
  }
  return w.gates.length > 0 ? '- Tests: counts not reported' : '- Tests: no gate for this wave';
}

/** The block of one wave. */
function renderWaveSummary(view: ProgressView, w: WaveProgress): string[] {
  const lines = [heading(w)];
  if (w.state === 'skipped' || w.state === 'pending') return lines;
  for (const id of w.agentIds) {
    const a = view.agents.get(id);
    if (a) lines.push(agentBullet(a));
  }
  const took = durationBetween(w.startedAt, w.endedAt);
  if (took !== null) lines.push(`- Duration: ${took}`);
  lines.push(testsLine(w));
  const gate = gateLine(w.gates);
  if (gate) lines.push(gate);
  if (w.filesChangedCount > 0) lines.push(`- Files changed: ${w.filesChangedCount}`);
  const adapt = w.deviations.filter((d) => d.kind === 'D6').map((d) => d.message);
  lines.push(`- Adaptations for next wave: ${adapt.length > 0 ? adapt.join('; ') : 'none'}`);
  for (const d of w.deviations)
    if (d.kind !== 'D6') lines.push(`- Deviation ${d.kind}: ${d.message}`);
  for (const warning of w.warnings) lines.push(`- Warning: ${warning}`);
  return lines;
}

function countEnded(view: ProgressView): { unfinished: number; total: number } {
  let unfinished = 0;
  let total = 0;
  for (const a of view.agents.values()) {
    if (a.status === 'lost') continue;
    total += 1;
    if (a.status !== 'done') unfinished += 1;
  }
  return { unfinished, total };
}

/** The session outcome line. */
function outcomeLine(view: ProgressView): string {
  const name = `Session ${view.semanticId ?? view.sessionId ?? '(unnamed)'}`;
  const took = durationBetween(view.startedAt, view.endedAt);
  const after = took === null ? '' : ` after ${took}`;
  switch (view.state) {
    case 'completed': {
      if (view.outcome === 'success')
        return `${name} complete ✓${after}: all waves done, gates green.`;
      const { unfinished, total } = countEnded(view);
      return `${name} complete with carry-over${after}: ${unfinished} of ${total} agent run(s) not done.`;
    }
    case 'aborted':
      return `${name} aborted (${view.abortCause ?? 'unknown'})${after}: ${view.reason ?? ''}`.trimEnd();
    case 'paused':
      return `${name} paused: ${view.reason ?? ''} — continue with \`wave resume\`.`;
    default:
      return `${name} stopped before its end — continue with \`wave resume\`.`;
  }
}

function join(repo: string, rel: string): string {
  return repo.endsWith('/') ? `${repo}${rel}` : `${repo}/${rel}`;
}

/** Default paths of the session's files under its repository (null when unknown). */
function defaultPaths(view: ProgressView): Required<SummaryPaths> {
  const repo = view.repo;
  if (repo === null) return { stateMd: null, sessionsJsonl: null, log: null };
  return {
    stateMd: view.platform ? join(repo, `.${view.platform}/STATE.md`) : null,
    sessionsJsonl: join(repo, '.orchestrator/metrics/sessions.jsonl'),
    log: view.sessionId ? join(repo, `.orchestrator/log/${view.sessionId}.jsonl`) : null,
  };
}

/**
 * Renders the whole summary (ends with a newline). `spend`: the session's spend line and its
 * waves' (from `spendLines`), shown as `- Spend: …`.
 */
export function renderSessionSummary(
  view: ProgressView,
  paths: SummaryPaths = {},
  spend: readonly string[] = [],
): string {
  const blocks: string[] = [];
  const waves = [...view.waves.values()].sort((a, b) => a.wave - b.wave);
  for (const w of waves) blocks.push(renderWaveSummary(view, w).join('\n'));
  const tail = [outcomeLine(view)];
  const costs = [...view.agents.values()].filter((a) => a.costUsd !== null);
  if (costs.length > 0) {
    const total = costs.reduce((sum, a) => sum + (a.costUsd ?? 0), 0);
    tail.push(
      `- Cost: ${costText(total)} over ${costs.length} agent run(s) (as the CLIs reported it)`,
    );
  }
  const [spendLine, ...waveSpend] = spend;
  if (spendLine !== undefined) tail.push(`- Spend${spendLine.slice(5)}`, ...waveSpend);
  for (const warning of view.warnings) tail.push(`- ${warning}`);
  if (view.openQuestions.size > 0) {
    tail.push(`- Open questions: ${view.openQuestions.size} (see STATE.md)`);
  }
  const d = defaultPaths(view);
  const files: [string, string | null | undefined][] = [
    ['STATE.md', paths.stateMd === undefined ? d.stateMd : paths.stateMd],
    ['sessions.jsonl', paths.sessionsJsonl === undefined ? d.sessionsJsonl : paths.sessionsJsonl],
    ['Log', paths.log === undefined ? d.log : paths.log],
  ];
  for (const [label, path] of files) if (path) tail.push(`${label}: ${path}`);
  blocks.push(tail.join('\n'));
  return `${blocks.join('\n\n')}\n`;
}
