/**
 * Turns normalized stream items into agent events. Long texts are cut at an inline limit; when a
 * blob store is given, the full text (or tool input) goes there and the event carries its hash.
 */
import { newEvent, type EventDataInput, type NewEvent } from '../../events.js';
import type { BlobSink } from '../../ports.js';
import type { StreamItem } from './stream-item.js';

/** Default inline limit for texts and tool inputs (characters). */
export const DEFAULT_INLINE_LIMIT = 4096;

/** Cuts a text to `limit` characters, saying how much was dropped. */
function truncateText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}… [truncated ${text.length - limit} chars]`;
}

function truncateStrings(value: unknown, limit: number): unknown {
  if (typeof value === 'string') return truncateText(value, limit);
  if (Array.isArray(value)) return value.map((v) => truncateStrings(v, limit));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = truncateStrings(v, limit);
    return out;
  }
  return value;
}

/** The event of one stream item (`result` items make no event: they end the run). */
export function eventOf(
  agentId: string,
  item: StreamItem,
  limit: number = DEFAULT_INLINE_LIMIT,
  blob?: BlobSink,
): NewEvent | undefined {
  switch (item.kind) {
    case 'tool_called': {
      const json = JSON.stringify(item.input);
      const data: EventDataInput<'agent.tool_called'> = {
        agentId,
        tool: item.tool,
        input:
          json.length > limit
            ? (truncateStrings(item.input, 256) as Record<string, unknown>)
            : item.input,
      };
      if (json.length > limit && blob) data.inputBlob = blob(json);
      if (item.callId !== undefined) data.callId = item.callId;
      if (item.parentCallId !== undefined) data.parentCallId = item.parentCallId;
      return newEvent('agent.tool_called', data);
    }
    case 'tool_failed': {
      const data: EventDataInput<'agent.tool_failed'> = {
        agentId,
        tool: item.tool,
        error: truncateText(item.error, limit),
      };
      if (item.callId !== undefined) data.callId = item.callId;
      return newEvent('agent.tool_failed', data);
    }
    case 'permission_denied': {
      const target = item.target !== undefined ? ` (${item.target})` : '';
      const data: EventDataInput<'agent.tool_failed'> = {
        agentId,
        tool: item.tool,
        error: truncateText(`permission denied${target}; allow it with ${item.allowWith}`, limit),
      };
      if (item.callId !== undefined) data.callId = item.callId;
      return newEvent('agent.tool_failed', data);
    }
    case 'text':
    case 'error':
    case 'retry':
    case 'environment':
    case 'question': {
      const text = outputText(item);
      const data: EventDataInput<'agent.output'> = {
        agentId,
        text: truncateText(text, limit),
      };
      if (text.length > limit && blob) data.blob = blob(text);
      return newEvent('agent.output', data);
    }
    case 'usage': {
      const { kind: _kind, ...usage } = item;
      return newEvent('agent.usage', { agentId, ...usage });
    }
    case 'turn':
    case 'result':
      return undefined;
  }
}

/** The `agent.output` text of an item that is shown as text. */
function outputText(
  item: Extract<StreamItem, { kind: 'text' | 'error' | 'retry' | 'environment' | 'question' }>,
): string {
  switch (item.kind) {
    case 'text':
      return item.text;
    case 'error':
      return `error: ${item.message}`;
    case 'retry':
      return `retry: ${item.message}`;
    case 'environment':
      return `environment: ${item.message}`;
    case 'question':
      return `question: ${item.question}`;
  }
}
