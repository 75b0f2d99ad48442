/**
 * Keeps `wave status` constant-time for the sessions this process runs: folds the progress view
 * and mission statuses from every committed batch (O(1) per event) and, when the session stops
 * (ends, pauses, fails), writes the log's status snapshot from them without reading the log
 * (`src/adapters/status-snapshot.ts`). A resumed session starts from the log's snapshot (or a
 * fold of the log when there is none).
 */
import { dirname, join, resolve } from 'node:path';
import { loadStatus, saveStatus } from '../adapters/status-snapshot.js';
import type { DomainEvent } from '../events.js';
import {
  evolveBudgetSpend,
  initBudgetSpend,
  type BudgetSpendState,
} from '../domain/budget/spend.fold.js';
import { evolveMissions, type MissionStatuses } from '../projections/progress.codec.js';
import { initProgress, type ProgressView } from '../projections/progress.types.js';
import { evolveProgress } from '../projections/progress.view.js';

/** The live fold behind a session's status snapshot. */
export class StatusKeeper {
  private view: ProgressView = initProgress();
  private missions: MissionStatuses = {};
  private spend: BudgetSpendState = initBudgetSpend();

  private constructor(
    private readonly repo: string,
    private readonly log: string,
  ) {}

  /**
   * The keeper of the log `log` (null when the store's streams are not files in the repository's
   * `.orchestrator/log/`, where `wave status` looks). `version` > 0: a resumed session.
   */
  static async open(
    repo: string,
    log: string | null,
    version: number,
  ): Promise<StatusKeeper | null> {
    if (log === null || resolve(dirname(log)) !== resolve(join(repo, '.orchestrator', 'log')))
      return null;
    const keeper = new StatusKeeper(repo, log);
    if (version > 0) {
      const loaded = await loadStatus(repo, log, { writeAfterBytes: Number.POSITIVE_INFINITY });
      keeper.view = loaded.view;
      keeper.missions = loaded.missions;
      keeper.spend = loaded.spend;
    }
    return keeper;
  }

  /** Folds a committed batch. */
  readonly fold = (batch: readonly DomainEvent[]): void => {
    for (const e of batch) {
      evolveProgress(this.view, e);
      evolveMissions(this.missions, e);
      evolveBudgetSpend(this.spend, e);
    }
  };

  /** Writes the snapshot (the log must be complete: its writer closed or idle). */
  save(): boolean {
    if (this.view.lastSeq === 0) return false;
    return saveStatus(this.repo, this.log, this.view, this.missions, this.spend);
  }
}
