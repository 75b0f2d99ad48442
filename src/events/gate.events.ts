/** Events of the quality gate of a wave. */
import { z } from 'zod';
import { defineEvents } from './event-definition.js';

const wave = z.number().int().positive();
const attempt = z.number().int().positive();
const counts = z.object({
  passed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
/**
 * Which gate ran after a wave: Quality-Lite (`lite`, changed files only where the command allows)
 * or the Full Gate (`full`). Absent in logs written before gate kinds existed (they ran `full`).
 */
const kind = z.enum(['lite', 'full']).optional();

/** Quality gate events (one run of all configured gates is one attempt). */
export const gateEvents = defineEvents({
  'gate.started': [
    1,
    'An attempt of the wave gate began.',
    z.object({ wave, attempt, gates: z.array(z.string()), kind }),
  ],
  'gate.passed': [
    1,
    'Every gate command of the attempt exited 0.',
    z.object({
      wave,
      attempt,
      counts: counts.optional(),
      kind,
      /** Quality-Lite gates that had no changed file to check (they did not run). */
      skipped: z.array(z.string()).optional(),
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
      kind,
      /** Test counts of the failing gate's output, when its runner printed a summary. */
      counts: counts.optional(),
      /** Files changed since the last green gate of the session (else since its start). */
      changedSinceGreen: z.array(z.string()).optional(),
    }),
  ],
  'gate.fix_dispatched': [
    1,
    'An auto-fix agent was dispatched for a failed gate.',
    z.object({ wave, attempt, taskId: z.string(), agentId: z.string() }),
  ],
  'gate.baseline_recorded': [
    1,
    "The baseline gate ran at session start, before any agent: each gate's state then, so a gate already red is not blamed on agents.",
    z.object({
      /** HEAD the baseline ran on. */
      headRef: z.string().nullable(),
      /** Every configured gate in order (the baseline is not fail-fast). */
      gates: z.array(
        z.object({
          name: z.string(),
          command: z.array(z.string()),
          ok: z.boolean(),
          /** Null when killed by a signal or the program could not start. */
          exitCode: z.number().int().nullable(),
          timedOut: z.boolean(),
          counts: counts.optional(),
          /** Last 50 lines of output of a red gate (absent for a green one). */
          output: z.string().optional(),
        }),
      ),
      /** True when every gate was green. */
      green: z.boolean(),
    }),
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
