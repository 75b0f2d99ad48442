/**
 * One git command run from this process: the body of `gitExec` when no launcher process is
 * available, and what the launcher process itself runs for each request.
 *
 * Git gets exactly the environment it is handed (see `minimalGitEnv`: no ambient `GIT_*`,
 * `EDITOR` or `PAGER`), its `-c` settings before the command, `input` on stdin (else /dev/null),
 * and is killed when the signal aborts. Not through simple-git: its completion step waits 50 ms
 * after every command that printed nothing (simple-git 4.0.2, `plugin:completion`), which is
 * every `git add`, an empty `diff-tree` and an empty `log`: 200 ms of every wave's git work.
 */
import { execFile } from 'node:child_process';
import { asError } from '../errors.js';

/** `GIT_*` keys a caller may pass on purpose; `minimalGitEnv` passes no other. */
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
  /** What git printed on stderr (warnings, or the message of an exit code given as ok). */
  readonly stderr: string;
}

/**
 * Runs `request` in this process under `signal`. Rejects when git exits with a code outside
 * `okExitCodes` (the error names the command and git's message), when it cannot be started, or
 * when the signal aborts (with its reason).
 */
export function runGitHere(signal: AbortSignal, request: GitRequest): Promise<GitExecResult> {
  signal.throwIfAborted();
  const { args, okExitCodes: ok, input } = request;
  const argv = [...request.config.flatMap((c) => ['-c', c]), ...args];
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      argv,
      { cwd: request.cwd, env: request.env, signal, maxBuffer: Infinity, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (signal.aborted) return reject(asError(signal.reason));
        if (error === null) return resolve({ exitCode: 0, stdout, stderr });
        const code = typeof error.code === 'number' ? error.code : null;
        if (code !== null && ok.includes(code)) return resolve({ exitCode: code, stdout, stderr });
        const text = `${stderr}${stdout}`.trim();
        const how = code === null ? `failed (${error.message})` : `exited ${code}`;
        reject(new Error(`git ${args.join(' ')} ${how}${text === '' ? '' : `: ${text}`}`));
      },
    );
    const stdin = child.stdin;
    if (stdin === null) return;
    // A command that does not read all of its input closes the pipe early: its exit tells.
    stdin.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') reject(error);
    });
    stdin.end(input ?? '');
  });
}
