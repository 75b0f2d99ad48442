/** Picks the stream parser of a stdout format. */
import type { StreamFormat } from '../../domain/plan.schema.js';
import { createClaudeStreamParser } from './claude-stream.parser.js';
import { createCodexJsonParser } from './codex-json.parser.js';
import { createGeminiStreamParser } from './gemini-stream.parser.js';
import type { StreamParser } from './stream-item.js';
import { createTextParser } from './text.parser.js';

/** A fresh parser for one run in the given format. */
export function createStreamParser(format: StreamFormat): StreamParser {
  switch (format) {
    case 'claude-stream-json':
      return createClaudeStreamParser();
    case 'codex-json':
      return createCodexJsonParser();
    case 'gemini-stream-json':
      return createGeminiStreamParser();
    case 'text':
      return createTextParser();
  }
}
