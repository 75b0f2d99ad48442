/**
 * A process the launcher started, as its parent sees it: the two sockets that are its stdout and
 * stderr (connected by the parent, so they are there at once), and the events of a Node
 * `ChildProcess`: `spawn` (with `pid` set), `error` (before `spawn`: it could not start), `exit`,
 * `close` (exited and both sockets ended), plus `stdin-error` for a failed write of its stdin.
 */
import { EventEmitter } from 'node:events';
import { Socket } from 'node:net';

/** A process started by the launcher process. */
export class LaunchedChild extends EventEmitter {
  /** The process id once it runs (`spawn`), else undefined. */
  pid: number | undefined = undefined;
  readonly stdout = new Socket();
  readonly stderr = new Socket();
  private exited = false;
  private open = 2;

  /** @param id the launch id its sockets announce themselves with. */
  constructor(readonly id: number) {
    super();
    for (const socket of [this.stdout, this.stderr]) {
      socket.on('close', () => {
        this.open -= 1;
        this.closeWhenDone();
      });
      socket.on('error', (error) => this.emit('error', error));
    }
  }

  /** Connects both sockets to the launcher's listening socket at `path`. */
  connect(path: string): void {
    this.stdout.connect(path, () => this.stdout.write(`${this.id} 1\n`));
    this.stderr.connect(path, () => this.stderr.write(`${this.id} 2\n`));
  }

  /** The launcher started it. */
  spawned(pid: number): void {
    this.pid = pid;
    this.emit('spawn');
  }

  /** It could not start (or the launcher was lost before it did). */
  failed(message: string): void {
    this.emit('error', new Error(message));
    this.stdout.destroy();
    this.stderr.destroy();
    this.exit(null, null);
  }

  /** Its stdin could not be written. */
  stdinError(code: string, message: string): void {
    this.emit('stdin-error', Object.assign(new Error(message), { code }));
  }

  /** It exited. */
  exit(code: number | null, signal: string | null): void {
    if (this.exited) return;
    this.exited = true;
    this.emit('exit', code, signal);
    this.closeWhenDone();
  }

  private closeWhenDone(): void {
    if (this.exited && this.open === 0) this.emit('close');
  }
}
