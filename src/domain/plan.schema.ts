/**
 * The resolved plan: what `session.planned` carries and what the machines read. The plan-file
 * loader (YAML/JSON/markdown, kebab-case keys) validates its input and produces this shape; the
 * log then holds it, so replay never needs the original file.
 */
import { z } from 'zod';
import { SupervisionConfigSchema } from './supervision/supervision-policy.js';
import { BudgetsSchema, PricesSchema } from './budget/budget.schema.js';

/** Session types of the reference. */
export const SessionTypeSchema = z.enum(['housekeeping', 'feature', 'deep']);
/** Wave roles of the reference (Docs only with docs-orchestrator). */
export const RoleSchema = z.enum([
  'Discovery',
  'Impl-Core',
  'Impl-Polish',
  'Quality',
  'Finalization',
  'Docs',
]);
/** Isolation as configured (`auto` is resolved per wave). */
export const IsolationSchema = z.enum(['auto', 'worktree', 'none']);
/** Enforcement of the wave scope. */
export const EnforcementSchema = z.enum(['strict', 'warn', 'off']);
/** Collision risk of a wave. */
export const CollisionRiskSchema = z.enum(['low', 'medium', 'high']);
/** Platforms and their state directories. */
export const PlatformSchema = z.enum(['claude', 'codex', 'cursor', 'pi']);
/** Stream formats a runner's stdout may speak. */
export const StreamFormatSchema = z.enum([
  'claude-stream-json',
  'codex-json',
  'gemini-stream-json',
  'text',
]);
/** Mission id pattern of the reference. */
export const MISSION_ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*-\d+$/;

/** How agents are started. */
export const RunnerSpecSchema = z.object({
  kind: z.enum(['claude', 'codex', 'gemini', 'command']),
  /** `command` only: the full argv. */
  argv: z.array(z.string().min(1)).min(1).optional(),
  /** `command` only: how stdout is read. */
  format: StreamFormatSchema.optional(),
  /** Executable to start instead of the kind's default name. */
  bin: z.string().min(1).optional(),
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).default({}),
  timeoutMs: z.number().int().positive().optional(),
  model: z.string().min(1).optional(),
});

/** One planned task (mission). */
export const TaskSchema = z.object({
  id: z.string().regex(MISSION_ID_PATTERN),
  task: z.string().min(1),
  files: z.array(z.string()).default([]),
  acceptance: z.string().default(''),
  dependsOn: z.array(z.string()).default([]),
  runner: z.string().default('default'),
  maxTurns: z.number().int().positive().optional(),
  contractLock: z.boolean().default(false),
  /** Optional agent type hint of the reference (`subagent_type`, e.g. `Explore`). */
  subagentType: z.string().min(1).optional(),
  /**
   * Set by the runtime when the session is planned: a file of the task lies in a directory the
   * repository does not have yet (the reference's new-directory rule: its wave is not isolated).
   */
  createsDirectory: z.boolean().optional(),
});

/** One planned wave. `wave` is its 1-based number. */
export const WavePlanSchema = z.object({
  wave: z.number().int().positive(),
  role: RoleSchema,
  collisionRisk: CollisionRiskSchema.optional(),
  isolation: IsolationSchema.optional(),
  tasks: z.array(TaskSchema),
});

/**
 * A quality gate: a named argv run in order (baseline and Full Gate), and optionally the argv of
 * its Quality-Lite run, which may hold the `{changed}` placeholder (`src/domain/gate-kinds.ts`).
 */
export const QualityGateSchema = z.object({
  name: z.string().min(1),
  argv: z.array(z.string().min(1)).min(1),
  lite: z.array(z.string().min(1)).min(1).optional(),
});

