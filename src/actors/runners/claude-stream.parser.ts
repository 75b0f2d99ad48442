/**
 * Parser of Claude Code's `--output-format stream-json --verbose` stdout: one JSON object per
 * line — `system` (init), `assistant` (an Anthropic message whose `content` holds `text`,
 * `thinking` and `tool_use` blocks), `user` (tool results: `tool_result` blocks with `is_error`),
 * and a final `result` (`subtype` success | error_max_turns | error_during_execution | …,
 * `is_error`, `result`, `num_turns`, `total_cost_usd`, `usage`). Unknown types are ignored;
 * non-JSON lines are kept as text.
 */
import {
  asRecord,
  costField,
  countField,
  asString,
  parseJsonObject,
  plainText,
  safeSum,
  type StreamItem,
  type StreamParser,
} from './stream-item.js';

/** Text of a `tool_result` content: a string or a list of `{type:'text', text}` blocks. */
function toolResultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((block) => asString(asRecord(block).text) ?? '')
    .filter((t) => t !== '')
    .join('\n');
}

/** Drops Claude Code's `<tool_use_error>` wrapper around tool error texts. */
function stripErrorTags(text: string): string {
  return text.replace(/<\/?tool_use_error>/g, '').trim();
}

/** Creates a parser for one Claude Code run. */
export function createClaudeStreamParser(): StreamParser {
  const toolNames = new Map<string, string>();

  function assistant(msg: Record<string, unknown>): StreamItem[] {
    const items: StreamItem[] = [];
    const content = asRecord(msg.message).content;
    if (!Array.isArray(content)) return items;
    for (const raw of content) {
      const block = asRecord(raw);
      if (block.type === 'text') {
        const text = asString(block.text);
        if (text !== undefined && text.trim() !== '') items.push({ kind: 'text', text });
      } else if (block.type === 'tool_use') {
        const tool = asString(block.name) ?? 'unknown';
        const callId = asString(block.id);
        if (callId !== undefined) toolNames.set(callId, tool);
        const item: StreamItem = { kind: 'tool_called', tool, input: asRecord(block.input) };
        if (callId !== undefined) item.callId = callId;
        items.push(item);
      }
    }
    return items;
  }

  function user(msg: Record<string, unknown>): StreamItem[] {
    const items: StreamItem[] = [];
    const content = asRecord(msg.message).content;
    if (!Array.isArray(content)) return items;
    for (const raw of content) {
      const block = asRecord(raw);
      if (block.type !== 'tool_result' || block.is_error !== true) continue;
      const callId = asString(block.tool_use_id);
      const tool = (callId !== undefined ? toolNames.get(callId) : undefined) ?? 'unknown';
      const item: StreamItem = {
        kind: 'tool_failed',
        tool,
        error: stripErrorTags(toolResultText(block.content)),
      };
      if (callId !== undefined) item.callId = callId;
      items.push(item);
    }
    return items;
  }

  function result(msg: Record<string, unknown>): StreamItem[] {
    const usage = asRecord(msg.usage);
    // Untrusted numbers: what is out of range is dropped and named in `rejected`.
    const rejected: string[] = [];
    const parts = ['input_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens'].map(
      (key) => countField(usage, key, rejected),
    );
    const input =
      parts[0] === undefined || rejected.length > 0
        ? undefined
        : safeSum(
            parts.map((n) => n ?? 0),
            'input_tokens',
            rejected,
          );
    const turns = countField(msg, 'num_turns', rejected);
    const usageItem: StreamItem = { kind: 'usage' };
    if (input !== undefined) usageItem.inputTokens = input;
    const output = countField(usage, 'output_tokens', rejected);
    if (output !== undefined) usageItem.outputTokens = output;
    const cost = costField(msg, 'total_cost_usd', rejected);
    if (cost !== undefined) usageItem.costUsd = cost;
    if (turns !== undefined) usageItem.turns = turns;
    if (rejected.length > 0) usageItem.rejected = rejected;
    const subtype = asString(msg.subtype) ?? 'success';
    const truncated = subtype === 'error_max_turns';
    const resultItem: StreamItem = {
      kind: 'result',
      isError: !truncated && (msg.is_error === true || subtype !== 'success'),
      truncated,
    };
    const text = asString(msg.result);
    if (text !== undefined) resultItem.text = text;
    if (turns !== undefined) resultItem.turns = turns;
    return [usageItem, resultItem];
  }

  return {
    line(line) {
      const msg = parseJsonObject(line);
      if (msg === undefined) return plainText(line);
      switch (msg.type) {
        case 'assistant':
          return assistant(msg);
        case 'user':
          return user(msg);
        case 'result':
          return result(msg);
        default:
          return [];
      }
    },
    end: () => [],
  };
}
