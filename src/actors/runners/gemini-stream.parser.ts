/**
 * Parser of Gemini CLI's `--output-format stream-json` stdout (JSONL `JsonStreamEvent`s of
 * `packages/core/src/output/types.ts`): `init` {session_id, model}, `message` {role, content,
 * delta?} (assistant text arrives in chunks), `tool_use` {tool_name, tool_id, parameters},
 * `tool_result` {tool_id, status, output?, error?}, `error` {severity, message} and `result`
 * {status, error?, stats{total_tokens, input_tokens, output_tokens, cached, input, duration_ms,
 * tool_calls}}. Consecutive assistant chunks are joined into one text item.
 *
 * A turn is one model response: its text deltas and `tool_use` events together, up to the
 * `tool_result` lines that answer it (text before a tool call is not a turn of its own).
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

/** Creates a parser for one Gemini CLI run. */
export function createGeminiStreamParser(): StreamParser {
  const toolNames = new Map<string, string>();
  let buffer = '';
  let lastMessage: string | undefined;
  let turns = 0;
  let inResponse = false;

  /** A model response starts (or goes on): a new turn when the last one was answered. */
  function respond(): StreamItem[] {
    if (inResponse) return [];
    inResponse = true;
    turns += 1;
    return [{ kind: 'turn' }];
  }

  function flush(): StreamItem[] {
    if (buffer === '') return [];
    const text = buffer;
    buffer = '';
    lastMessage = text;
    return text.trim() === '' ? [] : [{ kind: 'text', text }];
  }

  function event(msg: Record<string, unknown>): StreamItem[] {
    switch (msg.type) {
      case 'tool_use': {
        const tool = asString(msg.tool_name) ?? 'unknown';
        const callId = asString(msg.tool_id);
        if (callId !== undefined) toolNames.set(callId, tool);
        const item: StreamItem = { kind: 'tool_called', tool, input: asRecord(msg.parameters) };
        if (callId !== undefined) item.callId = callId;
        return [...respond(), item];
      }
      case 'tool_result': {
        inResponse = false;
        if (msg.status !== 'error') return [];
        const callId = asString(msg.tool_id);
        const tool = (callId !== undefined ? toolNames.get(callId) : undefined) ?? 'unknown';
        const error =
          asString(asRecord(msg.error).message) ?? asString(msg.output) ?? 'tool call failed';
        const item: StreamItem = { kind: 'tool_failed', tool, error };
        if (callId !== undefined) item.callId = callId;
        return [item];
      }
      case 'error': {
        const message = asString(msg.message) ?? 'error';
        return msg.severity === 'warning'
          ? plainText(`warning: ${message}`)
          : [{ kind: 'error', message }];
      }
      case 'result': {
        const stats = asRecord(msg.stats);
        const usage: StreamItem = { kind: 'usage', turns };
        const rejected: string[] = [];
        const input = countField(stats, 'input_tokens', rejected);
        const output = countField(stats, 'output_tokens', rejected);
        if (input !== undefined) usage.inputTokens = input;
        if (output !== undefined) usage.outputTokens = output;
        if (rejected.length > 0) usage.rejected = rejected;
        const items: StreamItem[] = [usage];
        const error = asString(asRecord(msg.error).message);
        if (error !== undefined) items.push({ kind: 'error', message: error });
        const result: StreamItem = {
          kind: 'result',
          isError: msg.status === 'error',
          truncated: false,
          turns,
        };
        if (lastMessage !== undefined) result.text = lastMessage;
        items.push(result);
        return items;
      }
      default:
        return [];
    }
  }

  return {
    line(line) {
      const msg = parseJsonObject(line);
      if (msg === undefined) return [...flush(), ...plainText(line)];
      if (msg.type === 'message') {
        if (msg.role !== 'assistant') {
          inResponse = false;
          return flush();
        }
        const content = asString(msg.content) ?? '';
        const start = respond();
        if (msg.delta === true) {
          buffer += content;
          return start;
        }
        const items = flush();
        buffer = content;
        return [...start, ...items, ...flush()];
      }
      return [...flush(), ...event(msg)];
    },
    end: () => flush(),
  };
}
