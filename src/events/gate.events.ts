/** Events of the quality gate of a wave. */
import { z } from 'zod';
import { defineEvents } from './event-definition.js';

const wave = z.number().int().positive();
const attempt = z.number().int().positive();

/** Quality gate events (one run of all configured gates is one attempt). */
export const gateEvents = defineEvents({
  'gate.started': [
    1,
    'An attempt of the wave gate began.',
    z.object({ wave, attempt, gates: z.array(z.string()) }),
  ],
  'gate.passed': [
    1,
    'Every gate command of the attempt exited 0.',
    z.object({
      wave,
      attempt,
      counts: z
        .object({
          passed: z.number().int().nonnegative(),
          failed: z.number().int().nonnegative(),
          total: z.number().int().nonnegative(),
        })
        .optional(),
      /** Platform the suite ran on (`linux`, `darwin`, …), stamped by the gate actor. */
      platform: z.string().optional(),
    }),
  ],
  'gate.failed': [
    1,
    'A gate command failed (fail-fast: later gates of the attempt did not run).',
    z.object({
      wave,
      attempt,
      gate: z.string(),
      command: z.array(z.string()),
      exitCode: z.number().int().nullable(),
      /** Last 50 lines of combined output. */
      output: z.string(),
      timedOut: z.boolean(),
    }),
  ],
  'gate.fix_dispatched': [
    1,
    'An auto-fix agent was dispatched for a failed gate.',
    z.object({ wave, attempt, taskId: z.string(), agentId: z.string() }),
  ],
  'gate.exhausted': [
    1,
    'Auto-fix retries ran out (or auto-fix is off): the session must stop.',
    z.object({
      wave,
      attempts: z.number().int().positive(),
      maxRetries: z.number().int().nonnegative(),
      gate: z.string(),
      bundlePath: z.string().optional(),
    }),
  ],
});
