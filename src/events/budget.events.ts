/** Budget events: a scope's spend reached a limit of the Session Config `budgets:`. */
import { z } from 'zod';
import { defineEvents } from './event-definition.js';

/** Budget trips. */
export const budgetEvents = defineEvents({
  'budget.exceeded': [
    1,
    'Spend of an agent run, a wave or the session reached a limit of `budgets:` (tokens in + out, dollars, wall-clock minutes); decided by the session machine: the agent run is stopped (partial), or the session stops (exit 3); the trip of a wave is recorded.',
    z.object({
      scope: z.enum(['agent', 'wave', 'session']),
      metric: z.enum(['tokens', 'usd', 'minutes']),
      limit: z.number().positive(),
      spent: z.number().nonnegative(),
      /** The wave (wave and agent scopes). */
      wave: z.number().int().positive().optional(),
      /** The agent run (agent scope). */
      agentId: z.string().min(1).optional(),
    }),
  ],
});
