/**
 * A zod-free reader for read-only views of a log this build wrote (`wave status`): chunked, one
 * `JSON.parse` per line, no schema validation. Lines at an older schema version are upcast by
 * loading the full catalogue lazily; an unparsable line is a {@link CorruptLogError} naming the
 * file and line; a torn last line (no newline) is ignored, as every reader does.
 */
import { createReadStream } from 'node:fs';
import { CorruptLogError } from '../errors.js';
import { EVENT_VERSIONS } from '../event-versions.js';
import type { DomainEvent } from '../events.js';

/** Reads every event of a log file, trusted. */
export async function readLogQuick(file: string): Promise<DomainEvent[]> {
  const out: DomainEvent[] = [];
  let rest = '';
  let line = 0;
  let trust: ((raw: unknown) => DomainEvent) | null = null;
  const take = async (text: string) => {
    line += 1;
    if (text.trim() === '') return;
    let raw: { type?: string; v?: number };
    try {
      raw = JSON.parse(text) as { type?: string; v?: number };
    } catch (error) {
      throw new CorruptLogError(file, line, `not JSON: ${(error as Error).message}`);
    }
    const current = EVENT_VERSIONS[raw.type ?? ''];
    if (current !== undefined && raw.v === current) {
      out.push(raw as DomainEvent);
      return;
    }
    trust ??= (await import('../events.js')).trustEvent;
    out.push(trust(raw));
  };
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const lines = (rest + (chunk as string)).split('\n');
    rest = lines.pop() ?? '';
    for (const l of lines) await take(l);
  }
  return out;
}
