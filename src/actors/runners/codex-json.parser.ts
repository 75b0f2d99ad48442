/**
 * Parser of `codex exec --json` stdout (JSONL `ThreadEvent`s of `codex-rs/exec/src/exec_events.rs`):
 * `thread.started`, `turn.started`, `item.started` / `item.updated` / `item.completed` (items
 * `agent_message`, `reasoning`, `command_execution` {command, aggregated_output, exit_code,
 * status}, `file_change` {changes[{path, kind, diff?}], status}, `mcp_tool_call` {server, tool,
 * arguments, error, status}, `collab_tool_call` {tool, receiver_thread_ids, prompt, status},
 * `web_search`, `todo_list`, `error`), `request_user_input` {call_id, questions[]},
 * `turn.completed` {usage}, `turn.failed` {error} and `error` {message}.
 * - A turn is `turn.started` … `turn.completed`; `codex exec` runs one.
 * - `turn.completed` usage is the thread's running total (`usage_from_last_total`), so the last
 *   one wins; `input_tokens` already includes `cached_input_tokens`.
 * - "Reconnecting… n/m" errors are retries Codex makes by itself, not failures.
 * - An authentication failure of a turn that produced nothing is an environment failure.
 */
import {
  countField,
  asRecord,
  asString,
  parseJsonObject,
  plainText,
  type StreamItem,
  type StreamParser,
} from './stream-item.js';

const TOOL_ITEMS = new Set([
  'command_execution',
  'file_change',
  'mcp_tool_call',
  'collab_tool_call',
  'web_search',
]);
const ERROR_TAIL = 2000;
const RETRY = /^\s*(?:Reconnecting|Retrying)\b/i;
const AUTH =
  /\b(?:401|403)\b|unauthori[sz]ed|forbidden|not logged in|invalid[_ ]api[_ ]key|please (?:re-?)?login|codex login/i;

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
    case 'collab_tool_call': {
      const input: Record<string, unknown> = {
        receivers: Array.isArray(item.receiver_thread_ids) ? item.receiver_thread_ids : [],
      };
      const prompt = asString(item.prompt);
      if (prompt !== undefined) input.prompt = prompt;
      return { tool: `collab_${asString(item.tool) ?? 'unknown'}`, input };
    }
    default:
      return { tool: String(item.type), input: { query: asString(item.query) ?? '' } };
  }
}

/** The error text of a completed tool item, or undefined when it succeeded. */
function failureOf(item: Record<string, unknown>): string | undefined {
  const status = asString(item.status);
  switch (item.type) {
    case 'command_execution': {
      const code = typeof item.exit_code === 'number' ? item.exit_code : null;
      if (status !== 'failed' && status !== 'declined' && (code === null || code === 0)) {
        return undefined;
      }
      const out = (asString(item.aggregated_output) ?? '').trim();
      const head = status === 'declined' ? 'command declined' : `exit code ${code ?? 'unknown'}`;
      return out === '' ? head : `${head}: ${out.slice(-ERROR_TAIL)}`;
    }
    case 'mcp_tool_call':
      return status === 'failed'
        ? (asString(asRecord(item.error).message) ?? 'tool call failed')
        : undefined;
    case 'collab_tool_call':
      return status === 'failed' ? 'collab tool call failed' : undefined;
    case 'file_change':
      return status === 'failed' ? 'patch failed' : undefined;
    default:
      return undefined;
  }
}

/** One `request_user_input` question as an open question. */
function questionOf(raw: unknown): StreamItem | undefined {
  const q = asRecord(raw);
  const question = asString(q.question);
  if (question === undefined || question.trim() === '') return undefined;
  const item: StreamItem = { kind: 'question', question };
  const header = asString(q.header);
  if (header !== undefined && header !== '') item.context = header;
  if (Array.isArray(q.options)) {
    const labels = q.options.map((o) => asString(asRecord(o).label)).filter((l) => l !== undefined);
    if (labels.length > 0) item.candidates = labels;
  }
  return item;
}

/** Creates a parser for one `codex exec --json` run. */
export function createCodexJsonParser(): StreamParser {
  const started = new Set<string>();
  let lastMessage: string | undefined;
  let turns = 0;
  let produced = false;

  function callItem(item: Record<string, unknown>, id: string | undefined): StreamItem {
    const { tool, input } = toolOf(item);
    const call: StreamItem = { kind: 'tool_called', tool, input };
    if (id !== undefined) call.callId = id;
    return call;
  }

  function itemStarted(item: Record<string, unknown>): StreamItem[] {
    const id = asString(item.id);
    if (!TOOL_ITEMS.has(String(item.type))) return [];
    if (id !== undefined) {
      if (started.has(id)) return [];
      started.add(id);
    }
    produced = true;
    return [callItem(item, id)];
  }

  function itemCompleted(item: Record<string, unknown>): StreamItem[] {
    const id = asString(item.id);
    const type = String(item.type);
    if (type === 'agent_message') {
      produced = true;
      const text = asString(item.text) ?? '';
      lastMessage = text;
      return text.trim() === '' ? [] : [{ kind: 'text', text }];
    }
    if (type === 'error') return plainText(`warning: ${asString(item.message) ?? ''}`);
    if (!TOOL_ITEMS.has(type)) return [];
    produced = true;
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

  function failed(message: string): StreamItem[] {
    const items: StreamItem[] = [{ kind: 'error', message }];
    if (!produced && AUTH.test(message)) {
      items.push({ kind: 'environment', message: `Codex could not run: ${message}` });
    }
    items.push(result(true));
    return items;
  }

  function result(isError: boolean): StreamItem {
    const item: StreamItem = { kind: 'result', isError, truncated: false, turns };
    if (lastMessage !== undefined) item.text = lastMessage;
    return item;
  }

  return {
    line(line) {
      const msg = parseJsonObject(line);
      if (msg === undefined) return plainText(line);
      switch (msg.type) {
        case 'turn.started':
          turns += 1;
          return [{ kind: 'turn' }];
        case 'item.started':
          return itemStarted(asRecord(msg.item));
        case 'item.completed':
          return itemCompleted(asRecord(msg.item));
        case 'request_user_input': {
          const questions = Array.isArray(msg.questions) ? msg.questions : [];
          return questions.map(questionOf).filter((q) => q !== undefined);
        }
        case 'turn.completed': {
          const u = asRecord(msg.usage);
          // A running total (the last one wins); untrusted numbers are dropped and named.
          const rejected: string[] = [];
          const usage: StreamItem = { kind: 'usage', turns };
          const input = countField(u, 'input_tokens', rejected);
          const output = countField(u, 'output_tokens', rejected);
          if (input !== undefined) usage.inputTokens = input;
          if (output !== undefined) usage.outputTokens = output;
          if (rejected.length > 0) usage.rejected = rejected;
          return [usage, result(false)];
        }
        case 'turn.failed':
          return failed(asString(asRecord(msg.error).message) ?? 'turn failed');
        case 'error': {
          const message = asString(msg.message) ?? 'error';
          if (RETRY.test(message)) return [{ kind: 'retry', message }];
          return [{ kind: 'error', message }];
        }
        default:
          return [];
      }
    },
    end: () => [],
  };
}
