/**
 * The edit spiral over an agent's successful edits.
 *
 * `reference` rule (reference §A4, literal): one agent edited the same file ≥ 3 times.
 *
 * `default` rule: several edits of one file are how anything gets written (Claude Code's `Edit`
 * replaces one string per call), so only edits that loop trip it, each once per file:
 * - **undo**: the file, or a region of it, comes back to an earlier state twice (A→B→A→B: an
 *   `Edit` whose new text is a text that region had before, a `Write` of an earlier content, a
 *   patch that is the inverse of an earlier one);
 * - **churn**: one region rewritten again and again: {@link CHURN_DEPTH} edits in a row each
 *   replacing exactly the text the previous one wrote;
 * - **edit → same failure → edit on one spot**: of the failures that follow edits of one spot
 *   (the first failing call after each edit), at least three, two repeat an earlier one (same
 *   target, same error, durations ignored): the edits do not change the outcome (E, E, E or
 *   E1, E2, E1, E2). A success of the failing target clears the spot's record.
 */
import type {
  EditShape,
  FileWatch,
  LoopVerdict,
  LoopWatchState,
  PendingCall,
} from './loop-watch.types.js';
import { normalizeError } from './error-echo.watch.js';
import { textDigest } from './text-digest.js';
import {
  admitKey,
  evidence,
  fire,
  LIST_MAX,
  pushBounded,
  newTable,
  removeAt,
  THRESHOLD,
} from './watch-bounds.js';

/** Edits of one region in a row that make churn. */
const CHURN_DEPTH = 4;
/** Returns to an earlier state that make an undo loop. */
const UNDO_LOOPS = 2;
const HEADS_MAX = 32;
/** Failures after edits of one spot that repeat an earlier one of that spot (of ≥ 3 in all). */
const REPEATED_FAILURES = 2;
const DURATION = /\b\d+(?:\.\d+)?\s?(?:ms|s|sec|seconds?|m|min)\b/g;

/** A failure text for comparing outcomes: whitespace collapsed, durations ignored. */
function sameFailureText(error: string): string {
  return normalizeError(error.replace(DURATION, '#'));
}

function fileWatch(state: LoopWatchState, file: string): FileWatch {
  let f = state.files[file];
  if (f === undefined) {
    f = {
      edits: 0,
      touched: 0,
      undos: 0,
      heads: newTable(),
      headOrder: [],
      states: [],
      current: undefined,
      labels: [],
    };
    state.files[file] = f;
    admitKey(state.files, state.fileOrder, file);
  }
  return f;
}

function spiral(file: string, occurrences: number, labels: readonly string[]): LoopVerdict {
  return {
    pattern: 'edit-spiral',
    verdict: 'spiral',
    file,
    occurrences,
    evidence: evidence(labels),
  };
}

/** Folds one successful edit call; returns the spot it edited (for edit → failure → edit). */
export function watchEdits(state: LoopWatchState, call: PendingCall, out: LoopVerdict[]): void {
  let spotId: string | undefined;
  let spotFile = '';
  // Files already counted for this call (only a call with several edits needs the list).
  let counted: string[] | undefined;
  const edits = call.edits ?? [];
  const single = edits.length === 1;
  for (let i = 0; i < edits.length; i += 1) {
    const edit = edits[i] as EditShape;
    const f = fileWatch(state, edit.file);
    if (single || counted === undefined || !counted.includes(edit.file)) {
      if (!single) (counted ??= []).push(edit.file);
      f.touched += 1;
      pushBounded(f.labels, call.label);
      if (edit.kind !== 'blind') f.edits += 1;
    }
    if (state.spiralRule === 'reference') {
      if (f.edits >= THRESHOLD) fire(state, edit.file, spiral(edit.file, f.edits, f.labels), out);
      continue;
    }
    let depth = 0;
    if (edit.kind === 'edit') {
      const before = edit.before as string;
      const after = edit.after as string;
      let chain = f.heads[before];
      if (chain !== undefined) {
        delete f.heads[before];
        removeAt(f.headOrder, f.headOrder.indexOf(before));
        chain.depth += 1;
        if (chain.states.includes(after)) f.undos += 1;
        pushBounded(chain.states, after);
      } else {
        state.seq += 1;
        chain = { id: state.seq, depth: 1, states: [before, after] };
      }
      if (f.heads[after] === undefined) {
        f.headOrder.push(after);
        if (f.headOrder.length > HEADS_MAX) delete f.heads[f.headOrder.shift() as string];
      }
      f.heads[after] = chain;
      depth = chain.depth;
      f.current = undefined;
      spotId = `${edit.file}#${chain.id}`;
    } else if (edit.kind === 'write') {
      const s = `w${edit.after as string}`;
      if (f.states.includes(s) && f.current !== edit.after) f.undos += 1;
      pushBounded(f.states, s, LIST_MAX);
      f.current = edit.after;
      spotId = `${edit.file}#w`;
    } else if (edit.kind === 'diff') {
      if (f.states.includes(`d${edit.before as string}`)) f.undos += 1;
      pushBounded(f.states, `d${edit.after as string}`, LIST_MAX);
      f.current = undefined;
      spotId = `${edit.file}#d`;
    } else {
      f.current = undefined;
      spotId = `${edit.file}#b`;
    }
    spotFile = edit.file;
    if (f.undos >= UNDO_LOOPS || depth >= CHURN_DEPTH) {
      fire(state, edit.file, spiral(edit.file, Math.max(f.edits, depth), f.labels), out);
    }
  }
  if (spotId !== undefined) {
    const spot = state.spot;
    if (spot === undefined) state.spot = { id: spotId, file: spotFile, fresh: true };
    else {
      spot.id = spotId;
      spot.file = spotFile;
      spot.fresh = true;
    }
  }
}

/**
 * Folds one settled non-edit call into the edit → same failure → edit watch: the first failure
 * after an edit is that edit's outcome; a success of the same target clears the spot's record.
 */
export function watchSpotOutcome(
  state: LoopWatchState,
  call: PendingCall,
  out: LoopVerdict[],
): void {
  const spot = state.spot;
  if (spot === undefined || !spot.fresh || state.spiralRule === 'reference') return;
  if (call.error === undefined && state.spotOrder.length === 0) return;
  const rec = state.spotFailures[spot.id];
  if (call.error === undefined) {
    if (rec !== undefined && rec.target === call.target) {
      delete state.spotFailures[spot.id];
      removeAt(state.spotOrder, state.spotOrder.indexOf(spot.id));
    }
    return;
  }
  spot.fresh = false;
  const failure = textDigest(`${call.target}\u0000${sameFailureText(call.error)}`);
  let record = rec;
  if (record === undefined) {
    record = { target: call.target, failures: [], repeats: 0 };
    state.spotFailures[spot.id] = record;
    admitKey(state.spotFailures, state.spotOrder, spot.id);
  }
  if (record.failures.includes(failure)) record.repeats += 1;
  pushBounded(record.failures, failure);
  const repeats = record.failures.length >= THRESHOLD ? record.repeats : 0;
  if (repeats >= REPEATED_FAILURES) {
    const f = state.files[spot.file];
    const labels = [...(f?.labels ?? []), call.label];
    fire(state, spot.file, spiral(spot.file, record.failures.length, labels), out);
  }
}
