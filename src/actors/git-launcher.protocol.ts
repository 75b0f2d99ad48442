/**
 * The messages between the git launcher process and the process it serves (over Node's IPC
 * channel, JSON): a request to run, the cancellation of one, and the answer to one.
 */
import type { GitExecResult, GitRequest } from './git-run.js';

/** Parent → launcher: run this git command. */
export interface LaunchRun {
  readonly kind: 'run';
  readonly id: number;
  readonly request: GitRequest;
}

/** Parent → launcher: the caller's signal aborted; kill that git process. */
export interface LaunchCancel {
  readonly kind: 'cancel';
  readonly id: number;
}

/** Launcher → parent: how request `id` ended (its result, or its error's message). */
export type LaunchReply =
  | { readonly id: number; readonly ok: true; readonly result: GitExecResult }
  | { readonly id: number; readonly ok: false; readonly message: string };

/** True for a well-formed {@link LaunchReply}. */
export function isLaunchReply(value: unknown): value is LaunchReply {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'number' && typeof v.ok === 'boolean';
}
