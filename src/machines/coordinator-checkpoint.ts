/**
 * A coordinator's checkpoint: everything it folded from a log prefix, as plain data, so that a
 * long log can be replayed from an offset instead of from its first event (architecture.md: XState
 * is the expensive step; restore the machines from snapshot checkpoints at a log offset, verified
 * against the log). The machines' part is XState's own persisted snapshot of the session actor
 * tree (waves, missions and agents inside, their contexts and states); the rest are the
 * coordinator's books. Nothing here is verified: whoever stores a checkpoint proves it belongs to
 * the log prefix and the code (`src/runtime/replay-checkpoint.ts` does).
 */
import type { Snapshot } from 'xstate';
import type { BudgetSpendState } from '../domain/budget/spend.fold.js';
import type { NewEvent } from '../events.js';
import type { Divergence } from './divergence.js';
import type { Effect } from './intents.js';

/** Shape version of {@link CoordinatorCheckpoint}; bump it when its meaning changes. */
export const CHECKPOINT_FORMAT = 1;

/** Everything a coordinator folded, as data ({@link Coordinator.checkpoint}). */
export interface CoordinatorCheckpoint {
  format: typeof CHECKPOINT_FORMAT;
  /** XState's persisted snapshot of the session actor and its whole tree. */
  session: Snapshot<unknown>;
  /** The wave the log last started (routing). */
  currentWave: number | null;
  /** Agent run → its wave (routing). */
  agentWave: [string, number][];
  /** Proposed events not yet logged, by decision identity. */
  pendingAppends: [string, NewEvent[]][];
  /** Effects asked for and not completed, by key. */
  openEffects: [string, Effect][];
  /** Divergences the operator accepted (a count of `divergences`). */
  accepted: number;
  spend: BudgetSpendState;
  divergences: Divergence[];
}
