/**
 * Error echo (reference §A5): the same error of the same tool on the same target three times
 * (whitespace ignored), with its error class. Grouping by target keeps apart errors that omit
 * what they concern (Claude Code's "File does not exist." for four different files).
 */
import { classifyError } from './error-class.js';
import type { LoopVerdict, LoopWatchState } from './loop-watch.types.js';
import { textDigest } from './text-digest.js';
import { admitKey, evidence, fire, pushBounded, THRESHOLD } from './watch-bounds.js';

const ERROR_MAX = 500;

/** An error text with its whitespace collapsed, cut at 500 characters. */
export function normalizeError(error: string): string {
  return error.replace(/\s+/g, ' ').trim().slice(0, ERROR_MAX);
}

/** Folds one failure of a call on `target` (its file when it has one). */
export function watchErrorEcho(
  state: LoopWatchState,
  failure: { tool: string; target: string; file?: string; label: string; error: string },
  out: LoopVerdict[],
): void {
  const error = normalizeError(failure.error);
  if (error === '') return;
  const key = textDigest(`${failure.tool}\u0000${failure.target}\u0000${error}`);
  let e = state.echo[key];
  if (e === undefined) {
    e = { n: 0, file: failure.file, error, labels: [] };
    state.echo[key] = e;
    admitKey(state.echo, state.echoOrder, key);
  }
  e.n += 1;
  pushBounded(e.labels, failure.label);
  if (e.n < THRESHOLD) return;
  const verdict: LoopVerdict = {
    pattern: 'error-echo',
    verdict: 'failed',
    errorClass: classifyError(e.error),
    occurrences: e.n,
    evidence: evidence(e.labels),
  };
  if (e.file !== undefined) verdict.file = e.file;
  fire(state, key, verdict, out);
}
