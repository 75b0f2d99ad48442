/**
 * The plan file's `budgets:` and `prices:` keys of `config:` (kebab-case, strict: a typo is an
 * error naming the key), resolved into the camelCase shapes of the resolved plan.
 */
import { z } from 'zod';
import type { Budgets, Prices } from '../../domain/budget/budget.schema.js';
import { describeValue } from './zod-issues.js';

const positive = (what: string) =>
  z
    .number({ error: (iss) => `must be ${what}; got ${describeValue(iss.input)}` })
    .refine((n) => n > 0, { error: `must be ${what}` });
const positiveInt = z
  .number({ error: (iss) => `must be a positive integer; got ${describeValue(iss.input)}` })
  .int({ error: (iss) => `must be a positive integer; got ${describeValue(iss.input)}` })
  .positive({ error: (iss) => `must be a positive integer; got ${describeValue(iss.input)}` });
const nonNegative = z
  .number({ error: (iss) => `must be a number ≥ 0; got ${describeValue(iss.input)}` })
  .nonnegative({ error: (iss) => `must be a number ≥ 0; got ${describeValue(iss.input)}` });

const LimitFileSchema = z.strictObject({
  tokens: positiveInt.optional(),
  usd: positive('a positive number of dollars').optional(),
  minutes: positive('a positive number of minutes').optional(),
});

/** `budgets: { session | wave | agent: { tokens, usd, minutes } }`. */
export const BudgetsFileSchema = z.strictObject({
  session: LimitFileSchema.optional(),
  wave: LimitFileSchema.optional(),
  agent: LimitFileSchema.optional(),
});

/** `prices: { <model>: { input-per-mtok, output-per-mtok } }`. */
export const PricesFileSchema = z.record(
  z.string().min(1),
  z.strictObject({ 'input-per-mtok': nonNegative, 'output-per-mtok': nonNegative }),
);

/** The resolved form of a plan file's `prices:`. */
export function resolvePrices(prices: z.infer<typeof PricesFileSchema>): Prices {
  const out: Prices = {};
  for (const [model, p] of Object.entries(prices)) {
    out[model] = { inputPerMtok: p['input-per-mtok'], outputPerMtok: p['output-per-mtok'] };
  }
  return out;
}

/**
 * Budgets of the repository's Session Config, overridden per scope (and per metric) by the
 * plan's; `undefined` when neither sets any.
 */
export function mergeBudgets(
  repo: Budgets | undefined,
  plan: z.infer<typeof BudgetsFileSchema> | undefined,
): Budgets | undefined {
  if (repo === undefined && plan === undefined) return undefined;
  const out: Budgets = {};
  for (const scope of ['session', 'wave', 'agent'] as const) {
    const merged = { ...repo?.[scope], ...plan?.[scope] };
    if (Object.keys(merged).length > 0) out[scope] = merged;
  }
  return out;
}
