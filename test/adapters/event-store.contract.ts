/**
 * The event store contract: one suite, run against every store implementation
 * (`memory-event-store.test.ts`, `jsonl-event-store.test.ts`).
 */
import { describe, expect, it } from 'vitest';
import { ConcurrencyError, EventValidationError } from '../../src/errors.js';
import type { DomainEvent } from '../../src/events.js';
import { readAll } from '../../src/adapters/event-store.js';
import type { EventStore } from '../../src/ports.js';

/** Builds `count` valid stamped events of `stream` starting at `from`. */
export function makeEvents(stream: string, from: number, count: number): DomainEvent[] {
  const out: DomainEvent[] = [];
  for (let seq = from; seq < from + count; seq++) {
    const ts = new Date(Date.UTC(2026, 10, 24, 9, 0, 0, seq)).toISOString();
    const base = { v: 1, seq, ts, session: stream };
    out.push(
      seq % 2 === 0
        ? { ...base, type: 'heartbeat.recorded', data: { wave: 1 } }
        : {
            ...base,
            type: 'mission.status_changed',
            data: { id: `m-${seq}`, from: null, to: 'validated', reason: `r ${seq}` },
            causation: seq > 1 ? seq - 1 : undefined,
          },
    );
    if (out[out.length - 1]?.causation === undefined) delete out[out.length - 1]?.causation;
  }
  return out;
}

/** A store under test plus its cleanup. */
export interface StoreFixture {
  store: EventStore;
  cleanup(): Promise<void>;
  /**
   * For a store that outlives its process: a new instance over the same data, as a restarted
   * process gets, plus a way to leave a torn entry at a stream's end, as a crash mid-append does.
   */
  durable?: {
    reopen(): EventStore;
    tear(stream: string): Promise<void>;
  };
}

