/**
 * Starts an agent as a child process (argv, never a shell) in its own process group
 * (`detached`), feeds its stdout to a line callback (partial lines across chunks, CRLF, UTF-8
 * split across chunks; linear time, lines bounded by `maxLineBytes`, see `line-splitter.ts`),
 * keeps a tail of stderr, and ends it on abort, timeout or silence (no output for `silenceMs`):
 * SIGTERM to the whole group (`kill(-pid)`), SIGKILL after a grace period. When the agent exits, whatever it
 * left behind in its group is terminated the same way, so grandchildren never outlive it. The
 * process is started by the launcher process when there is one (`../launcher/start-child.ts`).
 */
import type { Backpressure } from '../../ports.js';
import { StringDecoder } from 'node:string_decoder';
import { LineSplitter, type LineBounds } from './line-splitter.js';
import { startChild } from '../launcher/start-child.js';

/** Options of {@link runAgentProcess}. */
export interface AgentProcessOptions {
  argv: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Written to stdin, then stdin is closed; without it stdin is /dev/null. */
  stdin?: string;
  signal: AbortSignal;
  timeoutMs?: number;
  /** Ends the agent when it prints nothing (stdout or stderr) for this long. */
  silenceMs?: number;
  /** Longest stdout line kept whole (default 1 MiB); longer ones are cut with a marker. */
  maxLineBytes?: number;
  /** Time between SIGTERM and SIGKILL (default 2000 ms). */
  killGraceMs?: number;
  /** Called once the process runs. */
  onSpawn?: (pid: number) => void;
  /** Called for every stdout line (without its line ending), in order. */
  onLine: (line: string) => void;
  /**
   * The engine's queue: while it is saturated, stdout is paused (the agent then blocks on a full
   * pipe) until it drains, so an agent that outruns the log cannot grow memory.
   */
  backpressure?: Backpressure;
}

/** How the process ended. */
export interface AgentProcessExit {
  exitCode: number | null;
  signal: string | null;
  /** The last bytes of stderr. */
  stderrTail: string;
  timedOut: boolean;
  /** Ended because it printed nothing for `silenceMs`. */
  silent: boolean;
  aborted: boolean;
  /** Lines cut at `maxLineBytes`, and the bytes dropped from them. */
  bounds: LineBounds;
  /** Set when the process could not be started (e.g. `spawn claude ENOENT`). */
  spawnError?: string;
}

const STDERR_TAIL = 8192;

/** True for the errno codes a write to a closed stdin produces. */
function isClosedPipe(error: NodeJS.ErrnoException): boolean {
  return (
    error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED' || error.code === 'ECONNRESET'
  );
}

/** Sends a signal to a whole process group; a group that is already gone is fine. */
function killProcessGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

/** Runs one agent process to its end. Never rejects for process failures. */
export function runAgentProcess(options: AgentProcessOptions): Promise<AgentProcessExit> {
  const grace = options.killGraceMs ?? 2000;
  const base = {
    exitCode: null,
    signal: null,
    stderrTail: '',
    timedOut: false,
    silent: false,
    aborted: false,
    bounds: { truncatedLines: 0, droppedBytes: 0 },
  };
  if (options.signal.aborted) return Promise.resolve({ ...base, aborted: true });
  const [command, ...args] = options.argv;
  if (command === undefined) {
    return Promise.resolve({ ...base, spawnError: 'empty argv: nothing to start' });
  }

  return new Promise((resolve) => {
    const state: AgentProcessExit = { ...base };
    let timeoutTimer: NodeJS.Timeout | undefined;
    let silenceTimer: NodeJS.Timeout | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    let settled = false;
    let terminating = false;
    const child = startChild(command, args, {
      cwd: options.cwd,
      env: options.env,
      ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
    });

    const appendStderr = (text: string): void => {
      state.stderrTail = (state.stderrTail + text).slice(-STDERR_TAIL);
    };
    // A stop asked for before the process runs is carried out once it does.
    let stopWhenStarted = false;
    const terminate = (): void => {
      if (terminating) return;
      if (child.pid === undefined) {
        stopWhenStarted = true;
        return;
      }
      terminating = true;
      const pid = child.pid;
      if (!killProcessGroup(pid, 'SIGTERM')) return;
      killTimer = setTimeout(() => killProcessGroup(pid, 'SIGKILL'), grace);
    };
    const onAbort = (): void => {
      state.aborted = true;
      terminate();
    };
    const finish = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timeoutTimer);
      clearTimeout(silenceTimer);
      // Members of the group that ignored SIGTERM still get their SIGKILL, without holding us.
      killTimer?.unref();
      options.signal.removeEventListener('abort', onAbort);
      resolve(state);
    };

    child.on('error', (error) => {
      if (child.pid === undefined) {
        state.spawnError = error.message;
        finish();
        return;
      }
      appendStderr(`\n[wave] process error: ${error.message}`);
    });
    options.signal.addEventListener('abort', onAbort, { once: true });
    if (options.timeoutMs !== undefined) {
      timeoutTimer = setTimeout(() => {
        state.timedOut = true;
        terminate();
      }, options.timeoutMs);
    }

    const silenceMs = options.silenceMs;
    const heard = (): void => {
      if (silenceMs === undefined || terminating) return;
      // refresh() re-arms the same timer: no allocation per chunk.
      if (silenceTimer) silenceTimer.refresh();
      else
        silenceTimer = setTimeout(() => {
          if (terminating) return;
          state.silent = true;
          terminate();
        }, silenceMs);
    };
    child.on('spawn', () => {
      options.onSpawn?.(child.pid as number);
      heard();
      if (stopWhenStarted) terminate();
    });
    child.on('stdin-error', (error) => {
      // An agent that never reads its prompt from stdin closes the pipe early: not an error.
      if (!isClosedPipe(error)) appendStderr(`\n[wave] stdin error: ${error.message}`);
    });

    const splitter = new LineSplitter(options.onLine, options.maxLineBytes);
    state.bounds = splitter.bounds;
    let paused = false;
    const bp = options.backpressure;
    child.stdout.on('data', (chunk: Buffer) => {
      heard();
      splitter.push(chunk);
      if (bp === undefined || paused || !bp.saturated()) return;
      paused = true;
      child.stdout.pause();
      void bp.drained().then(() => {
        paused = false;
        child.stdout.resume();
      });
    });
    child.stdout.on('end', () => splitter.end());
    const errDecoder = new StringDecoder('utf8');
    child.stderr.on('data', (chunk: Buffer) => {
      heard();
      appendStderr(errDecoder.write(chunk));
    });

    child.on('exit', (code, signal) => {
      state.exitCode = code;
      state.signal = signal;
      // Leftovers in the agent's group (grandchildren) must not outlive it.
      terminate();
    });
    child.on('close', finish);
  });
}
