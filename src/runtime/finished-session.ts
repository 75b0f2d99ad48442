/**
 * A session whose log is finished (its terminal event is durable) is final: resuming it never
 * appends. When a crash came between its last commit and the writing of its files (STATE.md still
 * `active`, session.lock still held, sessions.jsonl without its line), finishing it means writing
 * the projections of its log, nothing more. `wave resume` and `wave run`'s lock check do that.
 */
import type { DomainEvent } from '../events.js';
import type { EventStore } from '../ports.js';
import { createProjectionWriter } from '../adapters/projection-writer.js';
import { Coordinator } from '../machines/coordinator.js';
import { allProjections } from '../projections/all.projections.js';
import type { Projection } from '../projections/projection.js';
import { Projector } from '../projections/projector.js';
import type { RunOutcome, WaveExecutor } from './executor.types.js';
import { replayInto, type ReplayedSession } from './resume.js';
import type { RunLock } from './run-lock.js';

/** The outcome a finished session ended with. */
function outcomeOf(
  terminal: DomainEvent | null,
  base: Pick<RunOutcome, 'sessionId' | 'semanticId' | 'logPath'>,
): RunOutcome {
  if (terminal?.type === 'session.completed') {
    return {
      ...base,
      exitCode: terminal.data.outcome === 'success' ? 0 : 1,
      outcome: terminal.data.outcome,
    };
  }
  const reason =
    terminal?.type === 'session.aborted'
      ? terminal.data.reason
      : 'the session ended without an outcome';
  return { ...base, exitCode: 3, outcome: 'aborted', reason };
}

/** An executor whose `run()` writes the projections of a finished session and reports its end. */
export function finishedSessionExecutor(options: {
  repo: string;
  stream: string;
  store: EventStore;
  projector: Projector;
  state: ReplayedSession;
  lock: RunLock;
  writeProjections?: boolean;
}): WaveExecutor {
  return {
    sessionId: options.stream,
    subscribe: () => () => undefined,
    async run() {
      try {
        if (options.writeProjections !== false) {
          createProjectionWriter({ root: options.repo }).write(options.projector.render());
        }
      } finally {
        await options.store.close();
        await options.lock.release();
      }
      return outcomeOf(options.state.terminal, {
        sessionId: options.stream,
        semanticId: options.state.semanticId,
        logPath: options.store.location(options.stream),
      });
    },
  };
}

/**
 * Writes the projections of `stream` if its log is finished; returns whether it was. Used by
 * `wave run` when a stale `session.lock` names a session that ended but was never projected.
 */
export async function projectIfFinished(options: {
  repo: string;
  store: EventStore;
  stream: string;
  projections?: Projection<unknown>[];
}): Promise<boolean> {
  const projector = new Projector(options.projections ?? allProjections());
  const state = await replayInto(options.store, options.stream, new Coordinator(), projector);
  if (!state.finished) return false;
  createProjectionWriter({ root: options.repo }).write(projector.render());
  return true;
}
