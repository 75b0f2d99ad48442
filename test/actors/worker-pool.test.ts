import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runPool, type PoolJob } from '../../src/actors/worker-pool.js';

const fixture = JSON.parse(
  readFileSync(
    new URL('../fixtures/reference/generated/pool/runWavePool-behaviour.json', import.meta.url),
    'utf8',
  ),
) as Record<
  string,
  {
    results: { taskId: string; result: unknown }[];
    errors: { taskId: string; error: string }[];
    callbackLog?: string[][];
  }
>;

/** A promise the test settles by hand, so ordering never depends on timers. */
function deferred<T>(): { promise: Promise<T>; resolve(v: T): void; reject(e: unknown): void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending microtask and immediate run. */
const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

/** A job that rejects with `aborted` as soon as the signal fires. */
function abortable(id: string): PoolJob<unknown> {
  return {
    id,
    run: (signal) =>
      new Promise((_resolve, reject) => {
        signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
      }),
  };
}

describe('runPool', () => {
  it('reproduces the reference normal run: completion order, error isolation, callbacks', async () => {
    const scenario = fixture['normal run (maxParallel 2, one failing task)']!;
    const gates = {
      a: deferred<void>(),
      b: deferred<void>(),
      c: deferred<void>(),
      d: deferred<void>(),
    };
    const log: string[][] = [];
    const job = (id: keyof typeof gates, ms: number): PoolJob<{ id: string; ms: number }> => ({
      id,
      run: async () => {
        await gates[id].promise;
        if (id === 'b') throw new Error('boom b');
        return { id, ms };
      },
    });
    const pool = runPool({
      jobs: [job('a', 50), job('b', 0), job('c', 20), job('d', 10)],
      maxParallel: 2,
      onStart: (id) => log.push(['start', id]),
      onComplete: (entry) =>
        log.push(['done', entry.id, 'error' in entry ? (entry.error as Error).message : 'ok']),
    });
    // Settle in the order the reference's timings produced: b, a, c, d.
    for (const id of ['b', 'a', 'c', 'd'] as const) {
      await flush();
      gates[id].resolve();
    }
    const outcome = await pool;
    expect(log).toEqual(scenario.callbackLog);
    expect(outcome.results.map((r) => ({ taskId: r.id, result: r.value }))).toEqual(
      scenario.results,
    );
    expect(
      outcome.errors.map((e) => ({ taskId: e.id, error: (e.error as Error).message })),
    ).toEqual(scenario.errors);
    expect(outcome).toMatchObject({ aborted: false, notStarted: [], unfinished: [] });
  });

  it('reproduces the reference abort: x done, y/z aborted through the shared signal, w never started', async () => {
    const scenario = fixture['abort fired at ~40ms, drainTimeoutMs 100']!;
    const x = deferred<{ id: string; ms: number }>();
    const controller = new AbortController();
    const pool = runPool({
      jobs: [{ id: 'x', run: () => x.promise }, abortable('y'), abortable('z'), abortable('w')],
      maxParallel: 2,
      signal: controller.signal,
      drainTimeoutMs: 100,
    });
    await flush();
    x.resolve({ id: 'x', ms: 30 });
    await flush();
    controller.abort();
    const outcome = await pool;
    expect(outcome.results.map((r) => ({ taskId: r.id, result: r.value }))).toEqual(
      scenario.results,
    );
    expect(
      outcome.errors.map((e) => ({ taskId: e.id, error: (e.error as Error).message })),
    ).toEqual(scenario.errors);
    expect(outcome).toMatchObject({ aborted: true, notStarted: ['w'], unfinished: [] });
  });

  it('does NOT reproduce the reference drain-timer bug: a signal that never fires ends nothing', async () => {
    const bug =
      fixture['BUG: abortSignal supplied but NEVER fired, tasks take 300ms, drainTimeoutMs 100']!;
    expect(bug.results).toEqual([]); // what the reference returned
    const controller = new AbortController();
    const slow = (id: string): PoolJob<string> => ({
      id,
      run: () => new Promise((r) => setTimeout(() => r(id), 300)),
    });
    const outcome = await runPool({
      jobs: [slow('a'), slow('b'), slow('c')],
      maxParallel: 3,
      signal: controller.signal,
      drainTimeoutMs: 100,
    });
    expect(outcome.results.map((r) => r.value).sort()).toEqual(['a', 'b', 'c']);
    expect(outcome).toMatchObject({ errors: [], aborted: false, notStarted: [], unfinished: [] });
  });

  it('never runs more than maxParallel jobs and starts them in FIFO order', async () => {
    let running = 0;
    let peak = 0;
    const started: string[] = [];
    const jobs: PoolJob<number>[] = Array.from({ length: 40 }, (_, i) => ({
      id: `j${i}`,
      run: async () => {
        started.push(`j${i}`);
        running++;
        peak = Math.max(peak, running);
        // Uneven durations so completion order differs from start order.
        for (let k = 0; k < (i * 7) % 5; k++) await flush();
        running--;
        return i;
      },
    }));
    const outcome = await runPool({ jobs, maxParallel: 3 });
    expect(peak).toBe(3);
    expect(started).toEqual(jobs.map((j) => j.id));
    expect(outcome.results.map((r) => r.value).sort((a, b) => a - b)).toEqual(
      jobs.map((_, i) => i),
    );
    expect(outcome.results.map((r) => r.value)).not.toEqual(jobs.map((_, i) => i));
  });

  it('isolates errors, including synchronous throws and throwing onStart', async () => {
    const outcome = await runPool<string>({
      jobs: [
        {
          id: 'sync',
          run: () => {
            throw new Error('sync throw');
          },
        },
        { id: 'ok', run: () => 'fine' },
        { id: 'reject', run: () => Promise.reject(new Error('rejected')) },
        { id: 'late', run: async () => 'also fine' },
      ],
      maxParallel: 1,
      onStart: (id) => {
        if (id === 'late') throw new Error('onStart refused');
      },
    });
    expect(outcome.results).toEqual([{ id: 'ok', value: 'fine' }]);
    expect(outcome.errors.map((e) => [e.id, (e.error as Error).message])).toEqual([
      ['sync', 'sync throw'],
      ['reject', 'rejected'],
      ['late', 'onStart refused'],
    ]);
  });

  it('drains for at most drainTimeoutMs, then returns partial results and names the unfinished', async () => {
    const controller = new AbortController();
    const stubborn = deferred<string>();
    const pool = runPool<string>({
      jobs: [
        {
          id: 'quick',
          run: (signal) =>
            new Promise((resolve) => signal.addEventListener('abort', () => resolve('q'))),
        },
        { id: 'stubborn', run: () => stubborn.promise }, // ignores the signal
        abortable('polite') as PoolJob<string>,
        { id: 'queued', run: () => 'never' },
      ],
      maxParallel: 3,
      signal: controller.signal,
      drainTimeoutMs: 20,
    });
    await flush();
    controller.abort();
    const outcome = await pool;
    expect(outcome.results).toEqual([{ id: 'quick', value: 'q' }]);
    expect(outcome.errors.map((e) => e.id)).toEqual(['polite']);
    expect(outcome).toMatchObject({
      aborted: true,
      notStarted: ['queued'],
      unfinished: ['stubborn'],
    });
    // A late completion does not change what was handed out.
    stubborn.resolve('late');
    await flush();
    expect(outcome.results).toHaveLength(1);
  });

  it('waits for in-flight jobs that finish within the drain window', async () => {
    const controller = new AbortController();
    const pool = runPool<string>({
      jobs: [
        {
          id: 'wrap-up',
          run: (signal) =>
            new Promise((resolve) =>
              signal.addEventListener('abort', () => setTimeout(() => resolve('saved'), 5), {
                once: true,
              }),
            ),
        },
        { id: 'queued', run: () => 'never' },
      ],
      maxParallel: 1,
      signal: controller.signal,
      drainTimeoutMs: 5_000,
    });
    await flush();
    controller.abort();
    expect(await pool).toEqual({
      results: [{ id: 'wrap-up', value: 'saved' }],
      errors: [],
      aborted: true,
      notStarted: ['queued'],
      unfinished: [],
    });
  });

  it('rejects when an onComplete callback throws (a caller bug, not a job error)', async () => {
    await expect(
      runPool({
        jobs: [{ id: 'a', run: () => 1 }],
        maxParallel: 1,
        onComplete: () => {
          throw new Error('callback bug');
        },
      }),
    ).rejects.toThrow('callback bug');
  });

  it('starts nothing when the signal has already fired', async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    const outcome = await runPool({
      jobs: [
        { id: 'a', run: () => ++calls },
        { id: 'b', run: () => ++calls },
      ],
      maxParallel: 2,
      signal: controller.signal,
      drainTimeoutMs: 0,
    });
    expect(calls).toBe(0);
    expect(outcome).toEqual({
      results: [],
      errors: [],
      aborted: true,
      notStarted: ['a', 'b'],
      unfinished: [],
    });
  });

  it('resolves an empty job list at once', async () => {
    expect(await runPool({ jobs: [], maxParallel: 4 })).toEqual({
      results: [],
      errors: [],
      aborted: false,
      notStarted: [],
      unfinished: [],
    });
  });

  it('validates its input like the reference', () => {
    const job = { id: 'a', run: () => 1 };
    expect(() => runPool({ jobs: 'nope' as never, maxParallel: 1 })).toThrow(
      new TypeError('runPool: jobs must be an array'),
    );
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => runPool({ jobs: [job], maxParallel: bad })).toThrow(
        new TypeError(`runPool: maxParallel must be a positive integer, got ${bad}`),
      );
    }
    expect(() => runPool({ jobs: [job], maxParallel: 1, drainTimeoutMs: -1 })).toThrow(
      new TypeError('runPool: drainTimeoutMs must be a non-negative number, got -1'),
    );
    expect(() => runPool({ jobs: [job, { id: 'a', run: () => 2 }], maxParallel: 1 })).toThrow(
      new TypeError('runPool: duplicate job id "a" at jobs[1]'),
    );
    expect(() => runPool({ jobs: [{ id: 7 } as never], maxParallel: 1 })).toThrow(
      new TypeError('runPool: jobs[0].id must be a string'),
    );
    expect(() => runPool({ jobs: [{ id: 'x' } as never], maxParallel: 1 })).toThrow(
      new TypeError('runPool: jobs[0].run must be a function (job "x")'),
    );
  });
});
