/**
 * Output handling of quality-gate commands: a bounded tail of the combined output (the reference
 * keeps the last 50 lines) and test-count parsing of common runners' summary lines.
 */

import { stripVTControlCharacters } from 'node:util';
import { parseSummaryCounts, type TestCounts } from '../domain/test-counts.js';

export type { TestCounts } from '../domain/test-counts.js';

/** Lines kept of a failed gate's output (as in the reference). */
const TAIL_LINES = 50;
/** Hard cap on the characters of a tail, so one endless line cannot bloat the log. */
const TAIL_MAX_CHARS = 20_000;

/** Removes ANSI colour and OSC escape sequences (Node's `util.stripVTControlCharacters`). */
export function stripAnsi(text: string): string {
  return stripVTControlCharacters(text);
}

/** The last `n` lines of `text` (a trailing newline does not count as an empty last line). */
export function lastLines(text: string, n: number): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  let pos = end;
  for (let seen = 0; seen < n; seen++) {
    const nl = text.lastIndexOf('\n', pos - 1);
    if (nl < 0) return text.slice(0, end);
    pos = nl;
  }
  return text.slice(pos + 1, end);
}

/**
 * Accumulates a stream's text while keeping memory bounded: only the last `keepLines` lines (and
 * at most a few times `maxChars`) survive between trims.
 */
export class OutputTail {
  private buffer = '';

  constructor(
    private readonly keepLines = TAIL_LINES,
    private readonly maxChars = TAIL_MAX_CHARS,
  ) {}

  /** Appends a decoded chunk. */
  push(chunk: string): void {
    this.buffer += chunk;
    if (this.buffer.length > this.maxChars * 4) {
      this.buffer = lastLines(this.buffer, this.keepLines + 1).slice(-this.maxChars * 2);
    }
  }

  /** The tail: ANSI stripped, last `keepLines` lines, at most `maxChars` (cut at the start). */
  text(): string {
    const lines = lastLines(stripAnsi(this.buffer), this.keepLines);
    return lines.length > this.maxChars ? lines.slice(-this.maxChars) : lines;
  }
}

/**
 * Test counts from a vitest, jest, `node --test` or pytest summary in `output`, or undefined
 * when none is recognisable. ANSI colours are ignored.
 */
export function parseTestCounts(output: string): TestCounts | undefined {
  return parseSummaryCounts(stripAnsi(output));
}
