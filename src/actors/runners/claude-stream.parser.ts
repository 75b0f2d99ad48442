/**
 * Parser of Claude Code's `--output-format stream-json --verbose` stdout (the Agent SDK's
 * `SDKMessage` union, one JSON object per line):
 * - `system`: `init` (`claude_code_version`, `permissionMode`, tools…), `api_retry` {attempt,
 *   max_retries, retry_delay_ms, error_status, error} (kept as a retry), hook and status events
 *   (ignored);
 * - `assistant`: one content block per line (`text`, `thinking`, `tool_use`), each line repeating
 *   its API `message.id`. A model turn is one distinct main-agent `message.id`; messages of
 *   sub-agents (`parent_tool_use_id` set) and CLI-made `<synthetic>` messages are not turns;
 * - `user`: `tool_result` blocks (`is_error`); permission refusals become permission denials;
 * - `result`: `subtype` success | error_max_turns | error_max_budget_usd (cut-offs) |
 *   error_during_execution | …, `is_error`, `result`, `errors[]`, `num_turns` (prompt plus one per
 *   tool result: not model turns, so not used), `total_cost_usd`, `usage` (input plus cache
 *   creation and cache read tokens), `permission_denials[]` {tool_name, tool_use_id, tool_input}.
 * A run whose result is an error without one model turn could not run at all (key refused, not
 * logged in, no credit): an environment failure. Non-JSON lines are kept as text.
 */
