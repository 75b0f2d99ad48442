/**
 * Git plumbing shared by the git actor and the worktree manager: the commit of a working tree's
 * current content (tracked, modified and untracked files, without ignored files and without the
 * project's own files) built through a temporary index, so the real index and the working tree are
 * never touched; the coordinator's commit identity; HEAD.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gitExec } from './git-exec.js';
import { isOwnPath, OWN_PATHS } from './git-own-files.js';
import { tmpSiblingGlob } from '../domain/tmp-sibling.js';

/**
 * Pathspec of every file of the work tree except the project's own files and the projection
 * writer's temporary siblings of them: one renamed away while `git add` runs would otherwise fail
 * it ("unable to stat").
 */
export const ALL_BUT_OWN: readonly string[] = [
  ':/',
  ...OWN_PATHS.map((p) => `:(top,exclude)${p.endsWith('/') ? p.slice(0, -1) : p}`),
  ...OWN_PATHS.filter((p) => !p.endsWith('/')).map(
    (p) => `:(top,exclude,glob)${tmpSiblingGlob(p)}`,
  ),
];

/** How git 2.x begins the report of pathspecs naming ignored paths (`LC_ALL=C`). */
const IGNORED_REPORT = 'The following paths are ignored by one of your .gitignore files:';

/** True when `stderr` is only git's report of ignored paths, each one of our own or above them. */
function onlyOwnIgnored(stderr: string): boolean {
  const lines = stderr.split('\n').filter((l) => l !== '');
  if (lines[0] !== IGNORED_REPORT || lines.length < 2) return false;
  return lines
    .slice(1)
    .every((l) => OWN_PATHS.some((p) => p === l || p === `${l}/` || p.startsWith(`${l}/`)));
}

/**
 * `git add --all` of every file of the work tree but the project's own ones ({@link ALL_BUT_OWN}),
 * into the index `env` names, else the real one. When a repository ignores a directory of our own
 * files (`.orchestrator/` or `.claude/` in its .gitignore, as many do) and that directory exists,
 * git reports the exclude pathspec as naming an ignored path and exits 1, after adding everything
 * else: that report alone is not a failure. Anything else on stderr with exit 1 is.
 */
export async function addAllButOwn(
  signal: AbortSignal,
  cwd: string,
  env?: { GIT_INDEX_FILE: string },
): Promise<void> {
  const args = ['add', '--all', '--', ...ALL_BUT_OWN];
  const out = await gitExec(signal, args, {
    cwd,
    ...(env === undefined ? {} : { env }),
    okExitCodes: [0, 1],
    config: ['advice.addIgnoredFile=false'],
  });
  if (out.exitCode === 1 && !onlyOwnIgnored(out.stderr)) {
    throw new Error(`git ${args.join(' ')} exited 1: ${out.stderr.trim()}`);
  }
}

/** Name and email the coordinator commits with when the repository configures none. */
export const FALLBACK_IDENTITY = { name: 'wave-executor', email: 'wave-executor@localhost' };

/** Commit sha of HEAD in `cwd`, or null when HEAD is unborn. */
export async function headOf(signal: AbortSignal, cwd: string): Promise<string | null> {
  const { stdout } = await gitExec(signal, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], {
    cwd,
    okExitCodes: [0, 1],
  });
  const sha = stdout.trim();
  return sha === '' ? null : sha;
}

/**
 * `-c` settings giving the coordinator's commits an identity: none when the repository (or the
 * user's global config) has one, else {@link FALLBACK_IDENTITY}.
 */
export async function identityConfig(signal: AbortSignal, cwd: string): Promise<string[]> {
  const { stdout } = await gitExec(signal, ['config', '--get', 'user.email'], {
    cwd,
    okExitCodes: [0, 1],
  });
  if (stdout.trim() !== '') return [];
  return [`user.name=${FALLBACK_IDENTITY.name}`, `user.email=${FALLBACK_IDENTITY.email}`];
}

/** Options of {@link workingTreeCommit}. */
export interface WorkingTreeCommitOptions {
  /** Parent commit (HEAD), or null for a root commit. */
  readonly parent: string | null;
  readonly message: string;
  /** From {@link identityConfig}. */
  readonly identity: readonly string[];
  /** Absolute path of the work tree's real index (see {@link indexPathOf}). */
  readonly indexPath: string;
  /** Only write the tree (then `commit` is null): for comparing the working tree with a commit. */
  readonly treeOnly?: boolean;
}

