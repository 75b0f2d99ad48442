/**
 * The inspection effect of a live session: what a wave changed on disk, reported as
 * `wave.inspected` (the files changed since the session's base, and since the wave's own base),
 * preceded by `agent.committed` when commits appeared on top of the wave's base (agents must not
 * commit in the shared working tree; no agent can be named).
 *
 * The working tree is written as a tree once and compared with both bases in one more git process;
 * the commit look-up runs beside it. Both are read-only: the index, HEAD and the working tree are
 * left as they were.
 */
import { newEvent } from '../events.js';
import type { InspectEffect } from '../machines/intents.js';
import type { EffectRunnerDeps } from './effect-runner.js';

/** What an inspection needs of the effect runner's dependencies. */
type InspectDeps = Pick<EffectRunnerDeps, 'git' | 'baseRef' | 'signal' | 'enqueue'>;

/** Runs inspections: `(effect, causation)`, reported as their events. */
export function createInspectEffect(
  deps: InspectDeps,
): (e: InspectEffect, causation: number) => Promise<void> {
  const { git, signal } = deps;
  return async (e, causation) => {
    const head = e.base?.head ?? null;
    let found: Awaited<ReturnType<typeof git.inspect>>;
    let commits: Awaited<ReturnType<typeof git.commitsSince>>;
    try {
      [found, commits] = await Promise.all([
        git.inspect(signal, deps.baseRef, e.base?.tree),
        head === null ? [] : git.commitsSince(signal, head),
      ]);
    } catch (error) {
      // Stopped while git ran: the session is being aborted, the inspection stays open in the log.
      if (signal.aborted) return;
      throw error;
    }
    if (commits.length > 0) {
      deps.enqueue({
        ...newEvent('agent.committed', { wave: e.wave, agentId: null, commits }),
        causation,
      });
    }
    const since = found.sinceBase === undefined ? {} : { sinceBase: found.sinceBase };
    const data = { wave: e.wave, changedFiles: found.changed, ...since };
    deps.enqueue({ ...newEvent('wave.inspected', data), causation });
  };
}
