/**
 * The coordinator's side of the launcher process (see `launcher.child.ts`): started on first use,
 * shared by every git call and agent of this process, kept out of the way of the process's exit
 * (its channel holds the event loop only while something is open). A launcher that exits or
 * cannot start fails the git calls it held, naming them, ends the agents it started (their groups
 * are killed: nothing would report them), and is started again on the next call.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { asError } from '../../errors.js';
import type { GitExecResult, GitRequest } from '../git-run.js';
import { LaunchedChild } from './launched-child.js';
import {
  isLauncherReport,
  type LauncherReport,
  type LauncherRequest,
} from './launcher.protocol.js';

interface PendingGit {
  resolve(result: GitExecResult): void;
  reject(error: Error): void;
  readonly command: string;
}

/** What an agent process is started with. */
export interface LaunchOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly stdin?: string;
}

/** Runs git commands and starts processes in a launcher process. */
export class Launcher {
  private child: ChildProcess | null = null;
  private path: string | null = null;
  private readonly git = new Map<number, PendingGit>();
  private readonly children = new Map<number, LaunchedChild>();
  private next = 1;

  /** @param program the launcher program (a built `launcher.child.js`). */
  constructor(private readonly program: string) {}

  /** Runs `request` in the launcher under `signal` (an abort kills the git process there). */
  runGit(signal: AbortSignal, request: GitRequest): Promise<GitExecResult> {
    signal.throwIfAborted();
    const child = this.started();
    const id = this.next++;
    return new Promise<GitExecResult>((resolve, reject) => {
      // An abort kills git in the launcher; the call ends when git has (its answer then comes
      // back as a failure), so nothing it was writing is still being written when it rejects.
      const onAbort = () => this.send(child, { kind: 'cancel', id });
      signal.addEventListener('abort', onAbort, { once: true });
      const done = () => signal.removeEventListener('abort', onAbort);
      this.git.set(id, {
        command: `git ${request.args.join(' ')}`,
        resolve: (result) => (done(), resolve(result)),
        reject: (error) => (done(), reject(signal.aborted ? asError(signal.reason) : error)),
      });
      this.holdLoop();
      this.send(child, { kind: 'run', id, request });
    });
  }

  /** Starts `command` in its own process group; its stdout and stderr are sockets to this process. */
  spawn(command: string, args: readonly string[], options: LaunchOptions): LaunchedChild {
    const child = this.started();
    const id = this.next++;
    const launched = new LaunchedChild(id);
    this.children.set(id, launched);
    launched.on('close', () => {
      this.children.delete(id);
      this.holdLoop();
    });
    this.holdLoop();
    if (this.path !== null) launched.connect(this.path);
    this.send(child, { kind: 'spawn', id, command, args, ...options });
    return launched;
  }

  /** Stops the launcher process (open git calls fail; started agents are ended). */
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
      if (isLauncherReport(message)) this.receive(message);
    });
    child.on('error', (error) => this.lost(child, `failed: ${error.message}`));
    child.on('exit', (code, signal) => this.lost(child, `exited (${signal ?? `code ${code}`})`));
    child.unref();
    this.child = child;
    this.path = null;
    return child;
  }

  private receive(m: LauncherReport): void {
    if (m.kind === 'ready') {
      this.path = m.path;
      for (const launched of this.children.values()) launched.connect(m.path);
      return;
    }
    if (m.kind === 'reply') {
      const waiting = this.git.get(m.id);
      if (waiting === undefined) return;
      this.git.delete(m.id);
      this.holdLoop();
      if (m.ok) waiting.resolve(m.result);
      else waiting.reject(new Error(m.message));
      return;
    }
    const launched = this.children.get(m.id);
    if (launched === undefined) return;
    if (m.kind === 'spawned') launched.spawned(m.pid);
    else if (m.kind === 'spawn-failed') launched.failed(m.message);
    else if (m.kind === 'stdin-error') launched.stdinError(m.code, m.message);
    else launched.exit(m.code, m.signal);
  }

  private lost(child: ChildProcess, why: string): void {
    if (this.child !== child) return;
    this.child = null;
    this.path = null;
    for (const [id, waiting] of [...this.git]) {
      this.git.delete(id);
      waiting.reject(new Error(`${waiting.command}: the launcher process ${why}`));
    }
    for (const launched of this.children.values()) {
      if (launched.pid === undefined) launched.failed(`the launcher process ${why}`);
      else {
        killGroup(launched.pid);
        launched.exit(null, 'SIGKILL');
      }
    }
  }

  private send(child: ChildProcess, message: LauncherRequest): void {
    if (child.connected) child.send(message);
  }

  /** The IPC channel keeps this process alive only while a git call or an agent is open. */
  private holdLoop(): void {
    const channel = this.child?.channel;
    if (channel === undefined || channel === null) return;
    if (this.git.size + this.children.size > 0) channel.ref();
    else channel.unref();
  }
}

/** Kills a process group the launcher can no longer report on; one already gone is fine. */
function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
