/**
 * Where an agent's stdout goes: a reader takes the raw chunks in order and turns them into lines
 * or stream items, in this thread ({@link lineReader}, {@link parsingReader}) or in the parse
 * thread (`parse-thread/`). `runAgentProcess` pushes every chunk, pauses the agent's stdout while
 * the reader is {@link StdoutReader.saturated saturated}, and waits for {@link StdoutReader.end}
 * before it reports the exit, so every item of a run is delivered before its result.
 */
import { LineSplitter, type LineBounds } from './line-splitter.js';
import type { StreamItem, StreamParser } from './stream-item.js';

/** A consumer of one agent's stdout bytes. */
export interface StdoutReader {
  /**
   * Takes the next chunk. The reader may keep it, or move its memory to another thread: the
   * caller must not use the chunk afterwards.
   */
  push(chunk: Buffer): void;
  /**
   * The stream ended (or the process is gone): resolves once everything pushed has been
   * delivered. Idempotent: later calls return the same promise.
   */
  end(): Promise<void>;
  /** Lines cut at the line limit so far; final once {@link end} resolved. */
  readonly bounds: LineBounds;
  /** True while the reader holds more unhandled input than it wants: pause the source. */
  saturated(): boolean;
  /** Resolves once the reader is no longer saturated. */
  drained(): Promise<void>;
}

const NOT_SATURATED = Promise.resolve();

/** A reader that splits stdout into lines here and hands each to `onLine`, in order. */
export function lineReader(onLine: (line: string) => void, maxLineBytes?: number): StdoutReader {
  const splitter = new LineSplitter(onLine, maxLineBytes);
  let ended: Promise<void> | undefined;
  return {
    push: (chunk) => splitter.push(chunk),
    end() {
      if (ended === undefined) {
        splitter.end();
        ended = NOT_SATURATED;
      }
      return ended;
    },
    bounds: splitter.bounds,
    saturated: () => false,
    drained: () => NOT_SATURATED,
  };
}

/**
 * A reader that parses stdout here with `parser` and hands the items of each line (and those the
 * parser flushes at the end) to `onItems`, in order.
 */
export function parsingReader(
  parser: StreamParser,
  onItems: (items: StreamItem[]) => void,
  maxLineBytes?: number,
): StdoutReader {
  const lines = lineReader((line) => {
    const items = parser.line(line);
    if (items.length > 0) onItems(items);
  }, maxLineBytes);
  let ended: Promise<void> | undefined;
  return {
    ...lines,
    end() {
      if (ended === undefined) {
        ended = lines.end().then(() => {
          const last = parser.end();
          if (last.length > 0) onItems(last);
        });
      }
      return ended;
    },
  };
}
