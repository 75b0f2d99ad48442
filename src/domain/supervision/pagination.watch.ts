/**
 * Pagination spiral (reference §A5): reads or greps of one target that differ only in paging
 * (`offset`, `limit`, `start_line`, `end_line`, `number`), with no edit of that file in between.
 * `reference` rule: the third such read trips it. `default` rule: paging through a large file
 * before editing it is work, so it trips only when the streak comes back to a page it already
 * read (≥ 3 reads), or reaches {@link LONG_STREAK} reads.
 */
import type { LoopVerdict, LoopWatchState, PendingCall } from './loop-watch.types.js';
import { admitKey, evidence, fire, pushBounded, THRESHOLD } from './watch-bounds.js';

/** Reads of distinct pages that trip the default rule without a re-read. */
const LONG_STREAK = 8;

/** Folds one settled read into its paging streak. */
export function watchPagination(
  state: LoopWatchState,
  call: PendingCall,
  out: LoopVerdict[],
): void {
  // An edit of the file since the streak began ends it (checked lazily: O(1) per edit).
  const gen = call.file !== undefined ? (state.files[call.file]?.touched ?? 0) : 0;
  let s = state.paging[call.key];
  if (s !== undefined && s.gen !== gen) {
    s.gen = gen;
    s.count = 0;
    s.pages = [];
    s.reread = false;
    s.labels = [];
  }
  if (s === undefined) {
    s = { file: call.file, gen, count: 0, pages: [], reread: false, labels: [] };
    state.paging[call.key] = s;
    admitKey(state.paging, state.pagingOrder, call.key);
  }
  s.count += 1;
  if (s.pages.includes(call.raw)) s.reread = true;
  else pushBounded(s.pages, call.raw);
  pushBounded(s.labels, call.label);
  const distinct = s.pages.length > 1;
  const trips =
    state.spiralRule === 'reference'
      ? s.count >= THRESHOLD
      : s.count >= THRESHOLD && (s.reread || s.count >= LONG_STREAK);
  if (!distinct || !trips) return;
  const verdict: LoopVerdict = {
    pattern: 'pagination-spiral',
    verdict: 'stagnant',
    occurrences: s.count,
    evidence: evidence(s.labels),
  };
  if (s.file !== undefined) verdict.file = s.file;
  fire(state, call.key, verdict, out);
}
