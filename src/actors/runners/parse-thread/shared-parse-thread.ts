/**
 * This process's parse thread (see `parse-thread.client.ts`), and the reader the agent runner
 * uses for an agent's stdout: parsed in the thread for the JSON stream formats when its program
 * is built, else in this thread (the sources run directly; plain text, which costs nothing to
 * parse).
 */
import type { StreamFormat } from '../../../domain/plan.schema.js';
import { builtProgram } from '../../built-program.js';
import type { StreamItem } from '../stream-item.js';
import { createStreamParser } from '../stream-parser.factory.js';
import { parsingReader, type StdoutReader } from '../stdout-reader.js';
import { ParseThread } from './parse-thread.client.js';

let shared: ParseThread | null | undefined;

/** This process's parse thread, or null when its program is not built. */
export function sharedParseThread(): ParseThread | null {
  if (shared === undefined) {
    const program = builtProgram(
      new URL('./parse-thread.worker.js', import.meta.url),
      new URL(
        '../../../../dist/actors/runners/parse-thread/parse-thread.worker.js',
        import.meta.url,
      ),
    );
    shared = program === null ? null : new ParseThread(program);
  }
  return shared;
}

/**
 * A reader of one agent's stdout in `format`: its items go to `onItems` in order, every one of
 * them before the reader's `end()` resolves.
 */
export function streamReader(
  format: StreamFormat,
  onItems: (items: StreamItem[]) => void,
  maxLineBytes?: number,
): StdoutReader {
  const thread = format === 'text' ? null : sharedParseThread();
  if (thread !== null) return thread.open(format, onItems, maxLineBytes);
  return parsingReader(createStreamParser(format), onItems, maxLineBytes);
}
