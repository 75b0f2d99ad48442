/**
 * The reference's agent report contract (§A4): `STATUS: done — <summary>`, `STATUS:
 * no-tests-needed — …` (= done), `STATUS: partial — <done> | REMAINING: <left>`, `STATUS: failed —
 * <what>`, and `OPEN-QUESTIONS: <q> | context: <why> | candidates: <A / B>` lines. Separators `-`,
 * `–` and `—` are accepted, markdown decoration (bullets, bold, backticks) is ignored, and the
 * LAST STATUS line of the text wins.
 */
import type { ReportedStatus } from '../../domain/status.js';

/** A parsed STATUS line. */
export interface StatusReport {
  /** Normalized status (`no-tests-needed` ⇒ `done`). */
  status: ReportedStatus;
  /** The word the agent wrote (`done`, `no-tests-needed`, `partial`, `failed`). */
  word: string;
  summary: string;
  /** `partial` only: the REMAINING text. */
  remaining?: string;
}

/** One open question an agent raised. */
export interface OpenQuestion {
  question: string;
  context?: string;
  candidates?: string[];
}

const DECORATION = /^[\s>*`_-]*(?:\d+[.)]\s*)?[*`_]*/;
const STATUS_RE =
  /^STATUS[*`_]*\s*:\s*[*`_]*\s*(done|no-tests-needed|partial|failed)\b[*`_]*\s*(.*)$/i;
const SEPARATOR = /^(?:[-–—]+|:)\s*/;
const REMAINING_RE = /\|?\s*REMAINING\s*:\s*/i;
const OPEN_RE = /^OPEN[- ]QUESTIONS?[*`_]*\s*:\s*(.*)$/i;

function undecorate(line: string): string {
  return line.replace(DECORATION, '').replace(/[*`_\s]+$/, '');
}

function normalize(word: string): ReportedStatus {
  const w = word.toLowerCase();
  return w === 'partial' ? 'partial' : w === 'failed' ? 'failed' : 'done';
}

/** Parses one line as a STATUS line, or returns null. */
export function parseStatusLine(line: string): StatusReport | null {
  const m = STATUS_RE.exec(undecorate(line));
  if (!m) return null;
  const word = (m[1] ?? '').toLowerCase();
  const status = normalize(word);
  const rest = (m[2] ?? '').replace(SEPARATOR, '').trim();
  if (status !== 'partial') return { status, word, summary: rest };
  const parts = rest.split(REMAINING_RE);
  const summary = (parts[0] ?? '').replace(/\s*\|\s*$/, '').trim();
  const remaining = parts.slice(1).join(' ').trim();
  return remaining === '' ? { status, word, summary } : { status, word, summary, remaining };
}

/**
 * Finds the last STATUS line of a text. A `partial` without REMAINING on its line takes a
 * following `REMAINING:` line.
 */
export function parseStatusReport(text: string): StatusReport | null {
  const lines = text.split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const report = parseStatusLine(lines[i] ?? '');
    if (!report) continue;
    if (report.status === 'partial' && report.remaining === undefined) {
      for (const next of lines.slice(i + 1)) {
        const m = /^REMAINING\s*:\s*(.+)$/i.exec(undecorate(next));
        if (m) return { ...report, remaining: (m[1] ?? '').trim() };
      }
    }
    return report;
  }
  return null;
}

function parseQuestion(body: string): OpenQuestion | null {
  const parts = body.split(/\s+\|\s+/).map((p) => p.trim());
  const question = (parts[0] ?? '').trim();
  if (question === '' || /^(none|n\/a|-)$/i.test(question)) return null;
  const out: OpenQuestion = { question };
  for (const part of parts.slice(1)) {
    const m = /^(context|candidates)\s*:\s*(.*)$/i.exec(part);
    if (!m) continue;
    const value = (m[2] ?? '').trim();
    if ((m[1] ?? '').toLowerCase() === 'context') out.context = value;
    else
      out.candidates = value
        .split(/\s+\/\s+/)
        .map((c) => c.trim())
        .filter((c) => c !== '');
  }
  return out;
}

/**
 * Collects `OPEN-QUESTIONS:` entries: inline after the marker, or as the bullet lines that follow
 * a bare marker. Deduplicated by question text, first occurrence wins.
 */
export function parseOpenQuestions(text: string): OpenQuestion[] {
  const out: OpenQuestion[] = [];
  const seen = new Set<string>();
  const add = (q: OpenQuestion | null): void => {
    if (q && !seen.has(q.question)) {
      seen.add(q.question);
      out.push(q);
    }
  };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const m = OPEN_RE.exec(undecorate(lines[i] ?? ''));
    if (!m) continue;
    const inline = (m[1] ?? '').trim();
    if (inline !== '') {
      add(parseQuestion(inline));
      continue;
    }
    for (let j = i + 1; j < lines.length; j += 1) {
      const next = lines[j] ?? '';
      if (!/^\s*(?:[-*]|\d+[.)])\s+/.test(next)) break;
      add(parseQuestion(undecorate(next)));
    }
  }
  return out;
}