/** Resolved Session Config (defaults of the reference, repo config, then plan `config:`). */
export const ResolvedConfigSchema = z.object({
  persistence: z.boolean().default(true),
  enforcement: EnforcementSchema.default('warn'),
  isolation: IsolationSchema.default('auto'),
  agentsPerWave: z.number().int().positive().default(6),
  waves: z.number().int().positive().default(5),
  maxTurns: z.union([z.literal('auto'), z.number().int().positive()]).default('auto'),
  qualityGates: z.array(QualityGateSchema).default([]),
  verificationAutoFix: z
    .object({
      enabled: z.boolean().default(false),
      maxRetries: z.number().int().min(0).max(10).default(2),
    })
    .default({ enabled: false, maxRetries: 2 }),
  workerPool: z
    .object({
      maxParallel: z.number().int().positive().optional(),
      drainTimeoutMs: z.number().int().min(0).default(10000),
    })
    .default({ drainTimeoutMs: 10000 }),
  groundingCheck: z.boolean().default(true),
  /** Commit the wave after its gate passed (`auto-commit-per-wave`, default off; never by agents). */
  autoCommitPerWave: z.boolean().optional(),
  /** Wall-clock limit of every agent run without a runner `timeout-ms` (default 1 h). */
  agentTimeoutMs: z.number().int().positive().optional(),
  /** An agent printing nothing for this long is stopped (default 10 min). */
  agentSilenceMs: z.number().int().positive().optional(),
  /** Limit of one quality-gate command (default 15 min). */
  gateTimeoutMs: z.number().int().positive().optional(),
  /** What to do with agents in flight at a crash: re-dispatch them or report them lost. */
  resumePolicy: z.enum(['redispatch', 'report-lost']).default('redispatch'),
  /** Extra regular expressions (Session Config `redact-patterns`) masked in everything logged. */
  redactPatterns: z.array(z.string().min(1)).optional(),
  /**
   * `supervision:` as configured (absent when nothing is set); the effective policy with its
   * defaults is `supervisionPolicy(config)` (on-loop `stop`, spiral-rule `default`).
   */
  supervision: SupervisionConfigSchema.optional(),
  /** Spend limits per session, wave and agent run (`budgets:`). */
  budgets: BudgetsSchema.optional(),
  /** Dollars per million tokens per model, for runners that report only tokens (`prices:`). */
  prices: PricesSchema.optional(),
  /** Issue tracker of carry-over issues (`vcs:`, the reference's key): `gh` or `glab`. */
  vcs: z.enum(['github', 'gitlab']).optional(),
});

/** The resolved plan carried by `session.planned`. */
export const ResolvedPlanSchema = z.object({
  session: z.object({
    type: SessionTypeSchema,
    intent: z.string().min(1),
    issues: z.array(z.number().int().nonnegative()).default([]),
    focus: z.string().optional(),
  }),
  config: ResolvedConfigSchema,
  runners: z.record(z.string(), RunnerSpecSchema),
  waves: z.array(WavePlanSchema),
});

/** Type of {@link SessionTypeSchema}. */
export type SessionType = z.infer<typeof SessionTypeSchema>;
/** Type of {@link RoleSchema}. */
export type Role = z.infer<typeof RoleSchema>;
/** Type of {@link IsolationSchema}. */
export type Isolation = z.infer<typeof IsolationSchema>;
/** Type of {@link EnforcementSchema}. */
export type Enforcement = z.infer<typeof EnforcementSchema>;
/** Type of {@link CollisionRiskSchema}. */
export type CollisionRisk = z.infer<typeof CollisionRiskSchema>;
/** Type of {@link PlatformSchema}. */
export type Platform = z.infer<typeof PlatformSchema>;
/** Type of {@link StreamFormatSchema}. */
export type StreamFormat = z.infer<typeof StreamFormatSchema>;
/** Type of {@link RunnerSpecSchema}. */
export type RunnerSpec = z.infer<typeof RunnerSpecSchema>;
/** Type of {@link TaskSchema}. */
export type Task = z.infer<typeof TaskSchema>;
/** Type of {@link WavePlanSchema}. */
export type WavePlan = z.infer<typeof WavePlanSchema>;
/** Type of {@link QualityGateSchema}. */
export type QualityGate = z.infer<typeof QualityGateSchema>;
/** Type of {@link ResolvedConfigSchema}. */
export type ResolvedConfig = z.infer<typeof ResolvedConfigSchema>;
/** Type of {@link ResolvedPlanSchema}. */
export type ResolvedPlan = z.infer<typeof ResolvedPlanSchema>;

/** The state directory of a platform (`.claude`, `.codex`, …). */
export function stateDirOf(platform: Platform): string {
  return `.${platform}`;
}

/** Default max turns per session type when `max-turns: auto`. */
export function autoMaxTurns(type: SessionType): number {
  return type === 'housekeeping' ? 8 : type === 'feature' ? 15 : 25;
}
