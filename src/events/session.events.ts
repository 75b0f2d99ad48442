/** Events of the session aggregate. */
import { z } from 'zod';
import { defineEvents } from './event-definition.js';
import { PlatformSchema, ResolvedPlanSchema, SessionTypeSchema } from '../domain/plan.schema.js';

/** Session lifecycle events. */
export const sessionEvents = defineEvents({
  'session.started': [
    1,
    'A session began in a repository; carries what the projections need about the environment.',
    z.object({
      sessionType: SessionTypeSchema,
      intent: z.string(),
      branch: z.string(),
      platform: PlatformSchema,
      /** Absolute path of the repository the session runs in. */
      repo: z.string(),
      /** HEAD at session start (`session-start-ref`), null outside git. */
      headRef: z.string().nullable(),
      /** Semantic label `<branch>-<YYYY-MM-DD>-<mode>-<n>`. */
      semanticId: z.string(),
      /** The autopilot run this session belongs to (`wave autopilot`), stamped on its record. */
      autopilotRunId: z.string().min(1).optional(),
      issues: z.array(z.number().int().nonnegative()),
      pid: z.number().int(),
      host: z.string(),
      ttlHours: z.number().positive().default(4),
      /** Files already changed when the session started (`--allow-dirty`); not the session's work. */
      dirtyFiles: z.array(z.string()).optional(),
      /**
       * Deliberate changes of decisions in force when the session began (`patched(id)` markers,
       * see src/machines/patches.ts); a log without one replays the decisions from before it.
       */
      patches: z.array(z.string()).optional(),
      /** The preflight: each runner's and gate's program, where it resolved, its `--version`. */
      preflight: z
        .array(
          z.object({
            kind: z.enum(['runner', 'gate']),
            name: z.string(),
            program: z.string(),
            path: z.string(),
            version: z.string().nullable(),
          }),
        )
        .optional(),
      /** Why a stale run lock (dead process, empty or truncated file) was taken over. */
      lockTakenOver: z.string().optional(),
    }),
  ],
  'session.planned': [
    1,
    'The resolved plan the session executes; replay needs nothing else.',
    z.object({
      plan: ResolvedPlanSchema,
      /** The plan file it came from (informational). */
      source: z.string(),
    }),
  ],
  'state.carried_over': [
    1,
    "What the repository's previous STATE.md hands to this session (the reference's Idle Reset): its Wave History (shown under Previous Session), What Not To Retry entries and Open Questions, byte for byte; and, if that session was interrupted, the resume-or-fresh answer.",
    z.object({
      /** The previous session's `session:` label. */
      fromSession: z.string(),
      /** The previous STATE.md's `status:`. */
      fromStatus: z.string(),
      /** The previous `## Wave History` content. */
      previousSession: z.string(),
      /** The previous `## What Not To Retry` entries (each its lines, joined with newlines). */
      whatNotToRetry: z.array(z.string()),
      /** The previous `## Open Questions` lines. */
      openQuestions: z.array(z.string()),
      /** The previous session was interrupted (`status: active`): what was chosen instead of resuming it. */
      interrupted: z
        .object({
          session: z.string(),
          answer: z.literal('fresh'),
          by: z.enum(['user', 'policy']),
        })
        .optional(),
    }),
  ],
  'session.approved': [
    1,
    'The plan was approved (/go): every mission becomes validated.',
    z.object({ by: z.enum(['user', 'policy']) }),
  ],
  'session.paused': [1, 'The session waits on the operator.', z.object({ reason: z.string() })],
  'session.resumed': [
    1,
    'A new process took over the session from its log.',
    z.object({
      pid: z.number().int(),
      host: z.string(),
      /** Agents in flight at the crash, and what was done with them. */
      inFlight: z.array(z.string()),
      policy: z.enum(['redispatch', 'report-lost']),
      /** Agents of the crashed coordinator still running at resume, ended before re-dispatch. */
      killedOrphans: z.array(z.object({ agentId: z.string(), pid: z.number().int() })).optional(),
      /** Why a stale run lock (dead process, empty or truncated file) was taken over. */
      lockTakenOver: z.string().optional(),
    }),
  ],
  'session.completed': [
    1,
    'The session ran to its end.',
    z.object({ outcome: z.enum(['success', 'carryover']) }),
  ],
  'session.aborted': [
    1,
    'The session stopped before its end.',
    z.object({
      cause: z.enum(['gate-exhausted', 'kill-switch', 'user-abort', 'decision', 'error']),
      reason: z.string(),
    }),
  ],
});
