/**
 * The STATE.md projection: folds the session's events into a {@link StateMdView} and renders
 * `<sd>/STATE.md`, where `<sd>` is the state directory of the platform from `session.started`
 * (`.claude/STATE.md`, `.codex/STATE.md`, …).
 */
import { stateDirOf } from '../../domain/plan.schema.js';
import type { FileOutput, Projection } from '../projection.js';
import { concatSegments, renderStateMdSegments } from './state-md.render.js';
import { StateMdView } from './state-md.view.js';

/** Repository-relative path of STATE.md for the view's platform, or null before the session. */
function stateMdPath(view: StateMdView): string | null {
  const s = view.session;
  return s === null ? null : `${stateDirOf(s.platform)}/STATE.md`;
}

/** The STATE.md projection (mutable view, O(1) amortised per event). */
export const stateMdProjection: Projection<StateMdView> = {
  name: 'state-md',
  version: 1,
  handles: [
    'session.started',
    'session.planned',
    'state.carried_over',
    'session.paused',
    'session.aborted',
    'session.resumed',
    'session.completed',
    'wave.started',
    'wave.skipped',
    'wave.reviewed',
    'wave.completed',
    'mission.status_changed',
    'deviation.recorded',
    'question.asked',
    'question.answered',
    'what_not_to_retry.recorded',
    'docs_task.recorded',
    'baseline.frozen',
    'carryover.issue_filed',
  ],
  init: () => new StateMdView(),
  evolve(view, event) {
    view.apply(event);
    return view;
  },
  clone: (view) => view.clone(),
  render(view): FileOutput[] {
    const path = stateMdPath(view);
    const segments = renderStateMdSegments(view);
    if (path === null || segments === null) return [];
    return [{ kind: 'file', path, content: concatSegments(segments), segments }];
  },
};
