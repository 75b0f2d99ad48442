/**
 * Turn-key repetition (reference §A5: 3 identical consecutive turn keys, paging arguments
 * stripped) and A-B-A-B oscillation between two turn keys, over settled calls. Not repetitions:
 * reads that differ only in paging (a pagination streak), runs in which every call failed (an
 * error echo), and Codex patches without diffs (their input names the file, not the change: two
 * patches of one file look identical).
 */
import type { LoopVerdict, LoopWatchState, PendingCall } from './loop-watch.types.js';
import { evidence, fire, pushBounded, THRESHOLD } from './watch-bounds.js';

function blind(call: PendingCall): boolean {
  const edits = call.edits;
  if (edits === undefined) return false;
  for (let i = 0; i < edits.length; i += 1) if (edits[i]?.kind === 'blind') return true;
  return false;
}

/** Folds one settled call into the repetition run and the oscillation window. */
export function watchRepetition(
  state: LoopWatchState,
  call: PendingCall,
  out: LoopVerdict[],
): void {
  const run = state.run;
  if (call.key === run.key) {
    run.count += 1;
    if (call.raw !== run.raw) run.paging = true;
    if (call.error !== undefined) run.failed += 1;
    pushBounded(run.labels, call.label);
  } else {
    // A new run: the record is reused in place (one per watch); a fresh one-label list is
    // cheaper than emptying the old one (`length = 0` is a runtime call).
    run.key = call.key;
    run.raw = call.raw;
    run.count = 1;
    run.paging = false;
    run.failed = call.error !== undefined ? 1 : 0;
    run.labels = [call.label];
  }
  const r = run;
  if (r.count >= THRESHOLD && !(call.read && r.paging) && r.failed < r.count && !blind(call)) {
    const verdict: LoopVerdict = {
      pattern: 'turn-key-repetition',
      verdict: 'spiral',
      occurrences: r.count,
      evidence: evidence(r.labels),
    };
    if (call.file !== undefined) verdict.file = call.file;
    fire(state, r.key, verdict, out);
  }
  watchOscillation(state, call, out);
}

function watchOscillation(state: LoopWatchState, call: PendingCall, out: LoopVerdict[]): void {
  const last = state.last;
  // A blind patch breaks the window: it says nothing about what changed.
  if (blind(call)) {
    last.length = 0;
    return;
  }
  // The settled call itself is kept (settled calls never change): nothing allocated per call.
  pushBounded(last, call, 4);
  if (last.length < 4) return;
  const a = last[0] as PendingCall;
  const b = last[1] as PendingCall;
  const c = last[2] as PendingCall;
  const d = last[3] as PendingCall;
  if (a.key === b.key || a.key !== c.key || b.key !== d.key) return;
  if (a.raw !== c.raw || b.raw !== d.raw) return;
  const id = a.key < b.key ? `${a.key}/${b.key}` : `${b.key}/${a.key}`;
  const verdict: LoopVerdict = {
    pattern: 'oscillation',
    verdict: 'spiral',
    occurrences: 4,
    evidence: evidence([a.label, b.label, c.label, d.label]),
  };
  if (call.file !== undefined) verdict.file = call.file;
  fire(state, id, verdict, out);
}
