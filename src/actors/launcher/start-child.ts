/**
 * Starts an agent process in its own process group (argv, never a shell): through the launcher
 * process when there is one (see `launcher.client.ts`), else from this process. Either way the
 * caller sees the same thing ({@link AgentChild}): `stdout`/`stderr` streams at once, `pid` from
 * `spawn` on, and the events of a Node `ChildProcess`, plus `stdin-error` when writing its stdin
 * failed.
 */
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { sharedLauncher } from './shared-launcher.js';

/** A started agent process, whoever started it. */
export interface AgentChild {
  readonly pid: number | undefined;
  readonly stdout: Readable;
  readonly stderr: Readable;
  on(event: 'spawn' | 'close', listener: () => void): this;
  on(event: 'error' | 'stdin-error', listener: (error: NodeJS.ErrnoException) => void): this;
  on(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): this;
}

/** What the process is started with. */
export interface StartOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Written to stdin, then closed; without it stdin is /dev/null. */
  readonly stdin?: string;
}

/** Starts `command args` in its own process group with piped stdout and stderr. */
export function startChild(
  command: string,
  args: readonly string[],
  options: StartOptions,
): AgentChild {
  const launcher = sharedLauncher();
  if (launcher !== null) {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(options.env))
      if (value !== undefined) env[key] = value;
    const stdin = options.stdin === undefined ? {} : { stdin: options.stdin };
    return launcher.spawn(command, args, { cwd: options.cwd, env, ...stdin });
  }
  const child = spawn(command, [...args], {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    windowsHide: true,
  });
  if (child.stdin !== null) {
    child.stdin.on('error', (error) => child.emit('stdin-error', error));
    child.stdin.end(options.stdin);
  }
  return child as AgentChild;
}