/** Runs the contract suite against stores made by `factory`. */
export function eventStoreContract(
  name: string,
  factory: (options: { validateOnAppend?: boolean }) => Promise<StoreFixture>,
  kind: { durable: boolean },
): void {
  describe(`EventStore contract: ${name}`, () => {
    const withStore = async (
      fn: (store: EventStore, fixture: StoreFixture) => Promise<void>,
      options: { validateOnAppend?: boolean } = {},
    ) => {
      const fixture = await factory(options);
      try {
        await fn(fixture.store, fixture);
      } finally {
        await fixture.store.close();
        await fixture.cleanup();
      }
    };

    it('given no stream, when it is opened for writing, then it is at version 0 and nothing was cut', () =>
      withStore(async (store) => {
        expect(await store.openWriter('s-w')).toEqual({ version: 0 });
        await store.append('s-w', makeEvents('s-w', 1, 3), { expectedVersion: 0 });
        expect(await store.openWriter('s-w')).toEqual({ version: 3 });
        expect(await store.version('s-w')).toBe(3);
      }));

    it('given two streams, when asked where they live, then each has its own place or none', () =>
      withStore(async (store) => {
        await store.append('s-a', makeEvents('s-a', 1, 1), { expectedVersion: 'no-stream' });
        const a = store.location('s-a');
        const b = store.location('s-b');
        if (kind.durable) {
          expect(a).toMatch(/s-a/);
          expect(b).toMatch(/s-b/);
          expect(a).not.toBe(b);
        } else {
          expect([a, b]).toEqual([null, null]);
        }
      }));

    if (kind.durable) {
      it('given a stream a crash tore mid-append, when a new process opens it for writing, then the torn entry is cut and reported once, and appends continue', () =>
        withStore(async (store, fixture) => {
          const durable = fixture.durable;
          if (!durable) throw new Error(`${name}: a durable store fixture needs reopen and tear`);
          const events = makeEvents('s-t', 1, 4);
          await store.append('s-t', events.slice(0, 3), { expectedVersion: 'no-stream' });
          await store.close();
          await durable.tear('s-t');
          const next = durable.reopen();
          try {
            expect(await next.version('s-t')).toBe(3);
            expect(await readAll(next, 's-t')).toEqual(events.slice(0, 3));
            const opened = await next.openWriter('s-t');
            expect(opened.version).toBe(3);
            expect(opened.truncated).toMatchObject({ file: next.location('s-t'), line: 4 });
            expect(opened.truncated?.bytes).toBeGreaterThan(0);
            expect(await next.openWriter('s-t')).toEqual({ version: 3 });
            await next.append('s-t', events.slice(3), { expectedVersion: 3 });
            expect(await readAll(next, 's-t')).toEqual(events);
          } finally {
            await next.close();
          }
        }));
    }

    it('round-trips appended events in order, in batches', () =>
      withStore(async (store) => {
        const events = makeEvents('s-1', 1, 25);
        expect(
          await store.append('s-1', events.slice(0, 10), { expectedVersion: 'no-stream' }),
        ).toEqual({ version: 10 });
        expect(await store.append('s-1', events.slice(10), { expectedVersion: 10 })).toEqual({
          version: 25,
        });
        expect(await readAll(store, 's-1')).toEqual(events);
        expect(await store.version('s-1')).toBe(25);
        expect(await store.streams()).toEqual(['s-1']);
      }));

    it('reads an unknown stream as empty at version 0', () =>
      withStore(async (store) => {
        expect(await readAll(store, 'nothing-here')).toEqual([]);
        expect(await store.version('nothing-here')).toBe(0);
      }));

    it('applies schema defaults on append', () =>
      withStore(async (store) => {
        const e = {
          v: 1,
          seq: 1,
          ts: '2026-11-24T09:00:00.000Z',
          session: 's-d',
          type: 'question.asked',
          data: { question: 'why?', source: 'W1/a' },
        } as unknown as DomainEvent;
        await store.append('s-d', [e], { expectedVersion: 'no-stream' });
        const [read] = await readAll(store, 's-d');
        expect(read?.data).toEqual({ question: 'why?', source: 'W1/a', prio: 'medium' });
      }));

    it('checks expectedVersion: number, no-stream, any', () =>
      withStore(async (store) => {
        const events = makeEvents('s-2', 1, 6);
        await store.append('s-2', events.slice(0, 2), { expectedVersion: 'no-stream' });
        await expect(
          store.append('s-2', events.slice(2, 4), { expectedVersion: 'no-stream' }),
        ).rejects.toThrow(ConcurrencyError);
        await expect(
          store.append('s-2', events.slice(2, 4), { expectedVersion: 1 }),
        ).rejects.toMatchObject({ tag: 'ConcurrencyError', expected: 1, actual: 2 });
        await store.append('s-2', events.slice(2, 4), { expectedVersion: 2 });
        await store.append('s-2', events.slice(4, 6), { expectedVersion: 'any' });
        expect(await store.version('s-2')).toBe(6);
        await expect(
          store.append('s-3', makeEvents('s-3', 1, 1), { expectedVersion: 0 }),
        ).resolves.toEqual({ version: 1 });
      }));

    it('demands seqs that continue the stream without gaps', () =>
      withStore(async (store) => {
        await store.append('s-4', makeEvents('s-4', 1, 3), { expectedVersion: 'any' });
        await expect(
          store.append('s-4', makeEvents('s-4', 5, 1), { expectedVersion: 'any' }),
        ).rejects.toThrow(ConcurrencyError);
        await expect(
          store.append('s-4', makeEvents('s-4', 3, 1), { expectedVersion: 'any' }),
        ).rejects.toThrow(/first event has seq 3/);
        const gap = [...makeEvents('s-4', 4, 1), ...makeEvents('s-4', 6, 1)];
        await expect(store.append('s-4', gap, { expectedVersion: 3 })).rejects.toThrow(
          EventValidationError,
        );
        expect(await store.version('s-4')).toBe(3);
        expect((await readAll(store, 's-4')).length).toBe(3);
      }));

    it('rejects invalid events atomically, naming the problem', () =>
      withStore(async (store) => {
        const [good, bad] = makeEvents('s-5', 1, 2) as [DomainEvent, DomainEvent];
        const broken = { ...bad, data: { wave: -1 } } as unknown as DomainEvent;
        await expect(
          store.append('s-5', [good, broken], { expectedVersion: 'any' }),
        ).rejects.toThrow(/invalid heartbeat.recorded event: wave/);
        const unknown = { ...good, type: 'nope.happened' } as unknown as DomainEvent;
        await expect(store.append('s-5', [unknown], { expectedVersion: 'any' })).rejects.toThrow(
          /unknown event type "nope.happened"/,
        );
        const other = makeEvents('s-6', 1, 1);
        await expect(store.append('s-5', other, { expectedVersion: 'any' })).rejects.toThrow(
          /does not match stream "s-5"/,
        );
        expect(await store.version('s-5')).toBe(0);
      }));

    it('skips validation with validateOnAppend: false, but not the seq rules', () =>
      withStore(
        async (store) => {
          const [e] = makeEvents('s-7', 1, 1) as [DomainEvent];
          const loose = { ...e, data: { wave: 1, extra: 'kept' } } as unknown as DomainEvent;
          await store.append('s-7', [loose], { expectedVersion: 'no-stream' });
          expect((await readAll(store, 's-7', { trusted: true }))[0]?.data).toEqual({
            wave: 1,
            extra: 'kept',
          });
          await expect(
            store.append('s-7', makeEvents('s-7', 3, 1), { expectedVersion: 'any' }),
          ).rejects.toThrow(ConcurrencyError);
        },
        { validateOnAppend: false },
      ));

    it('reads from/to, validated or trusted', () =>
      withStore(async (store) => {
        const events = makeEvents('s-8', 1, 50);
        await store.append('s-8', events, { expectedVersion: 'no-stream' });
        expect(await readAll(store, 's-8', { from: 10, to: 12 })).toEqual(events.slice(9, 12));
        expect(await readAll(store, 's-8', { from: 45 })).toEqual(events.slice(44));
        expect(await readAll(store, 's-8', { to: 3, trusted: true })).toEqual(events.slice(0, 3));
        expect(await readAll(store, 's-8', { from: 51 })).toEqual([]);
      }));

    it('tells subscribers each committed batch, in order', () =>
      withStore(async (store) => {
        const seen: number[][] = [];
        const other: number[] = [];
        const off = store.subscribe('s-9', (batch) => seen.push(batch.map((e) => e.seq)));
        store.subscribe('s-10', (batch) => other.push(batch.length));
        const events = makeEvents('s-9', 1, 7);
        await Promise.all([
          store.append('s-9', events.slice(0, 2), { expectedVersion: 'no-stream' }),
          store.append('s-9', events.slice(2, 3), { expectedVersion: 2 }),
          store.append('s-9', events.slice(3, 6), { expectedVersion: 3 }),
        ]);
        off();
        await store.append('s-9', events.slice(6), { expectedVersion: 6 });
        expect(seen).toEqual([[1, 2], [3], [4, 5, 6]]);
        expect(other).toEqual([]);
      }));

    it('keeps concurrent appenders in order and every append durable-acknowledged', () =>
      withStore(async (store) => {
        const events = makeEvents('s-11', 1, 300);
        const results = await Promise.all(
          events.map((e, i) => store.append('s-11', [e], { expectedVersion: i })),
        );
        expect(results.map((r) => r.version)).toEqual(events.map((e) => e.seq));
        expect(await readAll(store, 's-11')).toEqual(events);
      }));
  });
}
