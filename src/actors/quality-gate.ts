/**
 * Quality-gate actor (reference §E): runs the configured gate commands in order, fail-fast, each
 * as an argv WITHOUT a shell, in its own process group so a timeout or an abort kills the whole
 * tree. The auto-fix loop around it is decided by the wave machine; this actor runs one attempt.
 */
import { spawn } from 'node:child_process';
import { OutputTail, parseTestCounts, type TestCounts } from './quality-gate.output.js';

/** One gate: a name (`lint`, `typecheck`, `test`, …) and the argv to run. */
export interface GateCommand {
  readonly name: string;
  readonly argv: readonly string[];
}

/** Options of {@link runQualityGate}. */
export interface QualityGateOptions {
  readonly gates: readonly GateCommand[];
  /** Working directory of every command (the repository). */
  readonly cwd: string;
  /** Aborting kills the running command's process group; the attempt then fails `aborted`. */
  readonly signal?: AbortSignal;
  /** Per-command timeout (default 15 minutes, as in the reference). */
  readonly timeoutMs?: number;
  /** Variables added to (and overriding) the inherited environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Grace between SIGTERM and SIGKILL of the process group (default 2 000 ms). */
  readonly killGraceMs?: number;
}

/** Every gate exited 0. `counts` sums the test counts recognised in the gates' output. */
export interface GatePassed {
  readonly ok: true;
  readonly counts?: TestCounts;
}

/** The first gate that did not exit 0 (later gates did not run). */
export interface GateFailed {
  readonly ok: false;
  readonly gate: string;
  readonly command: string[];
  /** Null when the process was killed by a signal or could not be started. */
  readonly exitCode: number | null;
  /** Last 50 lines of combined stdout+stderr (ANSI stripped). */
  readonly output: string;
  readonly timedOut: boolean;
  /** True when the attempt was cut short by the abort signal. */
  readonly aborted: boolean;
  /** Test counts of the failing gate's output, when its runner printed a summary. */
  readonly counts?: TestCounts;
}

/** Outcome of one gate attempt. */
export type GateOutcome = GatePassed | GateFailed;

/** Default per-command timeout: 15 minutes. */
const DEFAULT_GATE_TIMEOUT_MS = 15 * 60 * 1000;

/** Outcome of one command. */
export interface CommandOutcome {
  exitCode: number | null;
  output: string;
  timedOut: boolean;
  aborted: boolean;
}

/** Options of {@link runGateCommand}. */
export interface CommandOptions {
  readonly cwd: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly env?: Readonly<Record<string, string>>;
  readonly killGraceMs?: number;
}

/** How long to wait for the output pipes after the process exited (a leftover child may hold them). */
const PIPE_GRACE_MS = 1_000;

/**
 * Runs one argv without a shell in a new process group, collecting the tail of the combined
 * output. Never rejects: a command that cannot start fails with `exitCode: null` and the spawn
 * error as output.
 */
export function runGateCommand(
  argv: readonly string[],
  options: CommandOptions,
): Promise<CommandOutcome> {
  const [file, ...args] = argv;
  if (file === undefined) throw new TypeError('runGateCommand: argv must not be empty');
  const killGraceMs = options.killGraceMs ?? 2_000;
  const tail = new OutputTail();
  return new Promise<CommandOutcome>((resolve) => {
    let timedOut = false;
    let aborted = false;
    let settled = false;
    let exitCode: number | null = null;
    const timers: ReturnType<typeof setTimeout>[] = [];
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ? { ...process.env, ...options.env } : process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      shell: false,
    });
    const killGroup = (sig: NodeJS.Signals): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, sig);
      } catch (error) {
        // ESRCH: the group is already gone, which is what we wanted.
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
    };
    const stop = (): void => {
      killGroup('SIGTERM');
      timers.push(setTimeout(() => killGroup('SIGKILL'), killGraceMs));
    };
    const finish = (): void => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      options.signal?.removeEventListener('abort', onAbort);
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve({ exitCode, output: tail.text(), timedOut, aborted });
    };
    const onAbort = (): void => {
      aborted = true;
      stop();
    };

    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => tail.push(chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => tail.push(chunk));
    child.on('error', (error) => {
      tail.push(`${error.message}\n`);
      finish();
    });
    child.on('exit', (code) => {
      exitCode = code;
      // Leftover processes of the group that still hold the pipes must not keep us waiting.
      // Kill them, then wait for the pipes to close (their holders died), but not forever.
      timers.push(
        setTimeout(() => {
          killGroup('SIGKILL');
          timers.push(setTimeout(finish, PIPE_GRACE_MS));
        }, PIPE_GRACE_MS),
      );
    });
    child.on('close', (code) => {
      exitCode = code;
      finish();
    });
    timers.push(
      setTimeout(() => {
        timedOut = true;
        stop();
      }, options.timeoutMs),
    );
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function addCounts(a: TestCounts | undefined, b: TestCounts | undefined): TestCounts | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return { passed: a.passed + b.passed, failed: a.failed + b.failed, total: a.total + b.total };
}

/**
 * Runs the gates in order and stops at the first that does not exit 0 (fail-fast). An abort
 * before or during a command fails the attempt with `aborted: true`.
 * @throws TypeError when a gate has an empty argv or `timeoutMs` is not a positive number.
 */
export async function runQualityGate(options: QualityGateOptions): Promise<GateOutcome> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_GATE_TIMEOUT_MS;
  if (!(timeoutMs > 0)) {
    throw new TypeError(
      `runQualityGate: timeoutMs must be a positive number, got ${String(timeoutMs)}`,
    );
  }
  for (const [i, gate] of options.gates.entries()) {
    if (gate.argv.length === 0) {
      throw new TypeError(`runQualityGate: gates[${i}] (${gate.name}) has an empty argv`);
    }
  }
  let counts: TestCounts | undefined;
  for (const gate of options.gates) {
    if (options.signal?.aborted) {
      return failed(gate, { exitCode: null, output: '', timedOut: false, aborted: true });
    }
    const outcome = await runGateCommand(gate.argv, {
      cwd: options.cwd,
      timeoutMs,
      signal: options.signal,
      env: options.env,
      killGraceMs: options.killGraceMs,
    });
    if (outcome.exitCode !== 0 || outcome.timedOut || outcome.aborted) return failed(gate, outcome);
    counts = addCounts(counts, parseTestCounts(outcome.output));
  }
  return counts === undefined ? { ok: true } : { ok: true, counts };
}

function failed(gate: GateCommand, outcome: CommandOutcome): GateFailed {
  const counts = parseTestCounts(outcome.output);
  return {
    ...(counts ? { counts } : {}),
    ok: false,
    gate: gate.name,
    command: [...gate.argv],
    exitCode: outcome.exitCode,
    output: outcome.output,
    timedOut: outcome.timedOut,
    aborted: outcome.aborted,
  };
}
