/**
 * Runs one git command under an `AbortSignal`, with a minimal environment: PATH, HOME and the
 * platform's basics, never the ambient `GIT_*`, `EDITOR` or `PAGER`, plus the few `GIT_*` keys
 * the caller passes on purpose (a temporary index file). Aborting the signal kills the git process
 * and rejects with the signal's reason.
 *
 * The command runs in the launcher process when its program is built (`launcher/`): starting git
 * from the coordinator would stall its event loop for the time a fork of a big process takes.
 * Without the program (the sources run directly), git runs from this process (`git-run.ts`).
 */
import { sharedLauncher } from './launcher/shared-launcher.js';
import { ALLOWED_GIT_ENV, runGitHere, type GitExecResult, type GitRequest } from './git-run.js';

export type { GitExecResult } from './git-run.js';

/** Ambient variables git needs to find itself, the user's config and a temporary directory. */
const PASSED_THROUGH = [
  'PATH',
  'HOME',
  'USERPROFILE',
  'SYSTEMROOT',
  'TMPDIR',
  'TEMP',
  'TMP',
  'XDG_CONFIG_HOME',
] as const;

/** Options of {@link gitExec}. */
export interface GitExecOptions {
  /** Directory git runs in (a repository, a worktree, or a directory inside one). */
  readonly cwd: string;
  /** Extra environment (only `GIT_INDEX_FILE` and `GIT_TERMINAL_PROMPT` among `GIT_*` keys). */
  readonly env?: Readonly<Partial<Record<(typeof ALLOWED_GIT_ENV)[number], string>>>;
  /** Exit codes that are answers, not failures (default: only 0). */
  readonly okExitCodes?: readonly number[];
  /** `-c key=value` settings for this command. */
  readonly config?: readonly string[];
  /** Written to git's standard input. */
  readonly input?: string;
}

/** The environment every git command of the actors runs with. */
export function minimalGitEnv(extra: GitExecOptions['env'] = {}): Record<string, string> {
  const env: Record<string, string> = { LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' };
  for (const key of PASSED_THROUGH) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) env[key] = value;
  return env;
}

/**
 * Runs `git <args>` in `options.cwd` under `signal`. Rejects when git exits with a code outside
 * `okExitCodes` (the error names git's message) or when the signal aborts (with its reason).
 */
export async function gitExec(
  signal: AbortSignal,
  args: readonly string[],
  options: GitExecOptions,
): Promise<GitExecResult> {
  signal.throwIfAborted();
  const request: GitRequest = {
    args,
    cwd: options.cwd,
    env: minimalGitEnv(options.env),
    okExitCodes: options.okExitCodes ?? [0],
    config: options.config ?? [],
    ...(options.input === undefined ? {} : { input: options.input }),
  };
  const launcher = sharedLauncher();
  return launcher === null ? runGitHere(signal, request) : launcher.runGit(signal, request);
}
