/**
 * The coordinator's side of the git launcher process (see `git-launcher.child.ts`): started on
 * first use, shared by every git call of this process, kept out of the way of the process's exit
 * (its channel holds the event loop only while a request is open). A launcher that exits or cannot
 * start fails the requests it held with its reason and is started again on the next call.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { asError } from '../errors.js';
import { isLaunchReply, type LaunchCancel, type LaunchRun } from './git-launcher.protocol.js';
import type { GitExecResult, GitRequest } from './git-run.js';

interface Pending {
  resolve(result: GitExecResult): void;
  reject(error: Error): void;
  readonly command: string;
}

/** The launcher program, built (`dist/`), whether this module runs from `dist/` or from `src/`. */
function launcherPath(): string | null {
  const beside = fileURLToPath(new URL('./git-launcher.child.js', import.meta.url));
  if (existsSync(beside)) return beside;
  const built = fileURLToPath(new URL('../../dist/actors/git-launcher.child.js', import.meta.url));
  return existsSync(built) ? built : null;
}

/** Runs git commands in a launcher process. */
export class GitLauncher {
  private child: ChildProcess | null = null;
  private readonly pending = new Map<number, Pending>();
  private next = 1;

  /** @param program the launcher program (a built `git-launcher.child.js`). */
  constructor(private readonly program: string) {}

  /** Runs `request` in the launcher under `signal` (an abort kills the git process there). */
  run(signal: AbortSignal, request: GitRequest): Promise<GitExecResult> {
    signal.throwIfAborted();
    const child = this.started();
    const id = this.next++;
    return new Promise<GitExecResult>((resolve, reject) => {
      const onAbort = () => {
        this.settle(id);
        this.send(child, { kind: 'cancel', id });
        reject(asError(signal.reason));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const done = () => signal.removeEventListener('abort', onAbort);
      const command = `git ${request.args.join(' ')}`;
      this.pending.set(id, {
        command,
        resolve: (result) => (done(), resolve(result)),
        reject: (error) => (done(), reject(error)),
      });
      this.holdLoop(true);
      this.send(child, { kind: 'run', id, request });
    });
  }

  /** Stops the launcher process (open requests fail). */
  stop(): void {
    this.child?.kill();
  }

  private started(): ChildProcess {
    if (this.child !== null) return this.child;
    const child = fork(this.program, [], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      execArgv: [], // not the coordinator's flags (--cpu-prof, --inspect…)
      serialization: 'json',
    });
    child.on('message', (message: unknown) => {
      if (!isLaunchReply(message)) return;
      const waiting = this.settle(message.id);
      if (waiting === undefined) return; // cancelled: its caller has its answer already
      if (message.ok) waiting.resolve(message.result);
      else waiting.reject(new Error(message.message));
    });
    const gone = (why: string) => {
      if (this.child !== child) return;
      this.child = null;
      for (const [id, waiting] of [...this.pending]) {
        this.settle(id);
        waiting.reject(new Error(`${waiting.command}: the git launcher process ${why}`));
      }
    };
    child.on('error', (error) => gone(`failed: ${error.message}`));
    child.on('exit', (code, signal) => gone(`exited (${signal ?? `code ${code}`})`));
    child.unref();
    this.child = child;
    this.holdLoop(false);
    return child;
  }

  private send(child: ChildProcess, message: LaunchRun | LaunchCancel): void {
    if (child.connected) child.send(message);
  }

  private settle(id: number): Pending | undefined {
    const waiting = this.pending.get(id);
    this.pending.delete(id);
    if (this.pending.size === 0) this.holdLoop(false);
    return waiting;
  }

  /** The IPC channel keeps this process alive only while a request is open. */
  private holdLoop(hold: boolean): void {
    const channel = this.child?.channel;
    if (channel === undefined || channel === null) return;
    if (hold) channel.ref();
    else channel.unref();
  }
}

let shared: GitLauncher | null | undefined;

/** This process's launcher, or null when the launcher program is not built (git runs here). */
export function sharedGitLauncher(): GitLauncher | null {
  if (shared === undefined) {
    const program = launcherPath();
    shared = program === null ? null : new GitLauncher(program);
  }
  return shared;
}
