/**
 * Stagnation detectors over one agent's tool-call stream (reference §A4/§A5), pure:
 * - `edit-spiral`: the same file successfully edited ≥ 3 times by the agent;
 * - `turn-key-repetition`: 3 identical consecutive turn keys `<tool>:<args>` with the paging
 *   arguments (`offset`, `limit`, `start_line`, `end_line`, `number`) stripped — except runs of
 *   reads that differ only in paging (pagination) and runs where every call failed (error echo);
 * - `pagination-spiral`: ≥ 3 reads/greps of the same target differing only in paging, with no
 *   edit of that file in between, still open at the end (paging that ends in an edit is fine);
 * - `error-echo`: the same error of the same tool on the same target ≥ 3 times, with its error
 *   class (Claude Code's "File does not exist." omits the path: four reads of four missing files
 *   are four different errors).
 * Codex 0.4x `file_change` items carry only path and kind, no diff: three patches of one file
 * look identical, so neither a repetition nor an edit spiral rests on them (they still count as
 changed files).
 * Prefers false negatives, as the reference asks.
 */
import type { ErrorClass } from '../../domain/status.js';
import type { StagnationFinding } from '../../ports.js';
import {
  editCounts,
  editTargets,
  primaryPath,
  toRepoRelative,
  type ToolCallRecord,
} from './edit-tracker.js';

/** Arguments that page through a file and are ignored when comparing calls. */
const PAGING_KEYS: readonly string[] = ['offset', 'limit', 'start_line', 'end_line', 'number'];
const READ_TOOLS = new Set([
  'read',
  'grep',
  'read_file',
  'grep_search',
  'search_file_content',
  'view',
]);
const THRESHOLD = 3;

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The reference's turn key: `<tool>:<args>` with the paging arguments stripped. */
export function turnKey(call: Pick<ToolCallRecord, 'tool' | 'input'>): string {
  const stripped: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(call.input)) if (!PAGING_KEYS.includes(k)) stripped[k] = v;
  return `${call.tool}:${stable(stripped)}`;
}

function isRead(tool: string): boolean {
  return READ_TOOLS.has(tool.toLowerCase());
}

function fileOf(call: ToolCallRecord, cwd: string): string | null {
  const edited = editTargets(call, cwd)[0];
  if (edited !== undefined) return edited;
  const p = primaryPath(call.input);
  return p === undefined ? null : (toRepoRelative(cwd, p) ?? null);
}

/** Classifies a repeated error text (exactly one class). */
export function classifyError(error: string): ErrorClass {
  const e = error.toLowerCase();
  if (
    /old_string|string to replace|not found in file|not unique|multiple matches|found \d+ matches|whitespace/.test(
      e,
    )
  ) {
    return 'edit-format-friction';
  }
  if (/scope/.test(e) && /(denied|outside|not allowed|violation)/.test(e)) return 'scope-denied';
  if (/command/.test(e) && /(blocked|denied|not allowed)/.test(e)) return 'command-blocked';
  if (/requires approval|permission denied|requested permissions?|haven't granted/.test(e)) {
    return 'command-blocked';
  }
  return 'other';
}

function editSpirals(calls: readonly ToolCallRecord[], cwd: string): StagnationFinding[] {
  const out: StagnationFinding[] = [];
  const seen = calls.filter((c) => !blindPatch(c));
  for (const [file, n] of [...editCounts(seen, cwd)].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (n >= THRESHOLD) out.push({ pattern: 'edit-spiral', file, occurrences: n });
  }
  return out;
}

function repetitions(calls: readonly ToolCallRecord[], cwd: string): StagnationFinding[] {
  const out: StagnationFinding[] = [];
  let i = 0;
  while (i < calls.length) {
    const first = calls[i] as ToolCallRecord;
    const key = turnKey(first);
    let j = i + 1;
    while (j < calls.length && turnKey(calls[j] as ToolCallRecord) === key) j += 1;
    const run = calls.slice(i, j);
    const paging = isRead(first.tool) && new Set(run.map((c) => stable(c.input))).size > 1;
    // The same call failing again and again is an error echo, not a repetition.
    const allFailed = run.every((c) => c.error !== undefined);
    if (run.length >= THRESHOLD && !paging && !allFailed && !run.every(blindPatch)) {
      out.push({
        pattern: 'turn-key-repetition',
        file: fileOf(first, cwd),
        occurrences: run.length,
      });
    }
    i = j;
  }
  return out;
}

function paginations(calls: readonly ToolCallRecord[], cwd: string): StagnationFinding[] {
  const streaks = new Map<string, { file: string | null; raw: Set<string>; count: number }>();
  for (const call of calls) {
    const edited = editTargets(call, cwd);
    if (edited.length > 0) {
      for (const [key, s] of streaks)
        if (s.file !== null && edited.includes(s.file)) streaks.delete(key);
      continue;
    }
    if (!isRead(call.tool)) continue;
    const key = turnKey(call);
    const s = streaks.get(key) ?? { file: fileOf(call, cwd), raw: new Set<string>(), count: 0 };
    s.count += 1;
    s.raw.add(stable(call.input));
    streaks.set(key, s);
  }
  const out: StagnationFinding[] = [];
  for (const s of streaks.values()) {
    if (s.count >= THRESHOLD && s.raw.size > 1) {
      out.push({ pattern: 'pagination-spiral', file: s.file, occurrences: s.count });
    }
  }
  return out;
}

/** A Codex `file_change` without diffs: its input says which files, not what changed. */
function blindPatch(call: ToolCallRecord): boolean {
  if (call.tool !== 'file_change') return false;
  const changes = call.input.changes;
  return (
    !Array.isArray(changes) ||
    changes.some((c) => typeof (c as { diff?: unknown } | null)?.diff !== 'string')
  );
}

/** What a call acted on: its file, else its command or pattern, for grouping errors. */
function targetKey(call: ToolCallRecord, cwd: string): string {
  const file = fileOf(call, cwd);
  if (file !== null) return file;
  for (const key of ['command', 'pattern', 'query', 'url']) {
    const v = call.input[key];
    if (typeof v === 'string') return `${key}:${v}`;
  }
  return stable(call.input);
}

function errorEchoes(calls: readonly ToolCallRecord[], cwd: string): StagnationFinding[] {
  const seen = new Map<string, { n: number; error: string; file: string | null }>();
  for (const call of calls) {
    if (call.error === undefined) continue;
    const norm = call.error.replace(/\s+/g, ' ').trim().slice(0, 500);
    if (norm === '') continue;
    const key = `${call.tool}\u0000${targetKey(call, cwd)}\u0000${norm}`;
    const e = seen.get(key) ?? { n: 0, error: norm, file: fileOf(call, cwd) };
    e.n += 1;
    seen.set(key, e);
  }
  const out: StagnationFinding[] = [];
  for (const e of seen.values()) {
    if (e.n >= THRESHOLD) {
      out.push({
        pattern: 'error-echo',
        errorClass: classifyError(e.error),
        file: e.file,
        occurrences: e.n,
      });
    }
  }
  return out;
}

/** Runs every detector over one agent's calls (in stream order). */
export function detectStagnation(
  calls: readonly ToolCallRecord[],
  cwd: string,
): StagnationFinding[] {
  return [
    ...editSpirals(calls, cwd),
    ...repetitions(calls, cwd),
    ...paginations(calls, cwd),
    ...errorEchoes(calls, cwd),
  ];
}
