/**
 * Parser of plain-text stdout (`format: text`): every non-blank line is assistant text. There is
 * no result event; the whole output is the final message (its last STATUS line counts).
 */
import { plainText, type StreamParser } from './stream-item.js';

/** Creates a parser for a plain-text agent. */
export function createTextParser(): StreamParser {
  return { line: (line) => plainText(line), end: () => [] };
}
