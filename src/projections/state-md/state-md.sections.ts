/**
 * Pure renderers of the STATE.md body sections, in the reference's exact text formats
 * (`reference-behaviour.md` §B1). Each takes plain data and returns text; none reads a clock.
 */

/** The placeholder of an empty section, as the reference's init template writes it. */
const PLACEHOLDER = '(none yet)';
/** FIFO cap of `## Open Questions` (oldest dropped first). */
export const MAX_OPEN_QUESTIONS = 20;
/** FIFO cap of `## What Not To Retry` (oldest dropped first). */
export const MAX_WHAT_NOT_TO_RETRY = 10;

/** Collapses every run of CR/LF into one space and trims, as the reference's writers do. */
export function collapseNewlines(value: string): string {
  return value.replace(/\r?\n+/g, ' ').trim();
}

/** The start of a `## <title>` section: heading and blank line. */
export function sectionHeading(title: string): string {
  return `## ${title}\n\n`;
}

/** One `## <title>` section: heading, blank line, content (or the placeholder). */
export function renderSection(title: string, content: string): string {
  return `${sectionHeading(title)}${content === '' ? PLACEHOLDER : content}`;
}

/** The `## Current Wave` banner: `Wave <N> — <text>`. */
export function formatBanner(wave: number, text: string): string {
  return `Wave ${wave} — ${collapseNewlines(text)}`;
}

/** The measured part of a Wave History header. */
export interface WaveMeasure {
  planned: number;
  actual: number;
  suite?: { passed: number; failed: number; platform: string } | undefined;
}

/** `actual / max(planned, 1)` with two decimals. */
function overDelivery(planned: number, actual: number): string {
  return (actual / Math.max(planned, 1)).toFixed(2);
}

/**
 * A Wave History header: `### Wave N — <Role> (planned P files → actual A, over-delivery R) —
 * suite X/Y on <platform>`. The parenthetical is left out when `grounding` is false, the suite part
 * when no suite was measured.
 */
export function formatWaveHeader(
  wave: number,
  role: string,
  measure: WaveMeasure,
  grounding: boolean,
): string {
  let line = `### Wave ${wave} — ${role}`;
  if (grounding) {
    const { planned, actual } = measure;
    line += ` (planned ${planned} files → actual ${actual}, over-delivery ${overDelivery(planned, actual)})`;
  }
  if (measure.suite) {
    const { passed, failed, platform } = measure.suite;
    line += ` — suite ${passed}/${failed} on ${platform}`;
  }
  return line;
}

/** The header of a skipped wave: `### Wave N — <Role> (skipped, no tasks)`. */
export function formatSkippedWave(wave: number, role: string): string {
  return `### Wave ${wave} — ${role} (skipped, no tasks)`;
}

/** One agent of a wave, as reviewed. */
export interface AgentLine {
  description: string;
  status: string;
  files: number;
  /** Free text. Empty ⇒ no note part. */
  note: string;
  /** A carry-over issue: ` → issue #NNN` / ` → existing #NNN`, after the note. */
  issue?: { outcome: 'created' | 'existing'; number: number };
}

/** `- Agent "<description>": <status> — <n> file(s)[ — <note>][ → issue #N| → existing #N]`. */
export function formatAgentLine(agent: AgentLine): string {
  const files = `${agent.files} ${agent.files === 1 ? 'file' : 'files'}`;
  const note = collapseNewlines(agent.note);
  const head = `- Agent "${collapseNewlines(agent.description)}": ${agent.status} — ${files}`;
  const issue = agent.issue
    ? ` → ${agent.issue.outcome === 'created' ? 'issue' : 'existing'} #${agent.issue.number}`
    : '';
  return `${note === '' ? head : `${head} — ${note}`}${issue}`;
}

/** `- [<ISO>] <message>` (newlines in the message collapsed so the bullet stays one line). */
export function formatDeviation(ts: string, message: string): string {
  return `- [${ts}] ${collapseNewlines(message)}`;
}

/** `- <id>: <status> (updated <ISO>)`. */
export function formatMissionLine(id: string, status: string, ts: string): string {
  return `- ${id}: ${status} (updated ${ts})`;
}

/** Priorities of an open question. */
export type QuestionPriority = 'high' | 'medium' | 'low';

/** One entry of `## Open Questions`. */
export interface OpenQuestion {
  question: string;
  source: string;
  priority: QuestionPriority;
  answered: boolean;
  answer?: string;
}

/** `- [ ] <q> (source: <s>, prio: <p>)`, answered: `- [x] … → Antwort: <a>`. */
export function formatOpenQuestion(q: OpenQuestion): string {
  const base = `- [${q.answered ? 'x' : ' '}] ${q.question} (source: ${q.source}, prio: ${q.priority})`;
  return q.answered ? `${base} → Antwort: ${q.answer ?? ''}` : base;
}

/** One entry of `## What Not To Retry`. */
export interface WhatNotToRetry {
  approach: string;
  why: string;
  sessionId: string;
  /** `YYYY-MM-DD`. */
  date: string;
}

/** `- **<approach>** (<session>, <date>)` then `  - why: <why>`, with the reference's defaults. */
export function formatWhatNotToRetry(e: WhatNotToRetry): string {
  const approach = e.approach.length > 0 ? e.approach : '(unspecified approach)';
  const why = e.why.length > 0 ? e.why : '(no reason recorded)';
  const sid = e.sessionId.length > 0 ? e.sessionId : 'unknown-session';
  return `- **${collapseNewlines(approach)}** (${sid}, ${e.date})\n  - why: ${collapseNewlines(why)}`;
}

/** One wave of `## Wave History`: a header line and its agent lines. */
export interface WaveHistoryEntry {
  header: string;
  agents: readonly AgentLine[];
}

/** The content of `## Wave History`: entries separated by a blank line. */
export function renderWaveHistory(entries: readonly WaveHistoryEntry[]): string {
  return entries.map((e) => [e.header, ...e.agents.map(formatAgentLine)].join('\n')).join('\n\n');
}
