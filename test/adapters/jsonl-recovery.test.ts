import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAll } from '../../src/adapters/event-store.js';
import { createJsonlEventStore } from '../../src/adapters/jsonl-event-store.js';
import { readLogFile, type LogReadOptions } from '../../src/adapters/jsonl-reader.js';
import type { TornTail } from '../../src/ports.js';
import { serializeEvents } from '../../src/adapters/jsonl-serialize.js';
import { CorruptLogError } from '../../src/errors.js';
import type { DomainEvent } from '../../src/events.js';
import { makeEvents } from './event-store.contract.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wave-jsonl-recovery-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lines = (from: number, count: number) => serializeEvents(makeEvents('s-1', from, count));

async function collect(file: string, options: LogReadOptions = {}) {
  const events: DomainEvent[] = [];
  const reader = readLogFile(file, options);
  for await (const batch of reader) events.push(...batch);
  return { events, torn: reader.tornTail };
}

async function corruptAt(file: string): Promise<CorruptLogError> {
  const events: number[] = [];
  try {
    for await (const batch of readLogFile(file)) events.push(...batch.map((e) => e.seq));
  } catch (error) {
    expect(error).toBeInstanceOf(CorruptLogError);
    expect(events).toEqual([]);
    return error as CorruptLogError;
  }
  throw new Error(`no CorruptLogError, read ${events.length} events`);
}

