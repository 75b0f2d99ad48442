/** Events of the wave aggregate. */
import { z } from 'zod';
import { defineEvents } from './event-definition.js';
import { EnforcementSchema, RoleSchema } from '../domain/plan.schema.js';
import {
  AgentOutcomeSchema,
  StagnationPatternSchema,
  WaveQualitySchema,
} from '../domain/status.js';

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
      /** Commands the wave's command guard blocks (`severity: block` rules of the repo policy); absent ⇒ built-in fallback list. */
      blockedCommands: z.array(z.string()).optional(),
      /** Hook gates of the wave-scope manifest (`path-guard`, `command-guard`, …). */
      gates: z.record(z.string(), z.boolean()).optional(),
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
          /** REMAINING text of a partial result. */
          remaining: z.string().optional(),
          /** Loop patterns live supervision logged for the run (`agent.loop_detected`), if any. */
          loops: z.array(StagnationPatternSchema).optional(),
        }),
      ),
      /** Union of files changed by the wave, repo-relative, sorted. */
      filesChanged: z.array(z.string()),
    }),
  ],
  'wave.inspected': [
    1,
    "The on-disk change set of the wave: `changedFiles`, the files whose content differs from the session start (untracked included; logs before the one-pass inspection also listed what git status showed against HEAD); `sinceBase`, when the wave has a base (its pre-dispatch snapshot), lists exactly the files whose content differs from that base now (untracked included): what this wave's agents changed.",
    z.object({
      wave,
      changedFiles: z.array(z.string()),
      sinceBase: z.array(z.string()).optional(),
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
