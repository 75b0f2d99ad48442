/**
 * The strict-mode revert of an agent's out-of-scope changes: exactly the listed files go back to
 * their state at a base ref (the wave's pre-dispatch HEAD or the agent's worktree base). A file that
 * exists at the base is restored in the working tree and the index; a file that does not (the agent
 * created it) is removed from both. Nothing else is touched: other files, other agents' changes,
 * HEAD and the branch stay as they are. Every git call runs under the caller's `AbortSignal`, with
 * the minimal environment of `git-exec.ts`.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PreconditionError } from '../errors.js';
import { gitExec } from './git-exec.js';

/** Input of {@link revertAgentFiles}. */
export interface RevertFilesInput {
  /** The working tree the agent changed (the repository or its worktree). */
  readonly cwd: string;
  /** The commit the files go back to. */
  readonly baseRef: string;
  /** Repository-relative, `/`-separated paths (the out-of-scope files of one agent). */
  readonly files: readonly string[];
  readonly signal: AbortSignal;
}

/** What was done to each file. */
export interface RevertFilesResult {
  /** Files put back to their content at the base. */
  readonly restored: string[];
  /** Files that did not exist at the base, removed. */
  readonly removed: string[];
}

function checkPath(file: string): void {
  const bad =
    file === '' ||
    file.startsWith('/') ||
    /^[A-Za-z]:/.test(file) ||
    file.split(/[\\/]/).some((s) => s === '..' || s === '.git');
  if (bad) throw new PreconditionError(`scope revert: refusing the path ${JSON.stringify(file)}`);
}

/** Reverts exactly `files` of the working tree at `cwd` to `baseRef`. */
export async function revertAgentFiles(input: RevertFilesInput): Promise<RevertFilesResult> {
  const { cwd, baseRef, signal } = input;
  const files = [...new Set(input.files)].sort();
  files.forEach(checkPath);
  signal.throwIfAborted();
  if (files.length === 0) return { restored: [], removed: [] };
  const run = async (args: string[], okExitCodes?: number[]): Promise<string> =>
    (await gitExec(signal, args, { cwd, ...(okExitCodes ? { okExitCodes } : {}) })).stdout;
  const base = (
    await run(['rev-parse', '--verify', '--quiet', `${baseRef}^{commit}`], [0, 1])
  ).trim();
  if (base === '') throw new PreconditionError(`scope revert: ${baseRef} is not a commit`);
  // Literal pathspecs: a file named `*.ts` is that file, not a glob.
  const literal = files.map((f) => `:(literal)${f}`);
  const atBase = new Set(
    (await run(['ls-tree', '-r', '-z', '--name-only', base, '--', ...literal]))
      .split('\0')
      .filter((p) => p !== ''),
  );
  const restored = files.filter((f) => atBase.has(f));
  const removed = files.filter((f) => !atBase.has(f));
  if (restored.length > 0) {
    await run([
      'restore',
      `--source=${base}`,
      '--staged',
      '--worktree',
      '--',
      ...restored.map((f) => `:(literal)${f}`),
    ]);
  }
  if (removed.length > 0) {
    await run([
      'rm',
      '-q',
      '--cached',
      '--ignore-unmatch',
      '--',
      ...removed.map((f) => `:(literal)${f}`),
    ]);
    for (const f of removed) {
      signal.throwIfAborted();
      await rm(join(cwd, f), { force: true });
    }
  }
  return { restored, removed };
}
