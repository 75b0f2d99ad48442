/**
 * Readers of a STATE.md text, equivalent to the reference's (`readCurrentTask`,
 * `parseMissionStatus`, `readMissionStatus`, `readOpenQuestions`, `readWhatNotToRetry`). They never
 * throw: unparseable input gives `null` or `[]` as the reference's do.
 */
import { MISSION_ID_PATTERN } from '../domain/plan.schema.js';
import { parseStateMd, type YamlMapping, type YamlValue } from './frontmatter.codec.js';
import type { OpenQuestion, QuestionPriority } from '../projections/state-md/state-md.sections.js';

/** The `## Current Wave` banner. */
export interface CurrentTask {
  waveNumber: number | null;
  description: string;
}

/** One entry of the frontmatter `mission-status` block. */
export interface MissionStatusEntry {
  id: string;
  status: string;
  task?: YamlValue;
  wave?: YamlValue;
  [key: string]: YamlValue | undefined;
}

/** One `## What Not To Retry` entry as the reference reads it. */
export interface WhatNotToRetryEntry {
  approach: string;
  why_failed: string;
  session_id: string;
  date: string;
}

const OPEN_QUESTION_RE =
  /^-\s+\[([ x])\]\s+(.+?)\s+\(source:\s*(.+?),\s*prio:\s*(high|medium|low)\)(?:\s*→\s*Antwort:\s*(.*))?$/;
const TS_SOURCE = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z';

/** The lines of the body section whose heading matches `heading`, or null when absent. */
function sectionLines(contents: unknown, heading: RegExp): string[] | null {
  const parsed = parseStateMd(contents);
  if (parsed === null) return null;
  const lines = parsed.body.split(/\r?\n/);
  const start = lines.findIndex((l) => heading.test(l));
  if (start === -1) return null;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    if (/^##\s+/.test(lines[i] as string)) {
      end = i;
      break;
    }
  }
  return lines.slice(start + 1, end);
}

/** The `## Current Wave` banner: first non-blank line after the heading. */
export function readCurrentTask(contents: unknown): CurrentTask | null {
  const parsed = parseStateMd(contents);
  if (parsed === null) return null;
  const lines = parsed.body.split(/\r?\n/);
  const start = lines.findIndex((l) => /^##\s+Current Wave\b/.test(l));
  if (start === -1) return null;
  // As the reference: the first non-blank line after the heading, wherever it is.
  const first = lines.slice(start + 1).find((l) => l.trim() !== '');
  if (first === undefined) return null;
  const description = first.trim();
  const m = /^Wave\s+(\d+)\b/.exec(description);
  return { waveNumber: m ? parseInt(m[1] as string, 10) : null, description };
}

function isMapping(v: unknown): v is YamlMapping {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isScalar(v: unknown): boolean {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

/**
 * The valid entries of the frontmatter `mission-status` block (id of the mission grammar,
 * non-empty status, scalar task/wave), or null when the key is absent or not a list.
 */
export function parseMissionStatus(frontmatter: unknown): MissionStatusEntry[] | null {
  if (
    !isMapping(frontmatter) ||
    !Object.prototype.hasOwnProperty.call(frontmatter, 'mission-status')
  ) {
    return null;
  }
  const raw = frontmatter['mission-status'];
  if (!Array.isArray(raw)) return null;
  const items: MissionStatusEntry[] = [];
  for (const entry of raw) {
    if (!isMapping(entry)) continue;
    if (typeof entry.id !== 'string' || !MISSION_ID_PATTERN.test(entry.id)) continue;
    if (typeof entry.status !== 'string' || entry.status.trim() === '') continue;
    if ('task' in entry && !isScalar(entry.task)) continue;
    if ('wave' in entry && !isScalar(entry.wave)) continue;
    items.push(entry as MissionStatusEntry);
  }
  return items;
}

/** The status of one task in the `## Mission Status` body section, or null. */
export function readMissionStatus(contents: unknown, taskId: string): string | null {
  if (typeof taskId !== 'string' || taskId === '') return null;
  const lines = sectionLines(contents, /^##\s+Mission Status\s*$/);
  if (lines === null) return null;
  const id = taskId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const writer = new RegExp(`^- ${id}: (.*) \\(updated ${TS_SOURCE}\\)$`);
  for (const line of lines) {
    const m = writer.exec(line);
    if (m) return m[1] as string;
  }
  const legacy = new RegExp(`^-\\s+${id}:\\s+(\\S+)`);
  for (const line of lines) {
    const m = legacy.exec(line);
    if (m) return m[1] as string;
  }
  return null;
}

/** The entries of `## Open Questions` (malformed bullets skipped). */
export function readOpenQuestions(contents: unknown): OpenQuestion[] {
  const lines = sectionLines(contents, /^##\s+Open Questions\b/) ?? [];
  const out: OpenQuestion[] = [];
  for (const line of lines) {
    const m = OPEN_QUESTION_RE.exec(line.trim());
    if (!m) continue;
    const q: OpenQuestion = {
      question: (m[2] as string).trim(),
      source: (m[3] as string).trim(),
      priority: m[4] as QuestionPriority,
      answered: m[1] === 'x',
    };
    if (q.answered && typeof m[5] === 'string') q.answer = m[5].trim();
    out.push(q);
  }
  return out;
}

/** The entries of `## What Not To Retry`. */
export function readWhatNotToRetry(contents: unknown): WhatNotToRetryEntry[] {
  const lines = sectionLines(contents, /^##\s+What Not To Retry\b/) ?? [];
  const out: WhatNotToRetryEntry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = /^-\s+\*\*(.+?)\*\*\s+\((.+),\s*(.+)\)\s*$/.exec(lines[i] as string);
    if (!head) continue;
    let why = '';
    for (let j = i + 1; j < lines.length; j++) {
      const t = (lines[j] as string).trim();
      if (/^-\s+\*\*/.test(t)) break;
      const w = /^-\s+why:\s*(.*)$/.exec(t);
      if (w) {
        why = w[1] as string;
        break;
      }
    }
    out.push({
      approach: head[1] as string,
      why_failed: why,
      session_id: (head[2] as string).trim(),
      date: (head[3] as string).trim(),
    });
  }
  return out;
}
