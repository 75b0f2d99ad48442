/**
 * The fold of `wave status` (see `status-snapshot.ts`): the progress view, mission statuses and
 * spend, folded from the log's lines after an offset. Its own module so that a status served
 * whole by its snapshot loads none of the folds.
 */
import * as fs from 'node:fs';
import { CorruptLogError } from '../errors.js';
import {
  evolveBudgetSpend,
  initBudgetSpend,
  type BudgetSpendState,
} from '../domain/budget/spend.fold.js';
import { EVENT_VERSIONS } from '../event-versions.js';
import type { DomainEvent } from '../events.js';
import { evolveProgress } from '../projections/progress.view.js';
import { initProgress, type ProgressView } from '../projections/progress.types.js';
import { evolveMissions, type MissionStatuses } from '../projections/progress.codec.js';

/** What the status folds, from a log offset on. */
export interface Folded {
  offset: number;
  lines: number;
  view: ProgressView;
  missions: MissionStatuses;
  spend: BudgetSpendState;
}

/** Where a fold ended: the offset after its last complete line, and that line. */
export interface FoldEnd {
  offset: number;
  lines: number;
  lastLine: Buffer | null;
}

/** Folds the complete lines after `start.offset` into `start.view` / `start.missions`. */
export async function foldFrom(fd: number, file: string, start: Folded): Promise<FoldEnd> {
  let trust: ((raw: unknown) => DomainEvent) | null = null;
  let buf = Buffer.allocUnsafe(1 << 20);
  let carry = 0;
  let pos = start.offset;
  let offset = start.offset;
  let lines = start.lines;
  let lastLine: Buffer | null = null;
  for (;;) {
    if (carry === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, carry);
      buf = bigger;
    }
    const n = fs.readSync(fd, buf, carry, buf.length - carry, pos);
    if (n === 0) break;
    pos += n;
    const filled = carry + n;
    let lineStart = 0;
    for (let nl = buf.indexOf(10, 0); nl >= 0 && nl < filled; nl = buf.indexOf(10, lineStart)) {
      lines += 1;
      const text = buf.toString('utf8', lineStart, nl);
      if (text.trim() !== '') {
        let ev: { type?: string; v?: number };
        try {
          ev = JSON.parse(text) as { type?: string; v?: number };
        } catch (error) {
          throw new CorruptLogError(file, lines, `not JSON: ${(error as Error).message}`);
        }
        let event = ev as DomainEvent;
        if (EVENT_VERSIONS[ev.type ?? ''] !== ev.v) {
          trust ??= (await import('../events.js')).trustEvent;
          event = trust(ev);
        }
        evolveProgress(start.view, event);
        evolveMissions(start.missions, event);
        evolveBudgetSpend(start.spend, event);
        lastLine = Buffer.from(buf.subarray(lineStart, nl));
      }
      offset += nl + 1 - lineStart;
      lineStart = nl + 1;
      if (lineStart >= filled) break;
    }
    buf.copy(buf, 0, lineStart, filled);
    carry = filled - lineStart;
  }
  return { offset, lines, lastLine };
}

/** The fold of no line at all: the start of a whole-log fold. */
export function emptyFold(): Folded {
  return { offset: 0, lines: 0, view: initProgress(), missions: {}, spend: initBudgetSpend() };
}
