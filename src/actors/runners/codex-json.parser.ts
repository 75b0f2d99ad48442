/**
 * Parser of `codex exec --json` stdout (JSONL `ThreadEvent`s): `thread.started`, `turn.started`,
 * `item.started` / `item.updated` / `item.completed` (items `agent_message`, `reasoning`,
 * `command_execution` {command, aggregated_output, exit_code, status}, `file_change`
 * {changes[{path, kind}], status}, `mcp_tool_call` {server, tool, arguments, error, status},
 * `web_search`, `todo_list`, `error`), `turn.completed` {usage}, `turn.failed` {error} and
 * `error` {message}. Usage is reported cumulatively; turns count agent messages and tool items.
 */
import {
  countField,
  asRecord,
  asString,
  parseJsonObject,
  plainText,
  safeSum,
  type StreamItem,
  type StreamParser,
} from './stream-item.js';

const TOOL_ITEMS = new Set(['command_execution', 'file_change', 'mcp_tool_call', 'web_search']);
const ERROR_TAIL = 2000;

function toolOf(item: Record<string, unknown>): { tool: string; input: Record<string, unknown> } {
  switch (item.type) {
    case 'command_execution':
      return { tool: 'command_execution', input: { command: asString(item.command) ?? '' } };
    case 'file_change':
      return {
        tool: 'file_change',
        input: { changes: Array.isArray(item.changes) ? item.changes : [] },
      };
    case 'mcp_tool_call':
      return {
        tool: `mcp__${asString(item.server) ?? 'unknown'}__${asString(item.tool) ?? 'unknown'}`,
        input: asRecord(item.arguments),
      };
    default:
      return { tool: String(item.type), input: { query: asString(item.query) ?? '' } };
  }
}

/** The error text of a completed tool item, or undefined when it succeeded. */
function failureOf(item: Record<string, unknown>): string | undefined {
  const status = asString(item.status);
  if (item.type === 'command_execution') {
    const code = typeof item.exit_code === 'number' ? item.exit_code : null;
    if (status !== 'failed' && status !== 'declined' && (code === null || code === 0)) {
      return undefined;
    }
    const out = (asString(item.aggregated_output) ?? '').trim();
    const head = status === 'declined' ? 'command declined' : `exit code ${code ?? 'unknown'}`;
    return out === '' ? head : `${head}: ${out.slice(-ERROR_TAIL)}`;
  }
  if (item.type === 'mcp_tool_call') {
    if (status !== 'failed') return undefined;
    return asString(asRecord(item.error).message) ?? 'tool call failed';
  }
  if (item.type === 'file_change') return status === 'failed' ? 'patch failed' : undefined;
  return undefined;
}

/** Creates a parser for one `codex exec --json` run. */
export function createCodexJsonParser(): StreamParser {
  const started = new Set<string>();
  let lastMessage: string | undefined;
  let steps = 0;
  // Totals over the turns; undefined once an untrusted value made them unknowable.
  let inputTokens: number | undefined = 0;
  let outputTokens: number | undefined = 0;

  function callItem(item: Record<string, unknown>, id: string | undefined): StreamItem {
    const { tool, input } = toolOf(item);
    const call: StreamItem = { kind: 'tool_called', tool, input };
    if (id !== undefined) call.callId = id;
    return call;
  }

  function itemStarted(item: Record<string, unknown>): StreamItem[] {
    const id = asString(item.id);
    if (!TOOL_ITEMS.has(String(item.type))) return [];
    if (id !== undefined) started.add(id);
    return [callItem(item, id)];
  }

  function itemCompleted(item: Record<string, unknown>): StreamItem[] {
    const id = asString(item.id);
    const type = String(item.type);
    if (type === 'agent_message') {
      steps += 1;
      const text = asString(item.text) ?? '';
      lastMessage = text;
      return text.trim() === '' ? [] : [{ kind: 'text', text }];
    }
    if (type === 'error') return plainText(`error: ${asString(item.message) ?? ''}`);
    if (!TOOL_ITEMS.has(type)) return [];
    steps += 1;
    const items: StreamItem[] = [];
    if (id === undefined || !started.has(id)) items.push(callItem(item, id));
    const error = failureOf(item);
    if (error !== undefined) {
      const failed: StreamItem = { kind: 'tool_failed', tool: toolOf(item).tool, error };
      if (id !== undefined) failed.callId = id;
      items.push(failed);
    }
    return items;
  }

  function usage(rejected: string[]): StreamItem {
    const item: StreamItem = { kind: 'usage', turns: steps };
    if (inputTokens !== undefined) item.inputTokens = inputTokens;
    if (outputTokens !== undefined) item.outputTokens = outputTokens;
    if (rejected.length > 0) item.rejected = rejected;
    return item;
  }

  /** Adds an untrusted count to a running total; an unusable one poisons the total (recorded). */
  function add(
    total: number | undefined,
    u: Record<string, unknown>,
    key: string,
    rejected: string[],
  ): number | undefined {
    if (total === undefined) return undefined;
    const n = countField(u, key, rejected);
    if (n === undefined) return rejected.includes(key) ? undefined : total;
    return safeSum([total, n], key, rejected);
  }

  function result(isError: boolean): StreamItem {
    const item: StreamItem = { kind: 'result', isError, truncated: false, turns: steps };
    if (lastMessage !== undefined) item.text = lastMessage;
    return item;
  }

  return {
    line(line) {
      const msg = parseJsonObject(line);
      if (msg === undefined) return plainText(line);
      switch (msg.type) {
        case 'item.started':
          return itemStarted(asRecord(msg.item));
        case 'item.completed':
          return itemCompleted(asRecord(msg.item));
        case 'turn.completed': {
          const u = asRecord(msg.usage);
          const rejected: string[] = [];
          inputTokens = add(inputTokens, u, 'input_tokens', rejected);
          outputTokens = add(outputTokens, u, 'output_tokens', rejected);
          return [usage(rejected), result(false)];
        }
        case 'turn.failed': {
          const message = asString(asRecord(msg.error).message) ?? 'turn failed';
          return [{ kind: 'error', message }, result(true)];
        }
        case 'error':
          return [{ kind: 'error', message: asString(msg.message) ?? 'error' }];
        default:
          return [];
      }
    },
    end: () => [],
  };
}
