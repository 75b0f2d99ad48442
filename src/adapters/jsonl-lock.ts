/**
 * The writer lock of a JSONL stream: one writer per stream, across processes.
 *
 * Protocol (plain files, so any tool can honour it):
 * - The writer creates `<dir>/<stream>.jsonl.lock` with `O_CREAT | O_EXCL` and writes one JSON
 *   line `{"pid":…,"host":…,"token":…,"since":…}` into it. Creation succeeding = lock held.
 * - Anyone else who finds the file is refused with a {@link ConcurrencyError} naming the holder,
 *   unless the lock is stale: its `host` is this host and its `pid` is no longer alive (or the file
 *   is still empty/unparsable more than {@link STALE_EMPTY_MS} after it was created, i.e. its
 *   creator died before writing it). A stale lock is taken over under a second exclusive file,
 *   `<lock>.takeover`, so two would-be writers cannot both take it over.
 * - A lock held by a process on another host is never taken over automatically: remove the file by
 *   hand once you know that writer is gone.
 * - `release()` removes the file only if it still holds our token.
 */
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { ConcurrencyError } from '../errors.js';
import { isPidAlive } from './pid-alive.js';

/** Who holds a writer lock. */
interface LockHolder {
  pid: number;
  host: string;
  token: string;
  since: string;
}

/** A held writer lock. */
export interface WriterLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

/** An empty or unparsable lock older than this (ms) is considered abandoned. */
const STALE_EMPTY_MS = 5_000;

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function tryCreate(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

type Observed =
  | { kind: 'gone' }
  | { kind: 'holder'; holder: LockHolder; raw: string }
  | { kind: 'unreadable'; raw: string; ageMs: number };

function observe(path: string): Observed {
  let raw: string;
  let ageMs: number;
  try {
    raw = readFileSync(path, 'utf8');
    ageMs = Date.now() - statSync(path).mtimeMs;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { kind: 'gone' };
    throw error;
  }
  try {
    const parsed = JSON.parse(raw) as Partial<LockHolder>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') {
      return { kind: 'holder', holder: parsed as LockHolder, raw };
    }
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  return { kind: 'unreadable', raw, ageMs };
}

function isStale(seen: Observed, host: string): boolean {
  if (seen.kind === 'unreadable') return seen.ageMs > STALE_EMPTY_MS;
  if (seen.kind === 'holder') return seen.holder.host === host && !isPidAlive(seen.holder.pid);
  return false;
}

function describe(seen: Observed): string {
  if (seen.kind === 'holder') {
    const { pid, host, since } = seen.holder;
    return `pid ${pid} on ${host}${since ? ` since ${since}` : ''}`;
  }
  return 'an unknown process (lock file being written)';
}

function refuse(stream: string, path: string, seen: Observed, extra = ''): never {
  throw new ConcurrencyError(
    stream,
    'any',
    0,
    `stream ${stream} already has a writer: ${describe(seen)} holds ${path}${extra}`,
  );
}

/** Takes over a stale lock under `<lock>.takeover`; false when the lock changed meanwhile. */
function takeOver(path: string, stream: string, seen: Observed, content: string): boolean {
  const guard = `${path}.takeover`;
  if (!tryCreate(guard, String(process.pid))) {
    const guardSeen = observe(guard);
    if (guardSeen.kind === 'gone') return false;
    if (guardSeen.kind === 'unreadable' && guardSeen.ageMs > STALE_EMPTY_MS) {
      unlinkSync(guard);
      return false;
    }
    refuse(stream, path, seen, ' (another process is taking over its stale lock)');
  }
  try {
    const now = observe(path);
    const same = now.kind !== 'gone' && seen.kind !== 'gone' && now.raw === seen.raw;
    if (now.kind !== 'gone' && !same) return false;
    if (now.kind !== 'gone') unlinkSync(path);
    return tryCreate(path, content);
  } finally {
    unlinkSync(guard);
  }
}

/**
 * Acquires the writer lock of `stream` at `path`, taking over a stale one (see the protocol above).
 * Throws {@link ConcurrencyError} naming the holder when another live writer has it.
 */
export function acquireWriterLock(path: string, stream: string): WriterLock {
  const host = hostname();
  const holder: LockHolder = {
    pid: process.pid,
    host,
    token: randomUUID(),
    since: new Date().toISOString(),
  };
  const content = JSON.stringify(holder) + '\n';
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path, content)) return heldLock(path, holder);
    const seen = observe(path);
    if (seen.kind === 'gone') continue;
    if (!isStale(seen, host)) refuse(stream, path, seen);
    if (takeOver(path, stream, seen, content)) return heldLock(path, holder);
  }
  throw new ConcurrencyError(stream, 'any', 0, `stream ${stream}: could not acquire ${path}`);
}

function heldLock(path: string, holder: LockHolder): WriterLock {
  let released = false;
  return {
    path,
    holder,
    release() {
      if (released) return;
      released = true;
      const seen = observe(path);
      if (seen.kind === 'holder' && seen.holder.token === holder.token) unlinkSync(path);
    },
  };
}
