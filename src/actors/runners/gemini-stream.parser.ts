/**
 * Parser of Gemini CLI's `--output-format stream-json` stdout (JSONL): `init` {session_id,
 * model}, `message` {role, content, delta?} (assistant text arrives in chunks), `tool_use`
 * {tool_name, tool_id, parameters}, `tool_result` {tool_id, status, output?, error?}, `error`
 * {severity, message} and `result` {status, error?, stats{input_tokens, output_tokens, …}}.
 * Consecutive assistant chunks are joined into one text item; turns count assistant messages
 * and tool calls.
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
  let steps = 0;

  function flush(): StreamItem[] {
    if (buffer === '') return [];
    const text = buffer;
    buffer = '';
    lastMessage = text;
    steps += 1;
    return text.trim() === '' ? [] : [{ kind: 'text', text }];
  }

  function event(msg: Record<string, unknown>): StreamItem[] {
    switch (msg.type) {
      case 'tool_use': {
        steps += 1;
        const tool = asString(msg.tool_name) ?? 'unknown';
        const callId = asString(msg.tool_id);
        if (callId !== undefined) toolNames.set(callId, tool);
        const item: StreamItem = { kind: 'tool_called', tool, input: asRecord(msg.parameters) };
        if (callId !== undefined) item.callId = callId;
        return [item];
      }
      case 'tool_result': {
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
        const usage: StreamItem = { kind: 'usage', turns: steps };
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
          turns: steps,
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
        if (msg.role !== 'assistant') return [];
        const content = asString(msg.content) ?? '';
        if (msg.delta === true) {
          buffer += content;
          return [];
        }
        const items = flush();
        buffer = content;
        return [...items, ...flush()];
      }
      return [...flush(), ...event(msg)];
    },
    end: () => flush(),
  };
}
