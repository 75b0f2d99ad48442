/**
 * The repository's run lock: one live `wave run`/`wave resume` per repository. Created with
 * O_EXCL so two processes cannot both win; a lock whose process is gone (same host) is taken over.
 * The reference's `session.lock` stays a projection; this file only guards our own processes.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { SessionLockedError } from '../errors.js';
import { processStartTime } from './process-identity.js';

/** Path of the run lock inside a repository. */
/** Where the run lock of a repository lives. */
export function runLockPath(repo: string): string {
  return join(repo, '.orchestrator', 'runtime', 'run.lock');
}

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
}

/** Takes the run lock or throws {@link SessionLockedError} naming the holder. */
export async function acquireRunLock(repo: string, session: string): Promise<RunLock> {
  const path = runLockPath(repo);
  await mkdir(dirname(path), { recursive: true });
  // The start time proves, later, that a live pid is still this process (pids are reused).
  const started = processStartTime(process.pid);
  const body = `${JSON.stringify({ pid: process.pid, host: hostname(), session, ...(started ? { started } : {}) }, null, 2)}\n`;
  for (let tries = 0; tries < 3; tries++) {
    try {
      await writeFile(path, body, { flag: 'wx' });
      return { release: () => rm(path, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder: { pid?: number; host?: string; session?: string } = {};
    try {
      holder = JSON.parse(await readFile(path, 'utf8')) as typeof holder;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      if (!(error instanceof SyntaxError)) throw error;
    }
    const sameHost = holder.host === hostname();
    if (sameHost && typeof holder.pid === 'number' && !alive(holder.pid)) {
      await rm(path, { force: true });
      continue;
    }
    throw new SessionLockedError(
      path,
      `session ${holder.session ?? '?'} (pid ${holder.pid ?? '?'} on ${holder.host ?? '?'})`,
    );
  }
  throw new SessionLockedError(path, 'a concurrent wave process');
}
