/**
 * Claude Code permission denials: the most common newcomer mistake is an agent that may not edit
 * or run anything non-interactively. Each denial is reported as a tool failure with the flag that
 * would allow it (Claude Code CLI reference: `--permission-mode acceptEdits`, `--allowedTools`).
 */
import { asRecord, asString } from './stream-item.js';

const EDIT_TOOLS = new Set(['Edit', 'Write', 'MultiEdit', 'NotebookEdit']);

/** Texts Claude Code puts in the `tool_result` of a call it refused for lack of permission. */
const DENIAL_TEXT =
  /requested permissions? to|haven't granted it yet|requires approval|permission to use .* (?:was|has been) denied/i;

/** True when a tool error text is a permission denial. */
export function isPermissionDenialText(text: string): boolean {
  return DENIAL_TEXT.test(text);
}

/** The runner flag that would allow this tool call. */
export function allowFlagFor(tool: string, input: Record<string, unknown>): string {
  if (EDIT_TOOLS.has(tool)) return '--permission-mode acceptEdits';
  if (tool === 'Bash') {
    const word = (asString(input.command) ?? '').trim().split(/\s+/)[0] ?? '';
    return word === '' ? '--allowedTools Bash' : `--allowedTools "Bash(${word}:*)"`;
  }
  return `--allowedTools ${tool}`;
}

/** The main target of a tool input (file path or command), for messages. */
export function targetOf(input: Record<string, unknown>): string | undefined {
  const r = asRecord(input);
  return (
    asString(r.file_path) ??
    asString(r.notebook_path) ??
    asString(r.path) ??
    asString(r.command) ??
    asString(r.pattern)
  );
}
