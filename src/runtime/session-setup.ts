/**
 * Preconditions of `wave run` and the identity of a new session, in the documented order: the plan
 * is valid (checked by the caller), no other live session holds the repository (exit 4), the
 * working tree is clean unless allowed (exit 2). Nothing is written here.
 */
import { randomUUID } from 'node:crypto';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { PreconditionError, SessionLockedError } from '../errors.js';
import { listIfPresent, readTextIfPresent } from '../adapters/optional-files.js';
import type { GitActor } from '../ports.js';
import { isLockLive, parseLock } from '../formats/session-lock.liveness.js';
import { SESSION_LOCK_PATH } from '../projections/session-lock.projection.js';
import { sessionLiveness } from './session-liveness.js';

/** What the preconditions learned about the repository. */
export interface RepoFacts {
  branch: string;
  head: string | null;
  /** Files already changed before the session (only with `allowDirty`). */
  dirtyFiles: string[];
}

/** Throws {@link SessionLockedError} when a live session.lock of another session exists. */
async function assertNoLiveSession(repo: string, nowIso: string, except?: string): Promise<void> {
  const path = join(repo, SESSION_LOCK_PATH);
  const text = await readTextIfPresent(path);
  if (text === undefined) return;
  const parsed = parseLock(text);
  if (!parsed.ok) return;
  const lock = parsed.lock;
  if (lock.session_id === except) return;
  if (!isLockLive(lock, nowIso)) return;
  // A fresh heartbeat of a process that is gone (this host) holds nothing: it was interrupted.
  if ((await sessionLiveness(repo, lock.session_id, nowIso)) === 'dead') return;
  const label = lock.semantic_session_id ?? lock.session_id;
  throw new SessionLockedError(
    path,
    `${label}, pid ${String(lock.pid ?? '?')} on ${String(lock.host ?? '?')}, last heartbeat ${lock.last_heartbeat ?? lock.started_at}; continue it with \`wave resume\` or remove the lock if it is dead`,
  );
}

/** Checks the repository: a git work tree, no live session, a clean tree unless allowed. */
export async function checkPreconditions(options: {
  repo: string;
  git: GitActor;
  nowIso: string;
  allowDirty: boolean;
  /** Aborting stops the git questions (the call rejects with the signal's reason). */
  signal: AbortSignal;
}): Promise<RepoFacts> {
  const { git, signal } = options;
  if (!(await git.isRepo(signal))) {
    throw new PreconditionError(`${options.repo}: not a git repository (wave run needs one)`);
  }
  await assertNoLiveSession(options.repo, options.nowIso);
  if (!options.allowDirty && !(await git.isClean(signal))) {
    throw new PreconditionError(
      `${options.repo}: the working tree has uncommitted changes; commit or stash them, or pass --allow-dirty`,
    );
  }
  const head = await git.head(signal);
  const dirtyFiles = options.allowDirty ? await git.changedFiles(signal, head ?? undefined) : [];
  return { branch: (await git.branch(signal)) ?? 'detached', head, dirtyFiles };
}

/** A new session id (the stream id and lock owner key). */
export function newSessionId(): string {
  return randomUUID();
}

/** The semantic label `<branch>-<YYYY-MM-DD>-<mode>-<n>`, n counting that day's sessions. */
export async function semanticLabel(options: {
  logDir: string;
  branch: string;
  date: string;
  mode: string;
}): Promise<string> {
  const prefix = `${options.branch.replace(/[^A-Za-z0-9._-]/g, '-')}-${options.date}-${options.mode}-`;
  let n = 0;
  const names = await listIfPresent(options.logDir, '.jsonl');
  for (const name of names) {
    const first = await firstLine(join(options.logDir, name));
    const m = /"semanticId":"([^"]+)"/.exec(first);
    if (m?.[1]?.startsWith(prefix)) {
      const k = Number(m[1].slice(prefix.length));
      if (Number.isInteger(k) && k > n) n = k;
    }
  }
  return `${prefix}${n + 1}`;
}

/** The first line of a file (at most 64 KiB), without reading the rest. */
async function firstLine(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(65536);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const text = buf.toString('utf8', 0, bytesRead);
    const nl = text.indexOf('\n');
    return nl < 0 ? text : text.slice(0, nl);
  } finally {
    await handle.close();
  }
}
