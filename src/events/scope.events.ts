/** Events of scope enforcement (reference §B4, §F1) and of the reverts it and supervision ask for. */
import { z } from 'zod';
import { defineEvents } from './event-definition.js';
import { EnforcementSchema } from '../domain/plan.schema.js';

/** Scope enforcement events. */
export const scopeEvents = defineEvents({
  'scope.violated': [
    1,
    "An agent's changed files include some outside the wave's allowedPaths (`scopeVerdict`): strict reverts exactly those files of that agent, warn keeps them with a warning.",
    z.object({
      wave: z.number().int().positive(),
      /** The agent that reported the files; null when no agent did (a shared working tree). */
      agentId: z.string().nullable(),
      taskId: z.string().nullable(),
      /** The out-of-scope files, repository-relative, sorted. */
      files: z.array(z.string()).min(1),
      /** The enforcement in force for the wave. */
      mode: EnforcementSchema.exclude(['off']),
      /** What enforcement does with the files. */
      action: z.enum(['revert', 'keep']),
    }),
  ],
  'wave.reverted': [
    1,
    "The coordinator put files of the wave back to the wave's base (its pre-dispatch snapshot): out-of-scope files in strict mode (`scope`), or every file of a spiralled agent (`spiral`). Only the listed files were touched; each group names its agent.",
    z.object({
      wave: z.number().int().positive(),
      /** The commit the files went back to. */
      base: z.string().min(1),
      groups: z.array(
        z.object({
          agentId: z.string().nullable(),
          cause: z.enum(['scope', 'spiral']),
          /** Files restored to their content at the base. */
          restored: z.array(z.string()),
          /** Files the base did not have, removed. */
          removed: z.array(z.string()),
        }),
      ),
    }),
  ],
});
