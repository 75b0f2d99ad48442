import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readAll } from '../../src/adapters/event-store.js';
import { createJsonlEventStore } from '../../src/adapters/jsonl-event-store.js';
import { ConcurrencyError, EventValidationError } from '../../src/errors.js';
import type { DomainEvent } from '../../src/events.js';
import { eventStoreContract, makeEvents } from './event-store.contract.js';

eventStoreContract(
  'jsonl file',
  async (options) => {
    const dir = await mkdtemp(join(tmpdir(), 'wave-jsonl-contract-'));
    const log = join(dir, 'log');
    return {
      store: createJsonlEventStore({ dir: log, ...options }),
      cleanup: () => rm(dir, { recursive: true, force: true }),
      durable: {
        reopen: () => createJsonlEventStore({ dir: log, ...options }),
        // A crash mid-write: the start of a line without its end.
        tear: async (stream) => appendFile(join(log, `${stream}.jsonl`), '{"v":1,"seq":4,"ts":"20'),
      },
    };
  },
  { durable: true },
);

describe('JSONL event store: files and writer lock', () => {
  const dirs: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wave-jsonl-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('writes one envelope per line with a fixed key order', async () => {
    const dir = await tempDir();
    const store = createJsonlEventStore({ dir });
    await store.append('s-1', makeEvents('s-1', 1, 2), { expectedVersion: 'no-stream' });
    await store.close();
    expect(readFileSync(join(dir, 's-1.jsonl'), 'utf8')).toBe(
      '{"v":1,"seq":1,"ts":"2026-11-24T09:00:00.001Z","session":"s-1","type":"mission.status_changed","data":{"id":"m-1","from":null,"to":"validated","reason":"r 1"}}\n' +
        '{"v":1,"seq":2,"ts":"2026-11-24T09:00:00.002Z","session":"s-1","type":"heartbeat.recorded","data":{"wave":1}}\n',
    );
  });

  it('writes the canonical key order whatever order the event object has', async () => {
    const dir = await tempDir();
    const store = createJsonlEventStore({ dir, validateOnAppend: false });
    const [e] = makeEvents('s-1', 1, 1) as [DomainEvent];
    const { data, type, ...rest } = e;
    await store.append('s-1', [{ data, type, ...rest } as DomainEvent], {
      expectedVersion: 'no-stream',
    });
    await store.close();
    expect(readFileSync(join(dir, 's-1.jsonl'), 'utf8')).toMatch(
      /^\{"v":1,"seq":1,"ts":"[^"]+","session":"s-1","type":"mission.status_changed","data":\{/,
    );
  });

  it('keeps committing when a subscriber throws, and reports the error', async () => {
    const errors: unknown[] = [];
    const store = createJsonlEventStore({
      dir: await tempDir(),
      onListenerError: (error, stream) => errors.push([stream, (error as Error).message]),
    });
    const seen: number[] = [];
    store.subscribe('s-1', () => {
      throw new Error('listener broke');
    });
    store.subscribe('s-1', (batch) => seen.push(...batch.map((e) => e.seq)));
    await store.append('s-1', makeEvents('s-1', 1, 2), { expectedVersion: 'no-stream' });
    await store.append('s-1', makeEvents('s-1', 3, 1), { expectedVersion: 2 });
    expect(seen).toEqual([1, 2, 3]);
    expect(errors).toEqual([
      ['s-1', 'listener broke'],
      ['s-1', 'listener broke'],
    ]);
    await store.close();
  });

  it('refuses a second writer in the same process, naming stream and holder', async () => {
    const dir = await tempDir();
    const first = createJsonlEventStore({ dir });
    const second = createJsonlEventStore({ dir });
    await first.append('s-1', makeEvents('s-1', 1, 2), { expectedVersion: 'no-stream' });
    const lock = JSON.parse(readFileSync(join(dir, 's-1.jsonl.lock'), 'utf8')) as {
      pid: number;
      host: string;
    };
    expect(lock).toMatchObject({ pid: process.pid, host: hostname() });
    const attempt = second.append('s-1', makeEvents('s-1', 3, 1), { expectedVersion: 2 });
    await expect(attempt).rejects.toThrow(ConcurrencyError);
    await expect(second.openWriter('s-1')).rejects.toThrow(
      new RegExp(`stream s-1 already has a writer: pid ${process.pid} on ${hostname()}`),
    );
    // Readers are never locked out.
    expect((await readAll(second, 's-1')).length).toBe(2);
    await first.close();
    expect(existsSync(join(dir, 's-1.jsonl.lock'))).toBe(false);
    await expect(second.openWriter('s-1')).resolves.toEqual({ version: 2 });
    await second.append('s-1', makeEvents('s-1', 3, 1), { expectedVersion: 2 });
    await expect(second.openWriter('s-1')).resolves.toEqual({ version: 3 });
    await second.close();
    expect(readFileSync(join(dir, 's-1.jsonl'), 'utf8').split('\n')).toHaveLength(4);
  });

  it('takes over the lock of a dead process on this host', async () => {
    const dir = await tempDir();
    const child = spawnSync(process.execPath, ['-e', '0']);
    const deadPid = child.pid;
    const lock = { pid: deadPid, host: hostname(), token: 'x', since: '2026-11-24T09:00:00.000Z' };
    writeFileSync(join(dir, 's-1.jsonl.lock'), JSON.stringify(lock));
    const store = createJsonlEventStore({ dir });
    await expect(store.openWriter('s-1')).resolves.toEqual({ version: 0 });
    expect(readFileSync(join(dir, 's-1.jsonl.lock'), 'utf8')).toContain(`"pid":${process.pid}`);
    expect(existsSync(join(dir, 's-1.jsonl.lock.takeover'))).toBe(false);
    await store.close();
  });

  it('never takes over a lock held on another host', async () => {
    const dir = await tempDir();
    const lock = { pid: 1, host: 'other-host', token: 'x', since: '2026-11-24T09:00:00.000Z' };
    writeFileSync(join(dir, 's-1.jsonl.lock'), JSON.stringify(lock));
    const store = createJsonlEventStore({ dir });
    await expect(store.openWriter('s-1')).rejects.toThrow(/pid 1 on other-host/);
    await store.close();
    expect(existsSync(join(dir, 's-1.jsonl.lock'))).toBe(true);
  });

  it('rejects stream names that are not plain file names', async () => {
    const store = createJsonlEventStore({ dir: await tempDir() });
    await expect(
      store.append('../escape', makeEvents('../escape', 1, 1), { expectedVersion: 'any' }),
    ).rejects.toThrow(EventValidationError);
    expect(() => store.read('a/b')).toThrow(/invalid stream name/);
    await store.close();
  });

  it('refuses appends after close', async () => {
    const store = createJsonlEventStore({ dir: await tempDir() });
    await store.append('s-1', makeEvents('s-1', 1, 1), { expectedVersion: 'no-stream' });
    await store.close();
    await expect(
      store.append('s-1', makeEvents('s-1', 2, 1), { expectedVersion: 1 }),
    ).rejects.toThrow(/closed/);
  });

  it('commits many concurrent appenders as whole lines, all acknowledged', async () => {
    const dir = await tempDir();
    const store = createJsonlEventStore({ dir, maxBatchEvents: 50 });
    const events = makeEvents('s-1', 1, 2000);
    const acks = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        store.append('s-1', events.slice(i * 4, i * 4 + 4), { expectedVersion: i * 4 }),
      ),
    );
    expect(acks.at(-1)).toEqual({ version: 2000 });
    await store.close();
    const lines = readFileSync(join(dir, 's-1.jsonl'), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual(
      events.map((e) => e.seq),
    );
  });

  it('lists streams and reports versions without a writer', async () => {
    const dir = await tempDir();
    const store = createJsonlEventStore({ dir });
    await store.append('b', makeEvents('b', 1, 3), { expectedVersion: 'no-stream' });
    await store.append('a', makeEvents('a', 1, 1), { expectedVersion: 'no-stream' });
    await store.close();
    const reader = createJsonlEventStore({ dir });
    expect(await reader.streams()).toEqual(['a', 'b']);
    expect(await reader.version('b')).toBe(3);
    expect(await createJsonlEventStore({ dir: join(dir, 'none') }).streams()).toEqual([]);
    await reader.close();
  });
});
