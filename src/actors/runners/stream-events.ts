/**
 * Turns normalized stream items into agent events. Long texts are cut at an inline limit; when a
 * blob store is given, the full text (or tool input) goes there and the event carries its hash. A
 * cut tool input also carries `inputDigests` (see `agent.tool_called`). Turns become
 * `agent.turn_started` in the runner, which counts them.
 */
import { newEvent, type EventDataInput, type NewEvent } from '../../events.js';
import type { BlobSink } from '../../ports.js';
import type { StreamItem } from './stream-item.js';
import { textDigest } from '../../domain/supervision/text-digest.js';

/** Default inline limit for texts and tool inputs (characters). */
export const DEFAULT_INLINE_LIMIT = 4096;

/** Cuts a text to `limit` characters, saying how much was dropped. */
function truncateText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}… [truncated ${text.length - limit} chars]`;
}

/**
 * Cuts every string of a value to `limit` characters; the digest of each cut string goes into
 * `digests` by its path (`new_string`, `edits.0.old_string`), for the loop detectors.
 */
function truncateStrings(
  value: unknown,
  limit: number,
  digests: Record<string, string>,
  path = '',
): unknown {
  if (typeof value === 'string') {
    if (value.length > limit) digests[path] = textDigest(value);
    return truncateText(value, limit);
  }
  const at = (k: string | number) => (path === '' ? String(k) : `${path}.${k}`);
  if (Array.isArray(value)) return value.map((v, i) => truncateStrings(v, limit, digests, at(i)));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = truncateStrings(v, limit, digests, at(k));
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
      const digests: Record<string, string> = {};
      const data: EventDataInput<'agent.tool_called'> = {
        agentId,
        tool: item.tool,
        input:
          json.length > limit
            ? (truncateStrings(item.input, 256, digests) as Record<string, unknown>)
            : item.input,
      };
      if (json.length > limit && blob) data.inputBlob = blob(json);
      if (Object.keys(digests).length > 0) data.inputDigests = digests;
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
