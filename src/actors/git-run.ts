/**
 * One git command run in this process through simple-git: the body of {@link gitExec} when no
 * launcher process is available, and what the launcher process itself runs for each request.
 *
 * simple-git 4 strips every ambient `GIT_*` variable (and `EDITOR`, `PAGER`…) from the child and
 * refuses such keys passed through `.env()` unless they are named in `allowEnvironment`: the
 * command gets exactly the environment it is handed (see `minimalGitEnv`).
 */
import { simpleGit } from 'simple-git';

/** `GIT_*` keys a caller may pass on purpose; every other one is refused by simple-git. */
export const ALLOWED_GIT_ENV = ['GIT_INDEX_FILE', 'GIT_TERMINAL_PROMPT'] as const;

/** A git command, complete: what runs where, with which environment. Plain data (it crosses IPC). */
export interface GitRequest {
  readonly args: readonly string[];
  readonly cwd: string;
  /** The whole environment of the git process. */
  readonly env: Readonly<Record<string, string>>;
  /** Exit codes that are answers, not failures. */
  readonly okExitCodes: readonly number[];
  /** `-c key=value` settings. */
  readonly config: readonly string[];
  /** Written to git's standard input. */
  readonly input?: string;
}

/** What a git command answered. */
export interface GitExecResult {
  readonly exitCode: number;
  readonly stdout: string;
}

/**
 * Runs `request` in this process under `signal`. Rejects when git exits with a code outside
 * `okExitCodes` (the error names git's message) or when the signal aborts (with its reason).
 */
export async function runGitHere(signal: AbortSignal, request: GitRequest): Promise<GitExecResult> {
  signal.throwIfAborted();
  const { args, okExitCodes: ok, input } = request;
  let exitCode = 0;
  const git = simpleGit({
    baseDir: request.cwd,
    binary: 'git',
    abort: signal,
    allowEnvironment: ALLOWED_GIT_ENV,
    config: [...request.config],
    ...(input === undefined ? {} : { input: () => input }),
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
  }).env({ ...request.env });
  try {
    const stdout = await git.raw([...args]);
    return { exitCode, stdout };
  } catch (error) {
    signal.throwIfAborted();
    throw error;
  }
}
