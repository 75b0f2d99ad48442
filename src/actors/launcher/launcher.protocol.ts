/**
 * The messages between the launcher process and the process it serves (Node's IPC channel, JSON):
 * git commands to run (and their cancellation), agent processes to start, and what became of them.
 * An agent's stdout and stderr do not cross this channel: they are Unix sockets the served process
 * connects to the launcher's listening socket (`ready.path`), each opened with the line
 * `<id> <fd>\n`, and handed to the agent as its fd 1 and 2.
 */
import type { GitExecResult, GitRequest } from '../git-run.js';

/** Parent → launcher: run this git command. */
interface LaunchRun {
  readonly kind: 'run';
  readonly id: number;
  readonly request: GitRequest;
}

/** Parent → launcher: the caller's signal aborted; kill that git process. */
interface LaunchCancel {
  readonly kind: 'cancel';
  readonly id: number;
}

/** Parent → launcher: start a process in its own group with the two sockets of `id` as stdout/err. */
export interface LaunchSpawn {
  readonly kind: 'spawn';
  readonly id: number;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** Written to the process's stdin, then closed; without it stdin is /dev/null. */
  readonly stdin?: string;
}

/** Any message the launcher is sent. */
export type LauncherRequest = LaunchRun | LaunchCancel | LaunchSpawn;

/** Any message the launcher sends. */
export type LauncherReport =
  | { readonly kind: 'ready'; readonly path: string }
  | {
      readonly kind: 'reply';
      readonly id: number;
      readonly ok: true;
      readonly result: GitExecResult;
    }
  | { readonly kind: 'reply'; readonly id: number; readonly ok: false; readonly message: string }
  | { readonly kind: 'spawned'; readonly id: number; readonly pid: number }
  | { readonly kind: 'spawn-failed'; readonly id: number; readonly message: string }
  | {
      readonly kind: 'stdin-error';
      readonly id: number;
      readonly code: string;
      readonly message: string;
    }
  | {
      readonly kind: 'exited';
      readonly id: number;
      readonly code: number | null;
      readonly signal: string | null;
    };

/** True for a message shaped like a {@link LauncherReport}. */
export function isLauncherReport(value: unknown): value is LauncherReport {
  if (typeof value !== 'object' || value === null) return false;
  return typeof (value as Record<string, unknown>).kind === 'string';
}