describe('JSONL log recovery: torn tails', () => {
  it.each([
    ['a partial last line without newline', '{"v":1,"seq":3,"ts":"2026-1', 27],
    ['an unparsable last line with newline', '{"v":1,"seq":3,"ts\n', 19],
    ['zero bytes from a crash', '\0\0\0\0', 4],
  ])('cuts off and reports %s', async (_name, tail, bytes) => {
    const file = join(dir, 's-1.jsonl');
    const good = lines(1, 2);
    writeFileSync(file, good + tail);
    const expected: TornTail = { file, line: 3, bytes };

    for (const chunkBytes of [7, 64, 1 << 20]) {
      const seen: TornTail[] = [];
      const read = await collect(file, { chunkBytes, onTornTail: (t) => seen.push(t) });
      expect(read.events.map((e) => e.seq)).toEqual([1, 2]);
      expect(read.torn).toEqual(expected);
      expect(seen).toEqual([expected]);
    }

    const reported: [string, TornTail][] = [];
    const store = createJsonlEventStore({ dir, onTruncated: (s, t) => reported.push([s, t]) });
    await expect(store.openWriter('s-1')).resolves.toEqual({ version: 2, truncated: expected });
    expect(reported).toEqual([['s-1', expected]]);
    expect(readFileSync(file, 'utf8')).toBe(good);
    await store.append('s-1', makeEvents('s-1', 3, 1), { expectedVersion: 2 });
    await store.close();
    expect((await collect(file)).events.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('cuts a torn first line, leaving an empty stream', async () => {
    const file = join(dir, 's-1.jsonl');
    writeFileSync(file, '{"v":1,');
    const store = createJsonlEventStore({ dir });
    await expect(store.openWriter('s-1')).resolves.toEqual({
      version: 0,
      truncated: { file, line: 1, bytes: 7 },
    });
    await store.close();
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it('treats an empty file as an empty stream at version 0', async () => {
    const file = join(dir, 's-1.jsonl');
    writeFileSync(file, '');
    expect(await collect(file)).toEqual({ events: [], torn: undefined });
    const store = createJsonlEventStore({ dir });
    expect(await store.version('s-1')).toBe(0);
    await store.append('s-1', makeEvents('s-1', 1, 1), { expectedVersion: 'no-stream' });
    expect(await readAll(store, 's-1')).toHaveLength(1);
    await store.close();
  });
});

describe('JSONL log recovery: corrupt lines', () => {
  const withMiddle = (middle: string) => {
    const file = join(dir, 's-1.jsonl');
    writeFileSync(file, lines(1, 2) + middle + '\n' + lines(4, 2));
    return file;
  };
  const valid = JSON.parse(lines(3, 1)) as Record<string, unknown>;

  it.each([
    ['a non-JSON line', 'this is not json', /^not JSON: /],
    ['an empty line', '', /^not JSON: /],
    [
      'an unknown event type',
      JSON.stringify({ ...valid, type: 'nope.happened' }),
      /unknown event type "nope.happened"/,
    ],
    [
      'a wrong version',
      JSON.stringify({ ...valid, v: 7 }),
      /version 7 is newer than this build knows \(1\)/,
    ],
    [
      'a bad envelope',
      JSON.stringify({ ...valid, ts: 'yesterday' }),
      /"ts" must be a canonical UTC/,
    ],
    [
      'a schema failure',
      JSON.stringify({ ...valid, data: { id: 1 } }),
      /invalid mission.status_changed event: id/,
    ],
    ['a seq gap', JSON.stringify({ ...valid, seq: 9 }), /seq 9 where 3 was expected/],
    ['a foreign session', JSON.stringify({ ...valid, session: 's-2' }), /session "s-2" differs/],
    ['a JSON array', '[1,2]', /must be a JSON object/],
  ])('throws CorruptLogError naming file and line for %s', async (_name, middle, reason) => {
    const file = withMiddle(middle);
    const error = await corruptAt(file);
    expect(error).toMatchObject({ file, line: 3, tag: 'CorruptLogError' });
    expect(error.reason).toMatch(reason);
    expect(error.message).toContain(`${file}:3: `);
    await expect(collect(file, { chunkBytes: 10 })).rejects.toMatchObject({ line: 3 });
  });

  it('returns nothing past a corrupt line, even with small chunks', async () => {
    const file = withMiddle('garbage');
    const seqs: number[] = [];
    const read = async () => {
      for await (const batch of readLogFile(file, { chunkBytes: 64 })) {
        seqs.push(...batch.map((e) => e.seq));
      }
    };
    await expect(read()).rejects.toMatchObject({ line: 3 });
    expect([[], [1], [1, 2]]).toContainEqual(seqs);
  });

  it('refuses to open a writer on a log whose last line has no seq', async () => {
    const file = join(dir, 's-1.jsonl');
    writeFileSync(file, lines(1, 2) + '{"v":1}\n');
    const store = createJsonlEventStore({ dir });
    await expect(store.openWriter('s-1')).rejects.toMatchObject({ file, line: 3 });
    await store.close();
  });

  it('still checks JSON and seqs in trusted mode, but not schemas', async () => {
    const loose = JSON.stringify({ ...valid, data: { anything: true } });
    const file = withMiddle(loose);
    const { events } = await collect(file, { trusted: true });
    expect(events[2]?.data).toEqual({ anything: true });
    writeFileSync(file, lines(1, 1) + '[]\n' + lines(3, 1));
    await expect(collect(file, { trusted: true })).rejects.toThrow(/:2: an event must be/);
  });
});

describe('JSONL log reading', () => {
  it('reads long and multibyte lines across chunk boundaries', async () => {
    const file = join(dir, 'anywhere.log');
    const events = makeEvents('s-1', 1, 40).map((e, i) =>
      i % 3 === 0
        ? {
            ...e,
            type: 'agent.output' as const,
            data: { agentId: 'a', text: 'ü€😀'.repeat(30 + i) },
          }
        : e,
    );
    writeFileSync(file, serializeEvents(events));
    for (const chunkBytes of [16, 100, 4096]) {
      expect((await collect(file, { chunkBytes })).events).toEqual(events);
      expect((await collect(file, { chunkBytes, from: 7, to: 33 })).events).toEqual(
        events.slice(6, 33),
      );
    }
  });

  it('can be iterated again, from the start', async () => {
    const file = join(dir, 'again.jsonl');
    writeFileSync(file, lines(1, 5) + '{"torn');
    const reader = readLogFile(file, { chunkBytes: 50 });
    for (let round = 0; round < 2; round++) {
      const seqs: number[] = [];
      for await (const batch of reader) seqs.push(...batch.map((e) => e.seq));
      expect(seqs).toEqual([1, 2, 3, 4, 5]);
      expect(reader.tornTail).toEqual({ file, line: 6, bytes: 6 });
    }
  });

  it('throws ENOENT for a missing file unless missingOk', async () => {
    await expect(collect(join(dir, 'missing.jsonl'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await collect(join(dir, 'missing.jsonl'), { missingOk: true })).events).toEqual([]);
  });
});
