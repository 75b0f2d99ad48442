/**
 * Line-level pieces of the reference's markdown session plan (reference-behaviour.md §A2.1):
 * headings, agent lines, `Key: value` pairs, and the choice of one role for a combined wave.
 */
import { RoleSchema, type Role } from '../../domain/plan.schema.js';

/** A piece of a line with its 1-based column. */
export interface Part {
  text: string;
  column: number;
}

/** Splits `line` (whose first character is at `column`) on `separator`, trimming each part. */
export function splitParts(line: string, separator: RegExp, column = 1): Part[] {
  const parts: Part[] = [];
  let start = 0;
  const re = new RegExp(separator.source, 'g');
  const push = (end: number) => {
    const raw = line.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    parts.push({ text: raw.trim(), column: column + start + lead });
  };
  for (let m = re.exec(line); m !== null; m = re.exec(line)) {
    push(m.index);
    start = m.index + m[0].length;
  }
  push(line.length);
  return parts;
}

/** `Key: value` of a part, key normalized (lower case, no spaces, `-` or `_`). */
export function keyValue(part: Part): { key: string; value: Part } | undefined {
  const m = /^(?:\*\*)?([A-Za-z][\w -]*?)(?::\*\*|\*\*:|:)\s*(.*)$/.exec(part.text);
  if (!m) return undefined;
  const rawValue = m[2] ?? '';
  return {
    key: (m[1] ?? '').toLowerCase().replace(/[\s_-]+/g, ''),
    value: { text: rawValue.trim(), column: part.column + part.text.length - rawValue.length },
  };
}

/** `## Wave Plan (Session: <type>, <N> waves, isolation: <x>)`. */
export const WAVE_PLAN_HEADING = /^##\s+Wave Plan\b\s*(?:\((.*)\))?\s*$/;
/** `### Wave k: <Role>[ + <Role>] (<n> agents, …)`. */
export const WAVE_HEADING = /^###\s+Wave\s+(\d+)\s*:\s*([^(]*?)\s*(?:\((.*)\))?\s*$/;
/** `- Agent m: …` (also `- **Agent m:** …`). */
export const AGENT_LINE = /^[-*]\s+(?:\*\*)?Agent\s+(\d+)\s*(?::\*\*|\*\*:|:)\s*(.*)$/;
/** Separator of an agent line's fields. */
export const ARROW = /\s*(?:→|->)\s*/;

/** Roles from strictest verification to least strict: a combined wave takes the strictest. */
const STRICTNESS: readonly Role[] = [
  'Quality',
  'Impl-Polish',
  'Impl-Core',
  'Finalization',
  'Docs',
  'Discovery',
];

/**
 * The role of a wave heading: one role, or the strictest of a combined wave (`Discovery +
 * Impl-Core` is `Impl-Core`). An unknown name is returned as written, for the schema to report.
 */
export function waveRole(text: string): string {
  const names = text
    .split(/\s*[+&/]\s*|\s+and\s+/)
    .map((n) => n.trim())
    .filter(Boolean);
  const roles: Role[] = [];
  for (const name of names) {
    const parsed = RoleSchema.safeParse(name);
    if (!parsed.success) return name;
    roles.push(parsed.data);
  }
  return STRICTNESS.find((r) => roles.includes(r)) ?? text.trim();
}

/** A list of file scopes: comma separated, backticks dropped; `-`, `none`, `n/a` mean none. */
export function fileList(part: Part): { scopes: string[]; columns: number[] } {
  if (/^(?:-|—|none|\(none\)|n\/a|read-only)$/i.test(part.text)) return { scopes: [], columns: [] };
  const pieces = splitParts(part.text, /,/, part.column).filter((p) => p.text !== '');
  return {
    scopes: pieces.map((p) => p.text.replace(/^`|`$/g, '')),
    columns: pieces.map((p) => p.column),
  };
}

/** An integer if `text` is digits, else the text (for the schema to report). */
export function intOrText(text: string): number | string {
  return /^\d+$/.test(text) ? Number.parseInt(text, 10) : text;
}

/** `true`/`false` as a boolean, else the text (for the schema to report). */
export function boolOrText(text: string): boolean | string {
  const lower = text.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : text;
}
