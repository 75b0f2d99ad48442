/**
 * Which files an agent changed, from its tool-call stream: Claude Code `Edit` / `Write` /
 * `MultiEdit` / `NotebookEdit` (`file_path` / `notebook_path`), Gemini CLI `write_file` /
 * `replace`, and Codex `file_change` items (`changes[].path`). Paths become repository-relative
 * (POSIX separators); paths outside the working directory are dropped. Only calls that did not
 * fail count as changes. Edits of sub-agents count: the files did change in this run.
 */
import { isEditTool } from '../../domain/supervision/tool-fact.shape.js';
import { primaryPath, toRepoRelative } from '../../domain/supervision/repo-path.js';

/** A tool call with its outcome, as collected from the stream. */
export interface ToolCallRecord {
  tool: string;
  input: Record<string, unknown>;
  callId?: string;
  /** The error text when the call failed. */
  error?: string;
  /** The call was made by a sub-agent (Claude `parent_tool_use_id`), not the agent itself. */
  subagent?: boolean;
  /** The CLI refused the call for lack of permission; the flag that would allow it. */
  deniedWith?: string;
  /** Position in the run's stream (texts and calls share the counter). */
  seq?: number;
}

/** The repository-relative files one call edits (empty for non-edit tools). */
export function editTargets(call: ToolCallRecord, cwd: string): string[] {
  if (!isEditTool(call.tool)) return [];
  const raw: string[] = [];
  if (call.tool === 'file_change') {
    const changes = call.input.changes;
    if (Array.isArray(changes)) {
      for (const change of changes) {
        const p = (change as { path?: unknown } | null)?.path;
        if (typeof p === 'string') raw.push(p);
      }
    }
  } else {
    const p = primaryPath(call.input);
    if (p !== undefined) raw.push(p);
  }
  const out: string[] = [];
  for (const p of raw) {
    const rel = toRepoRelative(cwd, p);
    if (rel !== undefined && !out.includes(rel)) out.push(rel);
  }
  return out;
}

/** How many successful edit calls touched each file. */
function editCounts(calls: readonly ToolCallRecord[], cwd: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of calls) {
    if (call.error !== undefined) continue;
    for (const file of editTargets(call, cwd)) counts.set(file, (counts.get(file) ?? 0) + 1);
  }
  return counts;
}

/** The files changed by successful edit calls: repository-relative, sorted, unique. */
export function filesChanged(calls: readonly ToolCallRecord[], cwd: string): string[] {
  return [...editCounts(calls, cwd).keys()].sort();
}
