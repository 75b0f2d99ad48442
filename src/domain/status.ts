/** Status vocabularies shared by events, machines and projections. */
import { z } from 'zod';

/** Mission status of a plan item, in lifecycle order. */
export const MissionStatusSchema = z.enum([
  'brainstormed',
  'validated',
  'in-dev',
  'testing',
  'completed',
]);
/** Final status of one agent run. `stagnant` counts as `partial` in `agent_summary`. */
export const AgentOutcomeSchema = z.enum([
  'done',
  'partial',
  'failed',
  'spiral',
  'stagnant',
  'crashed',
  'timed_out',
]);
/** Status an agent reports in its STATUS line (before overrides). */
export const ReportedStatusSchema = z.enum(['done', 'partial', 'failed']);
/**
 * Stagnation patterns of the reference, plus wave-executor's `edit-spiral` (edits of one file that
 * loop, see docs/supervision.md) and `oscillation` (A-B-A-B between two turn keys).
 */
export const StagnationPatternSchema = z.enum([
  'pagination-spiral',
  'turn-key-repetition',
  'error-echo',
  'edit-spiral',
  'oscillation',
]);
/** Error class of an error-echo. */
export const ErrorClassSchema = z.enum([
  'edit-format-friction',
  'scope-denied',
  'command-blocked',
  'other',
]);
/** Outcome of a wave's quality gate, as in sessions.jsonl `waves[].quality`. */
export const WaveQualitySchema = z.enum(['pass', 'fail', 'skip']);

/** Type of {@link MissionStatusSchema}. */
export type MissionStatus = z.infer<typeof MissionStatusSchema>;
/** Type of {@link AgentOutcomeSchema}. */
export type AgentOutcome = z.infer<typeof AgentOutcomeSchema>;
/** Type of {@link ReportedStatusSchema}. */
export type ReportedStatus = z.infer<typeof ReportedStatusSchema>;
/** Type of {@link StagnationPatternSchema}. */
export type StagnationPattern = z.infer<typeof StagnationPatternSchema>;
/** Type of {@link ErrorClassSchema}. */
export type ErrorClass = z.infer<typeof ErrorClassSchema>;
/** Type of {@link WaveQualitySchema}. */
export type WaveQuality = z.infer<typeof WaveQualitySchema>;