import { allowFlagFor, isPermissionDenialText, targetOf } from './claude-permissions.js';
import {
  asCount,
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

/** `assistant.error` values that mean the CLI cannot reach the model at all. */
const ENVIRONMENT_ERRORS = new Set(['authentication_failed', 'billing_error']);
const CUT_OFFS = new Set(['error_max_turns', 'error_max_budget_usd']);
/** No items (shared, frozen: callers only read what a line gave). */
const NONE: StreamItem[] = Object.freeze([]) as unknown as StreamItem[];
/** The `turn` item (it has no other field: one shared, never changed). */
const TURN: StreamItem = Object.freeze({ kind: 'turn' });
/** Main-agent message ids remembered to tell a new message from another block of one. */
const RECENT_IDS = 16;
/** Calls remembered while waiting for their result (the oldest are forgotten beyond). */
const PENDING_CALLS = 4096;

/** Creates a parser for one Claude Code run. */
export function createClaudeStreamParser(): StreamParser {
  // Calls waiting for their result (dropped when it comes, so memory stays flat on long runs).
  // The `tool_called` item itself is kept (it holds the tool and its input): nothing allocated.
  const calls = new Map<string, { tool: string; input: Record<string, unknown> }>();
  // Main-agent message ids seen: the count, and the last few ids (a message's blocks come on
  // consecutive lines, so a bounded window tells a new message from another block of one).
  const recentIds: string[] = [];
  const recentSet = new Set<string>();
  let turnCount = 0;
  const denied = new Set<string>();
  let environment: string | undefined;

  function denial(callId: string | undefined, tool: string, input: Record<string, unknown>) {
    if (callId !== undefined) denied.add(callId);
    const item: StreamItem = {
      kind: 'permission_denied',
      tool,
      allowWith: allowFlagFor(tool, input),
    };
    const target = targetOf(input);
    if (target !== undefined) item.target = target;
    if (callId !== undefined) item.callId = callId;
    return item;
  }

  function assistant(msg: Record<string, unknown>): StreamItem[] {
    const items: StreamItem[] = [];
    const message = asRecord(msg.message);
    const parent = asString(msg.parent_tool_use_id);
    const synthetic = message.model === '<synthetic>';
    const id = asString(message.id);
    // A message's blocks come on consecutive lines: the newest id is checked first.
    const known = id !== undefined && (recentIds.at(-1) === id || recentSet.has(id));
    if (parent === undefined && !synthetic && id !== undefined && !known) {
      recentIds.push(id);
      recentSet.add(id);
      if (recentIds.length > RECENT_IDS) recentSet.delete(recentIds.shift() as string);
      turnCount += 1;
      items.push(TURN);
    }
    const error = asString(msg.error);
    if (error !== undefined && ENVIRONMENT_ERRORS.has(error)) environment ??= error;
    const content = message.content;
    if (!Array.isArray(content)) return items;
    for (let i = 0; i < content.length; i += 1) {
      const block = asRecord(content[i]);
      if (block.type === 'text' && parent === undefined) {
        const text = asString(block.text);
        if (text !== undefined && text.trim() !== '') items.push({ kind: 'text', text });
      } else if (block.type === 'tool_use') {
        const tool = asString(block.name) ?? 'unknown';
        const callId = asString(block.id);
        const input = asRecord(block.input);
        const item: StreamItem = { kind: 'tool_called', tool, input };
        if (callId !== undefined) {
          item.callId = callId;
          calls.set(callId, item);
          if (calls.size > PENDING_CALLS) calls.delete(calls.keys().next().value as string);
        }
        if (parent !== undefined) item.parentCallId = parent;
        items.push(item);
      }
    }
    return items;
  }

  function user(msg: Record<string, unknown>): StreamItem[] {
    const content = asRecord(msg.message).content;
    if (!Array.isArray(content)) return NONE;
    // Most results succeed and make no item: the list is made for the first failure.
    let items: StreamItem[] | undefined;
    for (let i = 0; i < content.length; i += 1) {
      const block = asRecord(content[i]);
      if (block.type !== 'tool_result') continue;
      const callId = asString(block.tool_use_id);
      if (block.is_error !== true) {
        if (callId !== undefined) calls.delete(callId);
        continue;
      }
      items ??= [];
      const call = callId !== undefined ? calls.get(callId) : undefined;
      if (callId !== undefined) calls.delete(callId);
      const tool = call?.tool ?? 'unknown';
      const error = stripErrorTags(toolResultText(block.content));
      if (isPermissionDenialText(error)) {
        items.push(denial(callId, tool, call?.input ?? {}));
        continue;
      }
      const item: StreamItem = { kind: 'tool_failed', tool, error };
      if (callId !== undefined) item.callId = callId;
      items.push(item);
    }
    return items ?? NONE;
  }

  function system(msg: Record<string, unknown>): StreamItem[] {
    if (msg.subtype !== 'api_retry') return NONE;
    const attempt = asCount(msg.attempt);
    const max = asCount(msg.max_retries);
    const status = asCount(msg.error_status);
    const delay = asCount(msg.retry_delay_ms);
    const what = asString(msg.error) ?? 'error';
    const parts = [
      `API retry${attempt !== undefined ? ` ${attempt}${max !== undefined ? `/${max}` : ''}` : ''}: ${what}`,
      status !== undefined ? ` (HTTP ${status})` : '',
      delay !== undefined ? `, next attempt in ${delay} ms` : '',
    ];
    return [{ kind: 'retry', message: parts.join('') }];
  }

  function result(msg: Record<string, unknown>): StreamItem[] {
    const items: StreamItem[] = [];
    for (const raw of Array.isArray(msg.permission_denials) ? msg.permission_denials : []) {
      const d = asRecord(raw);
      const callId = asString(d.tool_use_id);
      if (callId !== undefined && denied.has(callId)) continue;
      items.push(denial(callId, asString(d.tool_name) ?? 'unknown', asRecord(d.tool_input)));
    }
    const subtype = asString(msg.subtype) ?? 'success';
    const errors = Array.isArray(msg.errors) ? msg.errors.filter((e) => typeof e === 'string') : [];
    if (subtype !== 'success') for (const e of errors) items.push({ kind: 'error', message: e });
    const usage = asRecord(msg.usage);
    // Turns are the distinct main-agent message ids (never `num_turns`). The numbers are
    // untrusted: what is out of range is dropped and named in `rejected`.
    const turns = turnCount;
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
    const usageItem: StreamItem = { kind: 'usage', turns };
    if (input !== undefined) usageItem.inputTokens = input;
    const output = countField(usage, 'output_tokens', rejected);
    if (output !== undefined) usageItem.outputTokens = output;
    const cost = costField(msg, 'total_cost_usd', rejected);
    if (cost !== undefined) usageItem.costUsd = cost;
    if (rejected.length > 0) usageItem.rejected = rejected;
    items.push(usageItem);
    const truncated = CUT_OFFS.has(subtype);
    const isError = !truncated && (msg.is_error === true || subtype !== 'success');
    const text = asString(msg.result);
    if (isError && (environment !== undefined || turns === 0)) {
      const why = text ?? (errors.join('; ') || environment || subtype);
      items.push({ kind: 'environment', message: `Claude Code could not run: ${why}` });
    }
    const resultItem: StreamItem = { kind: 'result', isError, truncated, turns };
    if (text !== undefined) resultItem.text = text;
    items.push(resultItem);
    return items;
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
        case 'system':
          return system(msg);
        case 'result':
          return result(msg);
        default:
          return NONE;
      }
    },
    end: () => [],
  };
}
