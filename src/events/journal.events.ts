/**
 * Cross-cutting records of a session: deviations, open questions, decisions, heartbeats, docs tasks,
 * what-not-to-retry entries, stagnation findings and log maintenance.
 */
import { z } from 'zod';
import { defineEvents } from './event-definition.js';
import { ErrorClassSchema, StagnationPatternSchema } from '../domain/status.js';
import { DeviationSchema } from './deviation.schema.js';

const prio = z.enum(['high', 'medium', 'low']);

/** Journal events. */
export const journalEvents = defineEvents({
  'deviation.recorded': [
    2,
    'A deviation from the plan (templates D1–D6) as a code with its parameters; the sentence is rendered by `deviationText`.',
    DeviationSchema,
  ],
  'question.asked': [
    1,
    'An open question raised by an agent (OPEN-QUESTIONS:) or the coordinator.',
    z.object({ question: z.string(), source: z.string(), prio: prio.default('medium') }),
  ],
  'question.answered': [
    1,
    'An open question got its answer.',
    z.object({ question: z.string(), answer: z.string() }),
  ],
  'decision.requested': [
    1,
    'The session needs a decision (escalation, plan revision).',
    z.object({
      id: z.string(),
      kind: z.string(),
      prompt: z.string(),
      options: z.array(z.string()).min(1),
      default: z.string(),
    }),
  ],
  'decision.made': [
    1,
    'A decision was taken, by the operator or by the documented default policy.',
    z.object({ id: z.string(), answer: z.string(), by: z.enum(['user', 'policy']) }),
  ],
  'heartbeat.recorded': [
    1,
    'The session is alive (drives session.lock last_heartbeat).',
    z.object({ wave: z.number().int().nonnegative().optional() }),
  ],
  'docs_task.recorded': [
    1,
    'A docs task of the plan (docs-orchestrator) and its status.',
    z.object({
      id: z.string(),
      audience: z.enum(['user', 'dev', 'vault']),
      targetPattern: z.string(),
      rationale: z.string(),
      wave: z.number().int().positive(),
      status: z.enum(['planned', 'ok', 'partial', 'gap']),
    }),
  ],
  'what_not_to_retry.recorded': [
    2,
    'A task whose approach failed and must not be retried; `whatNotToRetryText` renders it.',
    z.object({
      taskId: z.string(),
      description: z.string(),
      status: z.string(),
      note: z.string(),
      file: z.string().nullable(),
      /** The entry's own words, for an entry logged before it had facts (upcast from v1). */
      text: z.object({ approach: z.string(), why: z.string() }).optional(),
    }),
  ],
  'stagnation.detected': [
    1,
    "A stagnation pattern was seen in an agent's tool-call stream.",
    z.object({
      wave: z.number().int().positive(),
      agentId: z.string(),
      /** The agent's type/description as written into events.jsonl. */
      agent: z.string(),
      pattern: StagnationPatternSchema,
      errorClass: ErrorClassSchema.optional(),
      file: z.string().nullable(),
      occurrences: z.number().int().min(3),
    }),
  ],
  'baseline.frozen': [
    1,
    'The scope baseline of the session was frozen before wave 1.',
    z.object({
      intent: z.string(),
      ownerBoundary: z.string(),
      plannedFiles: z.number().int().nonnegative(),
    }),
  ],
  'log.truncated': [
    1,
    'A torn last line (a crash mid-write) was cut off the log when it was opened.',
    z.object({
      file: z.string(),
      line: z.number().int().positive(),
      bytes: z.number().int().positive(),
    }),
  ],
});
