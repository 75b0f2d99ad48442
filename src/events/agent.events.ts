/** Events of the agent aggregate: one agent run of one task. */
import { z } from 'zod';
import { defineEvents } from './event-definition.js';
import { AgentOutcomeSchema, ReportedStatusSchema } from '../domain/status.js';

const agentId = z.string().min(1);

/** Agent lifecycle and stream events. */
export const agentEvents = defineEvents({
  'agent.dispatched': [
    1,
    'An agent run was queued for a task.',
    z.object({
      wave: z.number().int().positive(),
      taskId: z.string(),
      agentId,
      attempt: z.number().int().positive(),
      runner: z.string(),
      description: z.string(),
      maxTurns: z.number().int().positive(),
      reason: z.enum(['planned', 'redispatch', 'carryover', 'fix']),
      /** sha256 of the prompt in the blob store. */
      promptBlob: z.string().optional(),
    }),
  ],
  'agent.started': [
    1,
    'The agent process is running.',
    z.object({
      agentId,
      pid: z.number().int().nullable(),
      argv: z.array(z.string()),
      /**
       * sha256 of the prompt the agent got. The prompt is a pure function of the log (plan, task,
       * carried REMAINING text or error context), so it is rebuilt, not stored; the hash proves it.
       */
      promptSha256: z.string().optional(),
      /** Process group of the agent (its own group: the pid), for resume to end orphans. */
      pgid: z.number().int().optional(),
      /** Start time of the process (`/proc/<pid>/stat` field 22): proves a pid is still this agent. */
      procStart: z.string().optional(),
    }),
  ],
  'agent.turn_started': [
    1,
    'A model turn of the agent began, counted from its stream (Claude Code: a new main-agent message id; Codex: turn.started; Gemini CLI: a model response).',
    z.object({
      agentId,
      /** 1-based number of the turn in this run. */
      turn: z.number().int().positive(),
    }),
  ],
  'agent.tool_called': [
    1,
    'The agent called a tool (name and input as the vendor stream gave them).',
    z.object({
      agentId,
      tool: z.string(),
      input: z.record(z.string(), z.unknown()),
      callId: z.string().optional(),
      /** Set for a sub-agent's call: the id of the call that started the sub-agent. */
      parentCallId: z.string().optional(),
      /** sha256 of the full input when it was too large to inline. */
      inputBlob: z.string().optional(),
      /**
       * When the input was cut before logging: the loop detectors' `textDigest` of each cut string
       * of the full input, by its path (`new_string`, `edits.0.old_string`, `content`), so the
       * detectors see the same edits from the log as from the stream.
       */
      inputDigests: z.record(z.string(), z.string()).optional(),
    }),
  ],
  'agent.tool_failed': [
    1,
    'A tool call of the agent returned an error.',
    z.object({ agentId, tool: z.string(), error: z.string(), callId: z.string().optional() }),
  ],
  'agent.output': [
    1,
    'Assistant text from the agent (inline up to a limit, else in a blob).',
    z.object({
      agentId,
      text: z.string(),
      blob: z.string().optional(),
      /** Lines merged into this event because the agent printed faster than the event rate. */
      coalesced: z.number().int().positive().optional(),
      /** Characters of the merged lines that were not kept. */
      droppedChars: z.number().int().nonnegative().optional(),
    }),
  ],
  'agent.usage': [
    1,
    'Token usage and cost reported by the agent CLI.',
    z.object({
      agentId,
      inputTokens: z.number().int().nonnegative().optional(),
      outputTokens: z.number().int().nonnegative().optional(),
      costUsd: z.number().nonnegative().optional(),
      turns: z.number().int().nonnegative().optional(),
      /**
       * Vendor fields the agent printed with an unusable value (non-finite, negative, fractional
       * where a count is due, ≥ 2^53): dropped at the parser, named here.
       */
      rejected: z.array(z.string()).optional(),
    }),
  ],
  'agent.finished': [
    1,
    'The agent process ended normally; status after STATUS parsing, inference and overrides.',
    z.object({
      agentId,
      status: AgentOutcomeSchema,
      reported: ReportedStatusSchema.nullable(),
      summary: z.string(),
      remaining: z.string().optional(),
      filesChanged: z.array(z.string()),
      turns: z.number().int().nonnegative(),
      exitCode: z.number().int().nullable(),
      openQuestions: z
        .array(
          z.object({
            question: z.string(),
            context: z.string().optional(),
            /** The `candidates: A / B` part of an OPEN-QUESTIONS line. */
            candidates: z.array(z.string()).optional(),
          }),
        )
        .default([]),
      transcriptBlob: z.string().optional(),
    }),
  ],
  'agent.crashed': [
    1,
    'The agent process died without a result.',
    z.object({
      agentId,
      exitCode: z.number().int().nullable(),
      signal: z.string().nullable(),
      stderr: z.string(),
    }),
  ],
  'agent.timed_out': [
    1,
    'The agent ran past its timeout, or printed nothing for its silence limit, and was killed (a logged timer).',
    z.object({
      agentId,
      timeoutMs: z.number().int().positive(),
      /** Which timer fired: the wall-clock `timeout` (default) or the `silence` limit. */
      cause: z.enum(['timeout', 'silence']).optional(),
    }),
  ],
});
