/** Events of the wave aggregate. */
import { z } from 'zod';
import { defineEvents } from '../event-definition.js';
import { EnforcementSchema, RoleSchema } from '../domain/plan.schema.js';
import { AgentOutcomeSchema, WaveQualitySchema } from '../domain/status.js';

const wave = z.number().int().positive();

/** Wave lifecycle events. */
export const waveEvents = defineEvents({
  'wave.started': [
    1,
    'A wave with tasks began; isolation and enforcement are resolved.',
    z.object({
      wave,
      role: RoleSchema,
      isolation: z.enum(['worktree', 'none']),
      enforcement: EnforcementSchema,
      taskIds: z.array(z.string()),
      /** Planned file count of the wave's scopes (grounding). */
      plannedFiles: z.number().int().nonnegative(),
      allowedPaths: z.array(z.string()),
    }),
  ],
  'wave.skipped': [
    1,
    'A wave with no tasks was skipped.',
    z.object({ wave, role: RoleSchema, reason: z.string() }),
  ],
  'wave.dispatched': [
    1,
    'Dispatch verification: planned vs started agents.',
    z.object({
      wave,
      planned: z.number().int().nonnegative(),
      started: z.number().int().nonnegative(),
      missing: z.array(z.string()),
    }),
  ],
  'wave.reviewed': [
    1,
    'Every agent of the wave was reviewed.',
    z.object({
      wave,
      agents: z.array(
        z.object({
          agentId: z.string(),
          taskId: z.string(),
          description: z.string(),
          status: AgentOutcomeSchema,
          filesChanged: z.array(z.string()),
          note: z.string(),
        }),
      ),
      /** Union of files changed by the wave, repo-relative, sorted. */
      filesChanged: z.array(z.string()),
    }),
  ],
  'wave.completed': [
    1,
    'The wave is done (its gate, if any, is green or skipped).',
    z.object({
      wave,
      role: RoleSchema,
      quality: WaveQualitySchema,
      filesChanged: z.number().int().nonnegative(),
      suite: z
        .object({
          passed: z.number().int().nonnegative(),
          failed: z.number().int().nonnegative(),
          platform: z.string(),
        })
        .optional(),
    }),
  ],
});
