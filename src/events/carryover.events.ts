/** Carry-over issues filed through the repository's issue tracker (`gh` / `glab`). */
import { z } from 'zod';
import { defineEvents } from './event-definition.js';

/** Carry-over issue outcomes. */
export const carryoverEvents = defineEvents({
  'carryover.issue_filed': [
    1,
    'A carry-over issue for a task that failed or spiralled twice: created (`→ issue #N`), found by its `<!-- task-hash -->` marker (`→ existing #N`), or failed (the error; the session goes on).',
    z.object({
      wave: z.number().int().positive(),
      taskId: z.string().min(1),
      /** The agent run whose Wave History line gets the suffix. */
      agentId: z.string().min(1).optional(),
      kind: z.enum(['SPIRAL', 'FAILED']),
      /** The tracker used (null: none configured or detected). */
      tracker: z.enum(['github', 'gitlab']).nullable(),
      outcome: z.enum(['created', 'existing', 'failed']),
      /** sha256[0:8] of the task text, the dedup marker. */
      taskHash: z.string().min(1),
      number: z.number().int().positive().optional(),
      url: z.string().optional(),
      error: z.string().optional(),
    }),
  ],
});
