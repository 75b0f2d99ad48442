/**
 * Starts an agent as a child process (argv, never a shell) in its own process group
 * (`detached`), feeds its stdout to a reader (`stdout-reader.ts`: lines or stream items, here or in
 * the parse thread; lines bounded by `maxLineBytes`, see `line-splitter.ts`),
 * keeps a tail of stderr, and ends it on abort, timeout or silence (no output for `silenceMs`):
 * SIGTERM to the whole group (`kill(-pid)`), SIGKILL after a grace period. When the agent exits, whatever it
 * left behind in its group is terminated the same way, so grandchildren never outlive it. The
 * process is started by the launcher process when there is one (`../launcher/start-child.ts`).
 */
import type { Backpressure } from '../../ports.js';
import { StringDecoder } from 'node:string_decoder';
import type { LineBounds } from './line-splitter.js';
import type { StdoutReader } from './stdout-reader.js';
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
  /** Time between SIGTERM and SIGKILL (default 2000 ms). */
  killGraceMs?: number;
  /** Called once the process runs. */
  onSpawn?: (pid: number) => void;
  /**
   * Takes every stdout chunk, in order (lines are bounded by the reader). The exit is reported
   * once the reader's `end()` resolved: every line or item of the run was delivered before.
   */
  stdout: StdoutReader;
  /**
   * The engine's queue: while it is saturated (or the reader is), stdout is paused (the agent
   * then blocks on a full pipe) until it drains, so an agent that outruns the log cannot grow
   * memory.
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
  /** Lines cut at the reader's line limit, and the bytes dropped from them. */
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
  // Nothing started: the reader is ended all the same (a parse thread's stream would stay open).
  const startless = (exit: AgentProcessExit) => options.stdout.end().then(() => exit);
  if (options.signal.aborted) return startless({ ...base, aborted: true });
  const [command, ...args] = options.argv;
  if (command === undefined) {
    return startless({ ...base, spawnError: 'empty argv: nothing to start' });
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
    const reader = options.stdout;
    state.bounds = reader.bounds;
    const finish = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timeoutTimer);
      clearTimeout(silenceTimer);
      // Members of the group that ignored SIGTERM still get their SIGKILL, without holding us.
      killTimer?.unref();
      options.signal.removeEventListener('abort', onAbort);
      // Everything the agent printed is delivered before its exit is.
      void reader.end().then(() => resolve(state));
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

    let paused = false;
    const bp = options.backpressure;
    child.stdout.on('data', (chunk: Buffer) => {
      heard();
      reader.push(chunk);
      if (paused) return;
      const full = reader.saturated()
        ? reader.drained()
        : bp !== undefined && bp.saturated()
          ? bp.drained()
          : undefined;
      if (full === undefined) return;
      paused = true;
      child.stdout.pause();
      void full.then(() => {
        paused = false;
        child.stdout.resume();
      });
    });
    child.stdout.on('end', () => void reader.end());
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
