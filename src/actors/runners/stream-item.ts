/**
 * The normalized items every vendor stream parser produces, before they become events. Parsers
 * are pure and stateful per run: feed them lines, collect items.
 */
import { detachText } from './line-splitter.js';

/** One normalized item of an agent's output stream. */
export type StreamItem =
  | {
      kind: 'tool_called';
      tool: string;
      input: Record<string, unknown>;
      callId?: string;
      /** Set for calls of a sub-agent: the tool call (e.g. Claude's `Task`) that started it. */
      parentCallId?: string;
    }
  | { kind: 'tool_failed'; tool: string; error: string; callId?: string }
  | { kind: 'text'; text: string }
  /** One model turn began (Claude: a new main-agent message id; Codex: `turn.started`; …). */
  | { kind: 'turn' }
  | {
      kind: 'usage';
      inputTokens?: number;
      outputTokens?: number;
      costUsd?: number;
      turns?: number;
      /** Vendor fields present with a value out of range (dropped, see {@link countField}). */
      rejected?: string[];
    }
  /** An error the agent CLI reported outside a tool call (API error, failed turn…). */
  | { kind: 'error'; message: string }
  /** A transient failure the CLI retries by itself (Claude `api_retry`, Codex "Reconnecting…"). */
  | { kind: 'retry'; message: string }
  /** A tool call the CLI refused for lack of permission, with the flag that would allow it. */
  | { kind: 'permission_denied'; tool: string; callId?: string; target?: string; allowWith: string }
  /** The agent asked the user something it cannot get an answer to (Codex `request_user_input`). */
  | { kind: 'question'; question: string; context?: string; candidates?: string[] }
  /**
   * The agent cannot run in this environment (not logged in, API key refused, untrusted folder,
   * bad flags): retrying or fixing the task cannot help, the session must stop.
   */
  | { kind: 'environment'; message: string }
  /** The final result of the run. */
  | {
      kind: 'result';
      /** The final message, when the format carries one in its result. */
      text?: string;
      isError: boolean;
      /** The run was cut short (turn or budget limit). */
      truncated: boolean;
      turns?: number;
    };

/** A parser of one vendor's line-oriented stdout. */
export interface StreamParser {
  /** Parses one line (without its newline). Never throws. */
  line(line: string): StreamItem[];
  /** Flushes anything buffered at end of stream. */
  end(): StreamItem[];
}

/** Parses a line as a JSON object, or returns undefined (non-JSON lines are kept as text). */
export function parseJsonObject(line: string): Record<string, unknown> | undefined {
  // A line that starts with `{` and ends with `}` has nothing to trim (the usual case): no copy.
  const whole = line.charCodeAt(0) === 123 && line.charCodeAt(line.length - 1) === 125;
  const trimmed = whole ? line : line.trim();
  if (!whole && !trimmed.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch (_notJson) {
    // A line that looks like JSON but is not: the caller keeps it as plain text.
    return undefined;
  }
}

/** The value as a plain object, or an empty one. */
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The value as a string, or undefined. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * The value as a non-negative safe integer (fractions rounded), or undefined. Agent output is
 * untrusted: `1e308`, `Infinity`, `-1`, `NaN` or anything ≥ 2^53 is not a count.
 */
export function asCount(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return undefined;
  const n = Math.round(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * Reads a count field of an untrusted vendor record: the count, or undefined when absent or out
 * of range; a present but unusable value is named in `rejected` (so the drop is recorded).
 */
export function countField(
  record: Record<string, unknown>,
  key: string,
  rejected: string[],
): number | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  const n = asCount(value);
  if (n === undefined) rejected.push(key);
  return n;
}

/** A sum of counts, or undefined (and `label` in `rejected`) when it leaves the safe range. */
export function safeSum(
  values: readonly number[],
  label: string,
  rejected: string[],
): number | undefined {
  const sum = values.reduce((a, b) => a + b, 0);
  if (Number.isSafeInteger(sum)) return sum;
  rejected.push(label);
  return undefined;
}

/** A cost in USD: a finite non-negative number, or undefined (and `key` in `rejected`). */
export function costField(
  record: Record<string, unknown>,
  key: string,
  rejected: string[],
): number | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value < 1e12) {
    return value;
  }
  rejected.push(key);
  return undefined;
}

/** A non-JSON or unknown line kept as text (blank lines dropped), detached from its chunk. */
export function plainText(line: string): StreamItem[] {
  return line.trim() === '' ? [] : [{ kind: 'text', text: detachText(line) }];
}
