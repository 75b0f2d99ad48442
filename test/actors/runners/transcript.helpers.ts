/** Helpers: replay a recorded transcript through a parser, as the runner does. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StreamFormat } from '../../../src/domain/plan.schema.js';
import type { NewEvent } from '../../../src/events.js';
import { RunCollector } from '../../../src/actors/runners/run-collector.js';
import { eventOf } from '../../../src/actors/runners/stream-events.js';
import { createStreamParser } from '../../../src/actors/runners/stream-parser.factory.js';

/** Absolute path of a fixture under test/fixtures. */
export function fixture(rel: string): string {
  return fileURLToPath(new URL(`../../fixtures/${rel}`, import.meta.url));
}

/** Parses a text (lines) in a format; returns the emitted events and the collector. */
export function replay(
  format: StreamFormat,
  text: string,
  cwd = '/work/repo',
): { events: NewEvent[]; collector: RunCollector } {
  const parser = createStreamParser(format);
  const collector = new RunCollector(cwd, format === 'text');
  const events: NewEvent[] = [];
  const take = (items: ReturnType<typeof parser.line>): void => {
    for (const item of items) {
      collector.add(item);
      const e = eventOf('a-1', item);
      if (e) events.push(e);
    }
  };
  for (const line of text.split('\n')) take(parser.line(line));
  take(parser.end());
  return { events, collector };
}

/** Replays a recorded transcript file. */
export function replayFile(format: StreamFormat, name: string): ReturnType<typeof replay> {
  return replay(format, readFileSync(fixture(`transcripts/${name}`), 'utf8'));
}
