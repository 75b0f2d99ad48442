/**
 * Budgets as decisions of the session machine (issue 9): the coordinator folds spend from the log
 * (`src/domain/budget/`, a pure fold) and hands each limit reached to the session as a
 * `budget.tripped` signal; the session decides whether it is new (each scope trips once) and
 * proposes `budget.exceeded` with its deviation. Once logged, the agent over budget is stopped
 * (its own machine), and a session over budget stops (`session.aborted`, cause `kill-switch`:
 * exit 3).
 */
import { newEvent, type EventOf } from '../events.js';
import type { BudgetTrip } from '../domain/budget/budget-trip.js';
import { scopeKey } from '../domain/budget/spend.fold.js';
import type { Intent } from './intents.js';
import { deviation } from './wave.decide.js';

/** A limit the coordinator saw reached after folding a logged event (not itself logged). */
export interface BudgetTripped {
  type: 'budget.tripped';
  trip: BudgetTrip;
}

const keyOf = (t: BudgetTrip) => scopeKey(t.scope, t.wave, t.agentId);

/** True when this scope has not tripped yet in the session (proposed or logged). */
export function isNewTrip(tripped: readonly string[], t: BudgetTrip): boolean {
  return !tripped.includes(keyOf(t));
}

/** Folds a trip the session proposes (so the next events of the batch do not propose it again). */
export function recordTrip(tripped: string[], t: BudgetTrip): void {
  tripped.push(keyOf(t));
}

/** Proposes `budget.exceeded` and its deviation. */
export function proposeBudgetExceeded(t: BudgetTrip): Intent[] {
  const subject = t.agentId ?? (t.wave !== undefined ? `wave ${t.wave}` : 'session');
  const data = {
    scope: t.scope,
    metric: t.metric,
    limit: t.limit,
    spent: t.spent,
    ...(t.wave !== undefined ? { wave: t.wave } : {}),
    ...(t.agentId !== undefined ? { agentId: t.agentId } : {}),
  };
  return [
    { kind: 'append', event: newEvent('budget.exceeded', data) },
    deviation({
      wave: t.wave ?? null,
      kind: 'D6',
      code: 'budget-exceeded',
      params: { scope: t.scope, metric: t.metric, limit: t.limit, spent: t.spent, subject },
    }),
  ];
}

/** The session's own budget is spent: it stops (exit 3). */
export function abortOverBudget(e: EventOf<'budget.exceeded'>): Intent[] {
  const d = e.data;
  const reason = `session budget reached: ${d.metric} ${d.spent} of ${d.limit}`;
  return [{ kind: 'append', event: newEvent('session.aborted', { cause: 'kill-switch', reason }) }];
}
