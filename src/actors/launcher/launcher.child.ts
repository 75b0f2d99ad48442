/**
 * The launcher process: a small Node process that starts processes for the coordinator (git
 * commands, agents). Starting a process from a big one stalls the big one's event loop in
 * proportion to its memory (the page tables are copied on fork: 10 ms at 110 MB, 40 ms at 580 MB,
 * measured on Node 20); from here it costs a few milliseconds, off the coordinator's thread.
 *
 * Git commands run with the same in-process runner a launcher-less process uses, and answer over
 * IPC. An agent gets the two sockets its parent opened to this process's listening socket as its
 * stdout and stderr (so its output never passes through here), its own process group, and its
 * prompt on stdin; its pid, a failed start and its exit are reported over IPC. The launcher exits
 * when its parent goes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asError } from '../../errors.js';
import { runGitHere } from '../git-run.js';
import type { LaunchSpawn, LauncherReport, LauncherRequest } from './launcher.protocol.js';

const report = (message: LauncherReport): void => {
  process.send?.(message);
};

// ── git commands ──────────────────────────────────────────────────────────────────────────────
const running = new Map<number, AbortController>();

function runGit(id: number, request: Extract<LauncherRequest, { kind: 'run' }>['request']): void {
  const stop = new AbortController();
  running.set(id, stop);
  runGitHere(stop.signal, request)
    .then(
      (result) => report({ kind: 'reply', id, ok: true, result }),
      (error: unknown) => report({ kind: 'reply', id, ok: false, message: asError(error).message }),
    )
    .finally(() => running.delete(id));
}

// ── agent processes ───────────────────────────────────────────────────────────────────────────
interface Starting {
  request?: LaunchSpawn;
  readonly sockets: (Socket | undefined)[]; // index 1: stdout, 2: stderr
}
const starting = new Map<number, Starting>();
const entry = (id: number): Starting => {
  let e = starting.get(id);
  if (e === undefined) starting.set(id, (e = { sockets: [] }));
  return e;
};

function startWhenComplete(id: number): void {
  const e = starting.get(id);
  const [out, err] = [e?.sockets[1], e?.sockets[2]];
  if (e?.request === undefined || out === undefined || err === undefined) return;
  starting.delete(id);
  const { command, args, cwd, env, stdin } = e.request;
  const child = spawn(command, [...args], {
    cwd,
    env,
    detached: true,
    stdio: [stdin === undefined ? 'ignore' : 'pipe', out, err],
    windowsHide: true,
  });
  // The agent holds its own copies; ours would keep the parent from seeing the end of its output.
  out.destroy();
  err.destroy();
  child.on('spawn', () => report({ kind: 'spawned', id, pid: child.pid as number }));
  child.on('error', (error) => {
    if (child.pid === undefined) report({ kind: 'spawn-failed', id, message: error.message });
  });
  child.on('exit', (code, signal) => report({ kind: 'exited', id, code, signal }));
  if (child.stdin !== null) {
    child.stdin.on('error', (error: NodeJS.ErrnoException) =>
      report({ kind: 'stdin-error', id, code: error.code ?? '', message: error.message }),
    );
    child.stdin.end(stdin);
  }
}

/** Reads a socket's opening line `<id> <fd>\n`, then files it under its agent. */
function adopt(socket: Socket): void {
  let head = '';
  const onData = (chunk: Buffer) => {
    head += chunk.toString('latin1');
    const end = head.indexOf('\n');
    if (end === -1) return;
    socket.off('data', onData);
    socket.pause();
    const [id, fd] = head.slice(0, end).split(' ').map(Number);
    if (id === undefined || (fd !== 1 && fd !== 2)) {
      socket.destroy();
      return;
    }
    entry(id).sockets[fd] = socket;
    startWhenComplete(id);
  };
  socket.on('data', onData);
  socket.on('error', () => socket.destroy()); // the parent went away; it reports the agent itself
}

const dir = mkdtempSync(join(tmpdir(), 'wave-launch-'));
const path = join(dir, 'sock');
const server = createServer({ pauseOnConnect: false }, adopt);
server.on('error', (error) => {
  // Without its socket the launcher cannot start agents: say why and go (the parent reports it).
  process.stderr.write(`wave launcher: cannot listen at ${path}: ${error.message}\n`);
  process.exit(1);
});
server.listen(path, () => report({ kind: 'ready', path }));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

process.on('message', (message: LauncherRequest) => {
  if (message.kind === 'run') runGit(message.id, message.request);
  else if (message.kind === 'cancel') running.get(message.id)?.abort(new Error('cancelled'));
  else {
    entry(message.id).request = message;
    startWhenComplete(message.id);
  }
});

// The coordinator went away (or closed the channel): nothing is left to serve.
process.on('disconnect', () => process.exit(0));
