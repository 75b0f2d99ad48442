/**
 * The repository's run lock: one live `wave run`/`wave resume` per repository. The reference's
 * `session.lock` stays a projection; this file only guards our own processes.
 *
 * - A lock is written whole to a private temp file, then `link`ed into place: `link` fails with
 *   EEXIST when a lock exists, so two processes cannot both create one, and nobody ever reads a
 *   half-written lock.
 * - A lock whose process is gone (same host), or that is empty or not a lock (a crash of an older
 *   version, a truncated disk), is stale. Taking over a stale lock happens under a takeover
 *   marker (an exclusive `mkdir`): the taker re-reads the lock, and only if it is still the very
 *   stale content it judged does it remove it and link its own. Two processes racing over one
 *   stale lock therefore end with exactly one holder. A marker left by a process that died inside
 *   those few milliseconds is cleared after {@link TAKEOVER_MARKER_STALE_MS}.
 *
 * Node offers no `flock` without a native addon, so the lock is a file, not a kernel lock.
 */
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SessionLockedError } from '../errors.js';
import { processStartTime } from './process-identity.js';

/** Path of the run lock inside a repository. */
/** Where the run lock of a repository lives. */
export function runLockPath(repo: string): string {
  return join(repo, '.orchestrator', 'runtime', 'run.lock');
}

/** Age after which a takeover marker is considered left by a dead process. */
const TAKEOVER_MARKER_STALE_MS = 10_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A held run lock. */
export interface RunLock {
  release(): Promise<void>;
  /** Why a stale lock was taken over to get this one (for the operator), when it was. */
  tookOver?: string;
}

interface Holder {
  pid?: unknown;
  host?: unknown;
  session?: unknown;
}

type Verdict = { live: true; label: string } | { live: false; reason: string };

/** Judges the text of an existing lock file. */
export function judgeRunLock(text: string): Verdict {
  if (text.trim() === '') return { live: false, reason: 'the run lock was empty' };
  let holder: Holder;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return { live: false, reason: 'the run lock was not a lock object' };
    }
    holder = parsed;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return { live: false, reason: 'the run lock was truncated (not valid JSON)' };
  }
  const { pid, host, session } = holder;
  if (typeof pid !== 'number' || typeof host !== 'string') {
    return { live: false, reason: 'the run lock named no pid and host' };
  }
  if (host === hostname() && !alive(pid)) {
    return { live: false, reason: `the run lock's process ${pid} is gone` };
  }
  const name = typeof session === 'string' ? session : JSON.stringify(session ?? '?');
  return { live: true, label: `session ${name} (pid ${pid} on ${host})` };
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Links `tmp` to `path`; false when `path` exists. */
async function linkNew(tmp: string, path: string): Promise<boolean> {
  try {
    await link(tmp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Replaces the lock at `path` by `tmp` if it still holds exactly `staleText`, under the takeover
 * marker. Returns true when this process now holds the lock.
 */
async function takeOver(path: string, staleText: string, tmp: string): Promise<boolean> {
  const marker = `${path}.takeover`;
  try {
    await mkdir(marker);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const st = await stat(marker).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    if (st && Date.now() - st.mtimeMs > TAKEOVER_MARKER_STALE_MS) {
      await rm(marker, { recursive: true, force: true });
    } else {
      await sleep(5 + Math.floor(Math.random() * 20));
    }
    return false;
  }
  try {
    if ((await readIfPresent(path)) !== staleText) return false;
    await rm(path, { force: true });
    return await linkNew(tmp, path);
  } finally {
    // force: a marker judged stale and cleared by another process is already gone.
    await rm(marker, { recursive: true, force: true });
  }
}

/** Takes the run lock or throws {@link SessionLockedError} naming the holder. */
export async function acquireRunLock(repo: string, session: string): Promise<RunLock> {
  const path = runLockPath(repo);
  await mkdir(dirname(path), { recursive: true });
  const nonce = randomUUID();
  // The start time proves, later, that a live pid is still this process (pids are reused).
  const started = processStartTime(process.pid);
  const body = `${JSON.stringify({ pid: process.pid, host: hostname(), session, nonce, ...(started ? { started } : {}) }, null, 2)}\n`;
  const tmp = `${path}.${process.pid}.${nonce}.tmp`;
  await writeFile(tmp, body, { flag: 'wx' });
  const held = (tookOver?: string): RunLock => ({
    async release() {
      // Only our own lock is removed (a lock taken over from us after a hang is not ours).
      if ((await readIfPresent(path)) === body) await rm(path, { force: true });
    },
    ...(tookOver !== undefined ? { tookOver } : {}),
  });
  try {
    for (let tries = 0; tries < 50; tries++) {
      if (await linkNew(tmp, path)) return held();
      const text = await readIfPresent(path);
      if (text === undefined) continue;
      const verdict = judgeRunLock(text);
      if (verdict.live) throw new SessionLockedError(path, verdict.label);
      if (await takeOver(path, text, tmp)) return held(`${verdict.reason}; taken over`);
    }
    throw new SessionLockedError(path, 'a concurrent wave process');
  } finally {
    await rm(tmp, { force: true });
  }
}
