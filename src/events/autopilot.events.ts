/**
 * Events of an autopilot run (`wave autopilot`), written to its own log
 * (`.orchestrator/log/autopilot/<run-id>.jsonl`), never into a session's.
 */
import { z } from 'zod';
import { defineEvents } from './event-definition.js';

/** The reference's kill switches (reference-behaviour.md §G). */
const KillSwitchSchema = z.enum([
  'user-abort',
  'max-sessions-reached',
  'max-hours-exceeded',
  'token-budget-exceeded',
  'stall-timeout',
  'spiral',
  'failed-wave',
  'carryover-too-high',
]);

const runId = z.string().min(1);

/** Autopilot events. */
export const autopilotEvents = defineEvents({
  'autopilot.started': [
    1,
    'An autopilot run began: its plans, in order, and its bounds (token budget 0 = off).',
    z.object({
      runId,
      repo: z.string(),
      plans: z.array(z.string()).min(1),
      maxSessions: z.number().int().positive(),
      maxHours: z.number().positive(),
      tokenBudget: z.number().int().nonnegative(),
      stallSeconds: z.number().int().positive(),
    }),
  ],
  'autopilot.session_finished': [
    1,
    'One session of the run ended; what the kill switches read from it.',
    z.object({
      runId,
      iteration: z.number().int().positive(),
      plan: z.string(),
      sessionId: z.string(),
      exitCode: z.number().int(),
      outcome: z.string(),
      agentSummary: z
        .object({
          complete: z.number().int().nonnegative(),
          partial: z.number().int().nonnegative(),
          failed: z.number().int().nonnegative(),
          spiral: z.number().int().nonnegative(),
        })
        .optional(),
      plannedIssues: z.number().int().nonnegative().optional(),
      carryover: z.number().int().nonnegative().optional(),
      tokens: z.number().int().nonnegative(),
      /**
       * Longest silence of the session's log between two of its events, up to its last (the stall
       * check; a live coordinator writes a heartbeat every minute).
       */
      silentSeconds: z.number().nonnegative(),
    }),
  ],
  'autopilot.kill_switch': [
    1,
    'A kill switch tripped (checked before each session: abort, max sessions, max hours, token budget; after each: stall, spiral, failed, carry-over ratio); the run stops.',
    z.object({
      runId,
      switch: KillSwitchSchema,
      phase: z.enum(['before', 'after']),
      detail: z.string(),
      iteration: z.number().int().nonnegative(),
    }),
  ],
  'autopilot.completed': [
    1,
    'The run ended: sessions run, the kill switch (null when every plan ran), total tokens.',
    z.object({
      runId,
      iterations: z.number().int().nonnegative(),
      sessions: z.array(z.string()),
      killSwitch: KillSwitchSchema.nullable(),
      detail: z.string(),
      totalTokens: z.number().int().nonnegative(),
    }),
  ],
});
