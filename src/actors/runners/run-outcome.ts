/**
 * The outcome of one finished agent run, from what its run collector gathered: the STATUS line when
 * the agent gave one, else the reference's inference; permission denials appended to the summary;
 * then the spiral / stagnation / error-echo overrides of the stagnation findings.
 * Pure: no I/O, deterministic for a given run.
 */
import type { AgentOutcome, ReportedStatus } from '../../domain/status.js';
import type { StagnationFinding } from '../../ports.js';
import type { ToolCallRecord } from './edit-tracker.js';
import { parseStatusReport, type OpenQuestion } from './status-line.parser.js';
import type { StreamItem } from './stream-item.js';

/** The `result` item of a run's stream. */
export type ResultItem = Extract<StreamItem, { kind: 'result' }>;

/** How the process ended, as far as the outcome cares. */
export interface ExitInfo {
  exitCode: number | null;
  /** Exit codes that mean "turn limit reached" for this runner (Gemini CLI: 53). */
  truncatedExitCodes?: readonly number[];
}

/** The outcome of a finished run, ready for `agent.finished` (minus `agentId`). */
export interface RunOutcome {
  status: AgentOutcome;
  reported: ReportedStatus | null;
  summary: string;
  remaining?: string;
  filesChanged: string[];
  turns: number;
  exitCode: number | null;
  openQuestions: OpenQuestion[];
  findings: StagnationFinding[];
}

/** What {@link resolveOutcome} needs from a collected run. */
export interface CollectedRun {
  /** The final message (see `RunCollector.finalText`). */
  final: string;
  /** Repository-relative files the run changed. */
  files: string[];
  /** Model turns (see `RunCollector.turns`). */
  turns: number;
  /** The open questions, deduplicated. */
  openQuestions: OpenQuestion[];
  /** The stagnation findings of the run's own calls. */
  findings: StagnationFinding[];
  /** The permission denials, as one sentence ('' when none). */
  denials: string;
  /** The stream's `result` item, if it had one. */
  result: ResultItem | undefined;
  /** The last `error` item's message. */
  lastError: string | undefined;
  /** The agent's own last tool call (not a sub-agent's). */
  lastOwn: ToolCallRecord | undefined;
  /** Stream position of the last text (-1 when none), to tell an answered failure. */
  lastTextSeq: number;
}

const SUMMARY_MAX = 300;

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > SUMMARY_MAX ? `${line.slice(0, SUMMARY_MAX - 1)}…` : line;
}

/** Resolves the outcome of a run that ended with a result. */
export function resolveOutcome(run: CollectedRun, exit: ExitInfo): RunOutcome {
  const { final, files, findings } = run;
  const base = {
    filesChanged: files,
    turns: run.turns,
    exitCode: exit.exitCode,
    openQuestions: run.openQuestions,
    findings,
  };
  const report = parseStatusReport(final);
  let status: AgentOutcome;
  let summary: string;
  let remaining: string | undefined;
  if (report) {
    status = report.status;
    summary = report.summary;
    remaining = report.remaining;
  } else {
    ({ status, summary } = inferStatus(run, exit));
  }
  const denials = run.denials;
  if (denials !== '') summary = summary === '' ? denials : `${summary}; ${denials}`;
  const patterns = new Set(findings.map((f) => f.pattern));
  if (
    patterns.has('edit-spiral') ||
    patterns.has('turn-key-repetition') ||
    patterns.has('oscillation')
  ) {
    status = 'spiral';
  } else if (patterns.has('error-echo')) status = 'failed';
  else if (patterns.has('pagination-spiral')) status = 'stagnant';
  const out: RunOutcome = { status, reported: report?.status ?? null, summary, ...base };
  if (remaining !== undefined) out.remaining = remaining;
  return out;
}

/** The reference's inference for a missing STATUS line. */
function inferStatus(
  run: CollectedRun,
  exit: ExitInfo,
): { status: ReportedStatus; summary: string } {
  const { final, files, result } = run;
  const truncated =
    result?.truncated === true ||
    (exit.exitCode !== null && (exit.truncatedExitCodes ?? []).includes(exit.exitCode));
  if (truncated) {
    return {
      status: 'partial',
      summary: 'stopped at its turn or budget limit without a STATUS line',
    };
  }
  const last = run.lastOwn;
  // A failed last call the agent answered afterwards was recovered from.
  const unanswered = last?.error !== undefined && (last.seq ?? 0) > run.lastTextSeq;
  const resultFailed = result === undefined || result.isError;
  const error =
    (resultFailed ? run.lastError : undefined) ??
    (result?.isError === true ? oneLine(final) || 'the agent reported an error' : undefined) ??
    (unanswered && last?.error !== undefined
      ? `${last.tool}: ${oneLine(last.error)}`
      : undefined) ??
    (exit.exitCode !== null && exit.exitCode !== 0 ? `exit code ${exit.exitCode}` : undefined);
  if (error !== undefined) return { status: 'failed', summary: oneLine(error) };
  if (files.length > 0) {
    return { status: 'done', summary: `changed ${files.length} file(s); no STATUS line` };
  }
  const lastLine = final
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .at(-1);
  if (lastLine !== undefined) return { status: 'done', summary: oneLine(lastLine) };
  return { status: 'failed', summary: 'no output and no STATUS line' };
}
