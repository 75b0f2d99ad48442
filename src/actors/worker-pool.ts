/**
 * Bounded FIFO worker pool (reference §D, `runWavePool`), rebuilt for low per-job overhead.
 *
 * Differences from the reference, on purpose:
 * - every job receives the POOL's signal (no `AbortController` per job: that is where the
 *   reference spends most of its ~2.4 µs per job);
 * - the drain timer starts when the abort fires, never before. The reference starts it as soon as
 *   a signal object is passed, so a signal that never fires truncates the wave after
 *   `drainTimeoutMs` with empty results (fixture `generated/pool/`); here it ends nothing;
 * - the outcome also names the jobs never started (`notStarted`) and the jobs still running when
 *   the drain window closed (`unfinished`), so a wave can report them instead of losing them.
 */

/** One unit of work. `run` receives the pool's shared signal. */
export interface PoolJob<T> {
  /** Unique within one pool run. */
  readonly id: string;
  /** Does the work; may return a value or a promise. A throw or rejection is that job's error. */
  run(signal: AbortSignal): T | PromiseLike<T>;
}

/** A job that finished normally. */
export interface PoolResult<T> {
  readonly id: string;
  readonly value: T;
}

/** A job that threw or rejected (errors never cascade to other jobs). */
export interface PoolFailure {
  readonly id: string;
  readonly error: unknown;
}

/** Options of {@link runPool}. */
export interface PoolOptions<T> {
  readonly jobs: readonly PoolJob<T>[];
  /** Upper bound of concurrently running jobs (positive integer). */
  readonly maxParallel: number;
  /** Abort: stop starting jobs, drain in-flight ones for at most `drainTimeoutMs`. */
  readonly signal?: AbortSignal;
  /** How long to wait for in-flight jobs after the abort fired (default 10 000 ms). */
  readonly drainTimeoutMs?: number;
  /** Called synchronously right before a job's `run`. A throw here becomes that job's error. */
  readonly onStart?: (id: string) => void;
  /**
   * Called once per settled job with the very entry pushed to `results` or `errors`
   * (`'error' in entry` tells them apart). Must not throw: a throw rejects `runPool`.
   */
  readonly onComplete?: (entry: PoolResult<T> | PoolFailure) => void;
}

/** What {@link runPool} resolves to. Arrays are in completion order. */
export interface PoolOutcome<T> {
  readonly results: PoolResult<T>[];
  readonly errors: PoolFailure[];
  /** True when the signal had fired by the time the pool returned. */
  readonly aborted: boolean;
  /** Ids of jobs never started because of the abort, in plan order. */
  readonly notStarted: string[];
  /** Ids of jobs still running when the drain window closed (their late outcomes are dropped). */
  readonly unfinished: string[];
}

/** Default drain window after an abort, as in the reference. */
const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;

const neverAborted: AbortSignal = new AbortController().signal;

/** Mutable state shared by the workers of one pool run (one object, no per-job closures). */
interface PoolRun<T> {
  readonly jobs: readonly PoolJob<T>[];
  readonly signal: AbortSignal;
  readonly onStart: ((id: string) => void) | undefined;
  readonly onComplete: ((entry: PoolResult<T> | PoolFailure) => void) | undefined;
  readonly results: PoolResult<T>[];
  readonly errors: PoolFailure[];
  /** Id of the job each worker is running, or null while idle. */
  readonly running: (string | null)[];
  cursor: number;
  closed: boolean;
}

/**
 * Runs `jobs` with at most `maxParallel` in flight, starting them in array order. Never rejects
 * because of a job; resolves with partial results after an abort (see {@link PoolOutcome}).
 * @throws TypeError on a non-array `jobs`, a job without string `id` or function `run`, a
 *   duplicate id, a non-positive-integer `maxParallel` or a negative `drainTimeoutMs`.
 */
export function runPool<T>(options: PoolOptions<T>): Promise<PoolOutcome<T>> {
  const { jobs, maxParallel, signal, onStart, onComplete } = options;
  const drainTimeoutMs = options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
  validate(jobs, maxParallel, drainTimeoutMs);

  const workerCount = Math.min(maxParallel, jobs.length);
  const run: PoolRun<T> = {
    jobs,
    signal: signal ?? neverAborted,
    onStart,
    onComplete,
    results: [],
    errors: [],
    running: new Array<string | null>(workerCount).fill(null),
    cursor: 0,
    closed: false,
  };
  const workers: Promise<void>[] = new Array<Promise<void>>(workerCount);
  for (let w = 0; w < workerCount; w++) workers[w] = work(run, w);
  const all = Promise.all(workers);
  if (signal === undefined) return all.then(() => close(run));

  return new Promise<PoolOutcome<T>>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = (): void => {
      timer = setTimeout(() => resolve(close(run)), drainTimeoutMs);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    all.then(
      () => {
        if (timer !== undefined) clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        resolve(close(run));
      },
      (error: unknown) => {
        if (timer !== undefined) clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** One worker: claims the next job until none is left or the signal fired. */
async function work<T>(run: PoolRun<T>, slot: number): Promise<void> {
  const { jobs, signal, results, errors, running } = run;
  while (run.cursor < jobs.length && !signal.aborted && !run.closed) {
    const job = jobs[run.cursor++] as PoolJob<T>;
    const id = job.id;
    running[slot] = id;
    let entry: PoolResult<T> | PoolFailure;
    let failed = false;
    try {
      if (run.onStart !== undefined) run.onStart(id);
      entry = { id, value: await job.run(signal) };
    } catch (error) {
      failed = true;
      entry = { id, error };
    }
    running[slot] = null;
    if (run.closed) return;
    if (failed) errors.push(entry as PoolFailure);
    else results.push(entry as PoolResult<T>);
    if (run.onComplete !== undefined) run.onComplete(entry);
  }
}

/** Freezes the outcome: later completions are dropped, the arrays handed out stay stable. */
function close<T>(run: PoolRun<T>): PoolOutcome<T> {
  run.closed = true;
  const aborted = run.signal.aborted;
  const notStarted: string[] = [];
  for (let i = run.cursor; i < run.jobs.length; i++)
    notStarted.push((run.jobs[i] as PoolJob<T>).id);
  const unfinished: string[] = [];
  for (const id of run.running) if (id !== null) unfinished.push(id);
  return { results: run.results, errors: run.errors, aborted, notStarted, unfinished };
}

function validate<T>(
  jobs: readonly PoolJob<T>[],
  maxParallel: number,
  drainTimeoutMs: number,
): void {
  if (!Array.isArray(jobs)) throw new TypeError('runPool: jobs must be an array');
  if (!Number.isInteger(maxParallel) || maxParallel < 1) {
    throw new TypeError(
      `runPool: maxParallel must be a positive integer, got ${String(maxParallel)}`,
    );
  }
  if (typeof drainTimeoutMs !== 'number' || !(drainTimeoutMs >= 0)) {
    throw new TypeError(
      `runPool: drainTimeoutMs must be a non-negative number, got ${String(drainTimeoutMs)}`,
    );
  }
  const seen = new Set<string>();
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i] as PoolJob<T> | null | undefined;
    if (job === null || typeof job !== 'object' || typeof job.id !== 'string') {
      throw new TypeError(`runPool: jobs[${i}].id must be a string`);
    }
    if (typeof job.run !== 'function') {
      throw new TypeError(`runPool: jobs[${i}].run must be a function (job "${job.id}")`);
    }
    if (seen.has(job.id))
      throw new TypeError(`runPool: duplicate job id "${job.id}" at jobs[${i}]`);
    seen.add(job.id);
  }
}
