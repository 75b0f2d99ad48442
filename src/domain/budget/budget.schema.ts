/**
 * The shapes of the Session Config keys `budgets:` and `prices:` as the resolved plan carries them
 * (camelCase; the plan file and CLAUDE.md spell them `input-per-mtok`, `output-per-mtok`).
 */
import { z } from 'zod';

/** Limits of one scope; an absent metric is unlimited. */
export const BudgetLimitSchema = z.object({
  /** Input + output tokens. */
  tokens: z.number().int().positive().optional(),
  /** US dollars: as the runner reports them, else from `prices`. */
  usd: z.number().positive().optional(),
  /** Wall-clock minutes, from event timestamps. */
  minutes: z.number().positive().optional(),
});

/** `budgets: { session | wave | agent: { tokens, usd, minutes } }`. */
export const BudgetsSchema = z.object({
  session: BudgetLimitSchema.optional(),
  wave: BudgetLimitSchema.optional(),
  agent: BudgetLimitSchema.optional(),
});

/** The price of one model in dollars per million tokens. */
export const ModelPriceSchema = z.object({
  inputPerMtok: z.number().nonnegative(),
  outputPerMtok: z.number().nonnegative(),
});

/** `prices: { <model>: { input-per-mtok, output-per-mtok } }`. */
export const PricesSchema = z.record(z.string(), ModelPriceSchema);

/** Type of {@link BudgetLimitSchema}. */
export type BudgetLimit = z.infer<typeof BudgetLimitSchema>;
/** Type of {@link BudgetsSchema}. */
export type Budgets = z.infer<typeof BudgetsSchema>;
/** Type of {@link ModelPriceSchema}. */
export type ModelPrice = z.infer<typeof ModelPriceSchema>;
/** Type of {@link PricesSchema}. */
export type Prices = z.infer<typeof PricesSchema>;
/** A budget scope. */
export type BudgetScope = keyof Budgets;
/** A budget metric. */
export type BudgetMetric = keyof BudgetLimit;
