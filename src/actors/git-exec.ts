/**
 * Runs one git command through simple-git under an `AbortSignal`, with a minimal environment.
 *
 * simple-git 4 strips every ambient `GIT_*` variable (and `EDITOR`, `PAGER`…) from the child and
 * refuses such keys passed through `.env()` unless they are named in `allowEnvironment`: the
 * command therefore gets only what git needs (PATH, HOME and the platform's basics), plus the few
 * `GIT_*` keys the caller passes on purpose (a temporary index file). Aborting the signal kills
 * the git process and rejects with the signal's reason.
 */
import { simpleGit } from 'simple-git';

/** `GIT_*` keys a caller may pass on purpose; every other one is refused by simple-git. */
const ALLOWED_GIT_ENV = ['GIT_INDEX_FILE', 'GIT_TERMINAL_PROMPT'] as const;

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

/** What a git command answered. */
export interface GitExecResult {
  readonly exitCode: number;
  readonly stdout: string;
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
  const ok = options.okExitCodes ?? [0];
  let exitCode = 0;
  const git = simpleGit({
    baseDir: options.cwd,
    binary: 'git',
    abort: signal,
    allowEnvironment: ALLOWED_GIT_ENV,
    config: [...(options.config ?? [])],
    ...(options.input === undefined ? {} : { input: () => options.input }),
    errors(error, result) {
      exitCode = result.exitCode;
      // simple-git has already turned any exit code with stderr output into an error: the
      // caller's accepted codes are answers, an abort stays an error.
      if (signal.aborted || result.exitCode === 0) return error;
      if (ok.includes(result.exitCode)) return undefined;
      const text = Buffer.concat([...result.stdErr, ...result.stdOut])
        .toString('utf8')
        .trim();
      return new Error(
        `git ${args.join(' ')} exited ${result.exitCode}${text === '' ? '' : `: ${text}`}`,
      );
    },
  }).env(minimalGitEnv(options.env));
  try {
    const stdout = await git.raw([...args]);
    return { exitCode, stdout };
  } catch (error) {
    signal.throwIfAborted();
    throw error;
  }
}
