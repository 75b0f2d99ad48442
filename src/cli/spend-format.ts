/**
 * Spend as text, for `wave status` and the end-of-session summary: tokens (in / out), dollars
 * (the runners' own figures, else `prices:`), wall-clock minutes, and the limits of `budgets:`.
 */
import type { BudgetLimit, Budgets } from '../domain/budget/budget.schema.js';
import { spentOf, type SpentFigures } from '../domain/budget/budget-trip.js';
import type { BudgetSpendState } from '../domain/budget/spend.fold.js';
import { costText } from './progress-format.js';

/**
 * A whole number with `,` between thousands (what `toLocaleString('en-US')` prints, without
 * loading ICU's locale data: that first call cost `wave status` a third of its start-up).
 */
const int = (n: number): string => {
  const digits = String(Math.abs(Math.round(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+$)/g, ',');
  return Math.round(n) < 0 ? `-${grouped}` : grouped;
};
const usd = (n: number): string => costText(n);

function limitText(limit: BudgetLimit | undefined): string {
  if (limit === undefined) return '';
  const parts: string[] = [];
  if (limit.tokens !== undefined) parts.push(`${int(limit.tokens)} tokens`);
  if (limit.usd !== undefined) parts.push(usd(limit.usd));
  if (limit.minutes !== undefined) parts.push(`${limit.minutes} min`);
  return parts.length === 0 ? '' : ` (budget ${parts.join(' · ')})`;
}

/** `12,345 tokens (10,000 in / 2,345 out), $0.4200, 3.2 min[ (budget …)]`. */
function spendText(
  s: SpentFigures,
  input: number,
  output: number,
  limit?: BudgetLimit,
  unpriced = false,
): string {
  const dollars = unpriced ? `${usd(s.usd)}+ (some usage has no price)` : usd(s.usd);
  return `${int(s.tokens)} tokens (${int(input)} in / ${int(output)} out), ${dollars}, ${s.minutes.toFixed(1)} min${limitText(limit)}`;
}

/** The session's spend line and one line per wave (indented), for `wave status`. */
export function spendLines(state: BudgetSpendState, budgets: Budgets | undefined): string[] {
  const unpriced = Object.values(state.agents).some((a) => !a.priced);
  const s = state.session;
  const lines = [
    `spend: ${spendText(spentOf('session', s), s.inputTokens, s.outputTokens, budgets?.session, unpriced)}`,
  ];
  for (const [wave, w] of Object.entries(state.waves).sort(([a], [b]) => Number(a) - Number(b))) {
    lines.push(
      `    wave ${wave}: ${spendText(spentOf('wave', w), w.inputTokens, w.outputTokens, budgets?.wave)}`,
    );
  }
  return lines;
}

/** Spend as plain data (for `--json`). */
export function spendJson(state: BudgetSpendState): unknown {
  return {
    session: spentOf('session', state.session),
    waves: Object.fromEntries(
      Object.entries(state.waves).map(([w, s]) => [w, spentOf('wave', s, { wave: Number(w) })]),
    ),
    unpricedAgents: Object.entries(state.agents)
      .filter(([, a]) => !a.priced)
      .map(([id]) => id),
  };
}
