/**
 * The auto-fix task of a failed gate (reference §E `dispatchFixer({failures, correctiveContext,
 * changedFiles, attempt, maxRetries})`), as a pure builder: the task the fix agent gets and the
 * error context its prompt shows. Drop-in for the wave machine's `fixTaskOf`: the result has the
 * shape of a `WaveTask` (`{ task, reason: 'fix', errorContext }`).
 *
 * The error context holds the failure (gate, command, exit, counts, output tail), the files
 * changed since the last green gate (where to look first), the corrective context (the earlier
 * failed attempts of this gate and what their fixers reported, the last 5) and, when the gate was
 * already red at session start, that fact, so the fixer does not chase a failure that predates
 * the session. The fixer is told not to change tests' expectations or mocks to pass.
 */
import type { Task } from './plan.schema.js';
import { formatArgv } from './diagnostics-bundle.js';
import { baselineNote, blameOf, type BaselineGateState } from './gate-blame.js';
import type { TestCounts } from './test-counts.js';

/** A failed gate attempt (the data of a `gate.failed` event fits). */
export interface FixFailure {
  readonly gate: string;
  readonly command: readonly string[];
  readonly exitCode: number | null;
  readonly output: string;
  readonly timedOut: boolean;
  readonly attempt: number;
  readonly counts?: TestCounts;
  /** Files changed since the last green gate, when the gate runner measured them. */
  readonly changedSinceGreen?: readonly string[];
}

/** One entry of the corrective context: an earlier failed attempt and its fixer's report. */
export interface CorrectiveEntry {
  readonly attempt: number;
  readonly gate: string;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  /** The fix agent's one-line summary (its STATUS line), when one ran. */
  readonly fixer?: string;
}

/** Input of {@link buildFixTask}. */
export interface FixTaskInput {
  readonly wave: number;
  /** The failure to fix (the latest attempt). */
  readonly failure: FixFailure;
  /** Files the wave changed: the fixer's file scope. */
  readonly waveFiles: readonly string[];
  /** Earlier failed attempts of this wave's gate, oldest first (the last 5 are shown). */
  readonly corrective?: readonly CorrectiveEntry[];
  /** The baseline's gates (`gate.baseline_recorded`), when a baseline ran. */
  readonly baseline?: readonly BaselineGateState[];
  readonly maxRetries: number;
  /** Runner of the fix agent. */
  readonly runner: string;
}

/** The fix task, shaped like the wave machine's `WaveTask`. */
export interface FixTask {
  task: Task;
  reason: 'fix';
  errorContext: string;
}

/** Corrective-context entries shown (as in the reference's bundle). */
const CORRECTIVE_KEPT = 5;
/** Changed files listed before "… and N more". */
const FILES_SHOWN = 50;

/** Id of the fix task after gate attempt `attempt` of a wave (the machine's `fix-<wave>-<n>`). */
export function fixTaskId(wave: number, attempt: number): string {
  return `fix-${wave}-${attempt}`;
}

function exitText(f: { exitCode: number | null; timedOut: boolean }): string {
  return f.timedOut ? 'timed out' : `exited ${String(f.exitCode)}`;
}

function fileList(files: readonly string[]): string[] {
  const shown = files.slice(0, FILES_SHOWN).map((f) => `- ${f}`);
  if (files.length > FILES_SHOWN) shown.push(`- … and ${files.length - FILES_SHOWN} more`);
  return shown;
}

/** The error context text of a fix task. */
export function fixErrorContext(input: FixTaskInput): string {
  const f = input.failure;
  const counts = f.counts ? ` (${f.counts.failed} of ${f.counts.total} tests failing)` : '';
  const lines = [
    `Gate ${f.gate} ${exitText(f)}${counts} on attempt ${f.attempt} of ${input.maxRetries + 1}.`,
    `Command: ${formatArgv(f.command)}`,
  ];
  const note = baselineNote(f.gate, input.baseline);
  if (note !== undefined) {
    const blame = blameOf(f, input.baseline);
    lines.push(
      blame === 'pre-existing'
        ? `${note} It fails no worse now: some failures may predate this session. Do what the task asks; leave failures unrelated to this session's work alone.`
        : `${note} It fails worse now: find what this session changed that made it worse.`,
    );
  }
  const changed = f.changedSinceGreen ?? input.waveFiles;
  if (changed.length > 0) {
    lines.push(
      f.changedSinceGreen
        ? 'Files changed since the last green gate (look here first):'
        : 'Files changed by this wave (look here first):',
      ...fileList(changed),
    );
  }
  const earlier = (input.corrective ?? []).slice(-CORRECTIVE_KEPT);
  if (earlier.length > 0) {
    lines.push('Earlier attempts that did not make the gate pass:');
    for (const e of earlier) {
      const fixer = e.fixer !== undefined ? `; the fixer reported: ${e.fixer}` : '';
      lines.push(`- attempt ${e.attempt}: ${e.gate} ${exitText(e)}${fixer}`);
    }
  }
  lines.push('Output (tail):', f.output);
  return lines.join('\n');
}

/** The fix task of a failed gate attempt. */
export function buildFixTask(input: FixTaskInput): FixTask {
  const f = input.failure;
  // Joined as the machine's fixTaskOf does today, so the task text (logged in the dispatch
  // description) of recorded sessions stays the same.
  const command = f.command.join(' ');
  const scope = [...new Set([...input.waveFiles, ...(f.changedSinceGreen ?? [])])];
  return {
    task: {
      id: fixTaskId(input.wave, f.attempt),
      task: `Make the quality gate "${f.gate}" (${command}) pass again after wave ${input.wave}. Fix the code, never the tests' expectations or mocks.`,
      files: scope,
      acceptance: `${command} exits 0`,
      dependsOn: [],
      runner: input.runner,
      contractLock: false,
    },
    reason: 'fix',
    errorContext: fixErrorContext(input),
  };
}
