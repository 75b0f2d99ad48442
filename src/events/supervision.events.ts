/**
 * Verdicts of live supervision: decisions the agent machine takes on an agent's logged stream
 * while the agent still runs (issue 9). Both are authored by the machines, so replay matches them
 * by identity (agent, pattern or limit); the evidence is data for people, not the decision.
 */
import { z } from 'zod';
import { defineEvents } from './event-definition.js';
import { ErrorClassSchema, StagnationPatternSchema } from '../domain/status.js';

/** What supervision does about a verdict: record it only, or end the agent at once. */
const SupervisionActionSchema = z.enum(['observe', 'stop']);

/** Live supervision verdicts. */
export const supervisionEvents = defineEvents({
  'agent.loop_detected': [
    1,
    "A loop detector tripped on the agent's tool-call stream while it ran (projected to events.jsonl as `stagnation_detected`).",
    z.object({
      wave: z.number().int().positive(),
      agentId: z.string().min(1),
      /** The task id, written as `agent` into events.jsonl as the reference does. */
      agent: z.string(),
      pattern: StagnationPatternSchema,
      /** The status the pattern maps to: spiral overrides, stagnant counts as partial, failed. */
      verdict: z.enum(['spiral', 'stagnant', 'failed']),
      errorClass: ErrorClassSchema.optional(),
      file: z.string().nullable(),
      occurrences: z.number().int().min(2),
      /** The calls that tripped it, as short turn-key labels. */
      evidence: z.array(z.string()),
      action: SupervisionActionSchema,
    }),
  ],
  'agent.limit_reached': [
    1,
    'The agent went past a limit the session enforces (turns), and is stopped; it reports partial with what it did.',
    z.object({
      wave: z.number().int().positive(),
      agentId: z.string().min(1),
      limit: z.enum(['turns']),
      /** The value that went past the limit (e.g. the turn that began). */
      value: z.number().int().nonnegative(),
      max: z.number().int().nonnegative(),
    }),
  ],
});
