/**
 * The progress view as plain JSON and back (its maps and set as arrays), for the status snapshot
 * that lets `wave status` fold only the end of a long log (`src/adapters/status-snapshot.ts`).
 * Bump {@link PROGRESS_CODEC_VERSION} when the fold or the view changes: a snapshot of another
 * version is ignored and rebuilt from the log.
 */
import type { DomainEvent } from '../events.js';
import type { AgentProgress, ProgressView, WaveProgress } from './progress.types.js';

/** Version of the fold and of this encoding. */
export const PROGRESS_CODEC_VERSION = 2;

/** A {@link ProgressView} as JSON data. */
export interface ProgressJson extends Omit<ProgressView, 'waves' | 'agents' | 'openQuestions'> {
  waves: [number, WaveProgress][];
  agents: [string, AgentProgress][];
  openQuestions: string[];
}

/** The view as JSON data (shares nothing mutable with it once stringified). */
export function encodeProgress(view: ProgressView): ProgressJson {
  return {
    ...view,
    waves: [...view.waves.entries()],
    agents: [...view.agents.entries()],
    openQuestions: [...view.openQuestions],
  };
}

/** The view encoded by {@link encodeProgress} (from parsed JSON). */
export function decodeProgress(json: ProgressJson): ProgressView {
  return {
    ...json,
    waves: new Map(json.waves),
    agents: new Map(json.agents),
    openQuestions: new Set(json.openQuestions),
  };
}

/** Mission id → last status, in plan order, as `wave status` shows them. */
export type MissionStatuses = Record<string, string>;

/** Folds one event into the mission statuses (every planned task starts brainstormed). */
export function evolveMissions(missions: MissionStatuses, e: DomainEvent): void {
  if (e.type === 'session.planned') {
    for (const w of e.data.plan.waves) for (const t of w.tasks) missions[t.id] = 'brainstormed';
  } else if (e.type === 'mission.status_changed') missions[e.data.id] = e.data.to;
}
