/** Events of scope enforcement (reference §B4, §F1). */
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
      agentId: z.string(),
      taskId: z.string(),
      /** The out-of-scope files, repository-relative, sorted. */
      files: z.array(z.string()).min(1),
      /** The enforcement in force for the wave. */
      mode: EnforcementSchema.exclude(['off']),
      /** What enforcement does with the files. */
      action: z.enum(['revert', 'keep']),
    }),
  ],
});