/** Absolute path of the index file of the work tree at `cwd`. */
export async function indexPathOf(signal: AbortSignal, cwd: string): Promise<string> {
  const { stdout } = await gitExec(signal, ['rev-parse', '--git-path', 'index'], { cwd });
  return resolve(cwd, stdout.trim());
}

/**
 * Writes a commit object of the work tree's current content (tracked and untracked files,
 * ignored and own files left out) without touching the working tree, the real index or any ref.
 * The real index is copied to a temporary file first so `git add` only re-reads changed files.
 */
export async function workingTreeCommit(
  signal: AbortSignal,
  cwd: string,
  options: WorkingTreeCommitOptions,
): Promise<{ tree: string; commit: string | null }> {
  const dir = mkdtempSync(join(tmpdir(), 'wave-index-'));
  try {
    const index = join(dir, 'index');
    if (existsSync(options.indexPath)) {
      copyFileSync(options.indexPath, index);
      // Keep the index's mtime: git tells a racily clean entry (file changed in the second the
      // index was written) by comparing with it; a copy stamped now would hide such a change.
      const { atime, mtime } = statSync(options.indexPath);
      utimesSync(index, atime, mtime);
    }
    const env = { GIT_INDEX_FILE: index };
    await addAllButOwn(signal, cwd, env);
    const tree = (await gitExec(signal, ['write-tree'], { cwd, env })).stdout.trim();
    if (options.treeOnly === true) return { tree, commit: null };
    return { tree, commit: await commitTree(signal, cwd, { ...options, tree }) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A commit object of `tree` on `parent` (no ref moves); its sha. */
export async function commitTree(
  signal: AbortSignal,
  cwd: string,
  c: { tree: string; parent: string | null; message: string; identity: readonly string[] },
): Promise<string> {
  const parents = c.parent === null ? [] : ['-p', c.parent];
  const out = await gitExec(signal, ['commit-tree', c.tree, ...parents, '-m', c.message], {
    cwd,
    config: c.identity,
  });
  return out.stdout.trim();
}

const namesZ = (raw: string): string[] =>
  raw.split('\0').filter((p) => p.length > 0 && !isOwnPath(p));

/**
 * The files that differ between each tree of `from` and the tree `to`, in one git process
 * (`diff-tree --stdin` reads the pairs), each list sorted and without the project's own files.
 * With two or more, trees only (a commit's tree is the caller's to look up); one may be a commit.
 */
export async function diffTrees(
  signal: AbortSignal,
  cwd: string,
  from: readonly string[],
  to: string,
): Promise<string[][]> {
  const distinct = [...new Set(from)];
  const args = ['diff-tree', '-r', '-z', '--name-only', '--no-renames'];
  const lists = new Map<string, string[]>();
  if (distinct.length === 1) {
    const out = await gitExec(signal, [...args, distinct[0] as string, to], { cwd });
    lists.set(distinct[0] as string, namesZ(out.stdout).sort());
  } else {
    // Each pair's output is the pair's own line echoed, then its paths, each ended by NUL.
    const headers = distinct.map((tree) => `${tree} ${to}\n`);
    const out = (await gitExec(signal, [...args, '--stdin'], { cwd, input: headers.join('') }))
      .stdout;
    let at = 0;
    distinct.forEach((tree, i) => {
      const header = headers[i] as string;
      if (!out.startsWith(header, at)) throw new Error(`git diff-tree --stdin: no ${header}`);
      const next = i + 1 < headers.length ? out.indexOf(headers[i + 1] as string, at) : -1;
      const end = next === -1 ? out.length : next;
      lists.set(tree, namesZ(out.slice(at + header.length, end)).sort());
      at = end;
    });
  }
  return from.map((tree) => lists.get(tree) ?? []);
}

/** Makes `name` safe as one component of a ref name (`[A-Za-z0-9._-]`, no leading dot). */
export function refComponent(name: string): string {
  const safe = name
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\.+/, '_')
    .replace(/\.lock$/, '_lock');
  return safe.replace(/\.\.+/g, '_') || '_';
}
