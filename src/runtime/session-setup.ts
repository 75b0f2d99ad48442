/**
 * Preconditions of `wave run` and the identity of a new session, in the documented order: the plan
 * is valid (checked by the caller), no other live session holds the repository (exit 4), the
 * working tree is clean unless allowed (exit 2). Nothing is written here.
 */
import { randomUUID } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { PreconditionError, SessionLockedError } from '../errors.js';
import { listIfPresent, readTextIfPresent } from '../adapters/optional-files.js';
import { assertNoSymlinkBelow } from '../adapters/projection-writer.js';
import type { GitActor } from '../ports.js';
import type { ResolvedPlan } from '../domain/plan.schema.js';
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

/**
 * Throws {@link SessionLockedError} when a live session.lock of another session exists. `settle`
 * gets the chance to finish a session whose log ended but whose files were never written (a crash
 * between its last commit and its projections): when it returns true, the lock is not in the way.
 */
async function assertNoLiveSession(
  repo: string,
  nowIso: string,
  except?: string,
  settle?: (stream: string) => Promise<boolean>,
): Promise<void> {
  const path = join(repo, SESSION_LOCK_PATH);
  const text = await readTextIfPresent(path);
  if (text === undefined) return;
  const parsed = parseLock(text);
  if (!parsed.ok) return;
  const lock = parsed.lock;
  if (lock.session_id === except) return;
  if (!isLockLive(lock, nowIso)) return;
  if (settle && (await settle(lock.session_id))) return;
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
  /** See {@link assertNoLiveSession}. */
  settle?: (stream: string) => Promise<boolean>;
}): Promise<RepoFacts> {
  const { git, signal } = options;
  if (!(await git.isRepo(signal))) {
    throw new PreconditionError(`${options.repo}: not a git repository (wave run needs one)`);
  }
  assertSafeLayout(options.repo);
  await assertNoLiveSession(options.repo, options.nowIso, undefined, options.settle);
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

/** The data of the first batch's `baseline.frozen` for a plan. */
export function baselineOf(plan: ResolvedPlan): {
  intent: string;
  ownerBoundary: string;
  plannedFiles: number;
} {
  const files = [...new Set(plan.waves.flatMap((w) => w.tasks.flatMap((t) => t.files)))].sort();
  const boundary = [
    ...new Set(files.map((f) => f.split('/')[0] + (f.includes('/') ? '/**' : ''))),
  ].join(', ');
  return { intent: plan.session.intent, ownerBoundary: boundary, plannedFiles: files.length };
}

/** Where wave writes in a repository: none of these may be (or pass through) a symbolic link. */
const WRITTEN_PATHS = [
  '.claude/STATE.md',
  '.claude/wave-scope.json',
  '.orchestrator/log/blobs',
  '.orchestrator/runtime/run.lock',
  '.orchestrator/metrics/sessions.jsonl',
  '.orchestrator/metrics/events.jsonl',
  '.orchestrator/session.lock',
] as const;

/**
 * Refuses a repository whose `.claude`, `.orchestrator` or projection files are symbolic links
 * (they could send the log or the files outside it), before anything is written. Throws
 * {@link PreconditionError} naming the link.
 */
export function assertSafeLayout(repo: string): void {
  let root: string;
  try {
    root = realpathSync.native(repo);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const rel of WRITTEN_PATHS) assertNoSymlinkBelow(root, join(root, rel));
}
