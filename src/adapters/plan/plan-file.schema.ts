/**
 * The plan file as users write it (plan-and-cli.md): kebab-case keys, every object strict so an
 * unknown key (a typo) is an error naming the key. Cross-field rules (duplicate ids, depends-on,
 * runner references) live in plan-semantics.ts.
 */
import { z } from 'zod';
import {
  CollisionRiskSchema,
  EnforcementSchema,
  IsolationSchema,
  MISSION_ID_PATTERN,
  RoleSchema,
  SessionTypeSchema,
  StreamFormatSchema,
} from '../../domain/plan.schema.js';
import { splitCommand } from '../config/command-argv.js';
import { describeValue } from './zod-issues.js';
import { BudgetsFileSchema, PricesFileSchema } from './plan-budgets.schema.js';

/** An integer ≥ `min`, with one plain message for every way to miss it. */
function intAtLeast(min: number, max?: number) {
  const what =
    max !== undefined
      ? `an integer from ${min} to ${max}`
      : min === 1
        ? 'a positive integer'
        : min === 0
          ? 'a non-negative integer'
          : `an integer ≥ ${min}`;
  const error = (iss: { input?: unknown }) =>
    iss.input === undefined ? 'is required' : `must be ${what}; got ${describeValue(iss.input)}`;
  const base = z.number({ error }).int({ error }).min(min, { error });
  return max !== undefined ? base.max(max, { error }) : base;
}

const text = z.string().min(1);
const bool = z.boolean();

/** `auto` or a positive integer. */
const maxTurnsError = (iss: { input?: unknown }) =>
  `must be "auto" or a positive integer; got ${describeValue(iss.input)}`;
const MaxTurnsFileSchema = z.union(
  [z.literal('auto'), z.number().int({ error: maxTurnsError }).positive({ error: maxTurnsError })],
  { error: maxTurnsError },
);

/** Why a file scope is not acceptable, or `undefined`. */
function fileScopeProblem(scope: string): string | undefined {
  if (scope.trim() === '') return 'file scope must not be empty';
  if (scope.startsWith('/') || scope.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(scope)) {
    return `file scope ${JSON.stringify(scope)} is absolute; scopes are relative to the repository`;
  }
  const segments = scope.split(/[\\/]/);
  if (segments.includes('..')) {
    return `file scope ${JSON.stringify(scope)} contains a ".." segment; scopes must stay inside the repository`;
  }
  if (scope.startsWith('~')) {
    return `file scope ${JSON.stringify(scope)} starts with "~" (a home directory); scopes are relative to the repository`;
  }
  const first = segments.find((s) => s !== '.' && s !== '')?.toLowerCase();
  if (first === '.git') {
    return `file scope ${JSON.stringify(scope)} is inside .git/ (hooks, config); agents may not be given it`;
  }
  if (first === '.orchestrator') {
    return `file scope ${JSON.stringify(scope)} is inside .orchestrator/ (wave-executor's own log and state)`;
  }
  return undefined;
}

const FileScopeSchema = z.string().superRefine((scope, ctx) => {
  const problem = fileScopeProblem(scope);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const MissionIdSchema = z.string().regex(MISSION_ID_PATTERN, {
  error: (iss) =>
    `invalid mission id ${describeValue(iss.input)}: must match ${MISSION_ID_PATTERN.source} (e.g. m-1)`,
});

/** A gate command: a string split into argv without a shell, or an argv list as given. */
const GateCommandSchema = z.union(
  [
    z.string().superRefine((command, ctx) => {
      const split = splitCommand(command);
      if (!split.ok) ctx.addIssue({ code: 'custom', message: split.message });
    }),
    z.array(text).min(1),
  ],
  {
    error: (iss) =>
      `must be a command string or a list of argv strings; got ${describeValue(iss.input)}`,
  },
);

/**
 * A `quality-gates` entry: a command (baseline and Full Gate), or `{ command, lite }` where
 * `lite` is the Quality-Lite command, which may use the `{changed}` placeholder.
 */
const GateEntrySchema = z.union(
  [
    GateCommandSchema,
    z.strictObject({ command: GateCommandSchema, lite: GateCommandSchema.optional() }),
  ],
  {
    error: (iss) =>
      `must be a command string, a list of argv strings or { command, lite }; got ${describeValue(iss.input)}`,
  },
);

const NAME = /^[A-Za-z][\w.-]*$/;
const nameSchema = (what: string) =>
  z
    .string()
    .regex(NAME, { error: `${what} names start with a letter and use letters, digits, _ . -` });

/** The plan's `config:` block: Session Config keys that override the repository's. */
const PlanConfigFileSchema = z.strictObject({
  'agents-per-wave': intAtLeast(2).optional(),
  waves: intAtLeast(3).optional(),
  'max-turns': MaxTurnsFileSchema.optional(),
  isolation: IsolationSchema.optional(),
  enforcement: EnforcementSchema.optional(),
  persistence: bool.optional(),
  'grounding-check': bool.optional(),
  'auto-commit-per-wave': bool.optional(),
  'resume-policy': z.enum(['redispatch', 'report-lost']).optional(),
  'agent-timeout-ms': intAtLeast(1).optional(),
  'agent-silence-ms': intAtLeast(1).optional(),
  'gate-timeout-ms': intAtLeast(1).optional(),
  'worker-pool': z
    .strictObject({
      enabled: bool.optional(),
      'max-parallel': intAtLeast(1).optional(),
      'drain-timeout-ms': intAtLeast(0).optional(),
    })
    .optional(),
  'verification-auto-fix': z
    .strictObject({ enabled: bool.optional(), 'max-retries': intAtLeast(0, 10).optional() })
    .optional(),
  'quality-gates': z.record(nameSchema('gate'), GateEntrySchema).optional(),
  supervision: z
    .strictObject({
      'on-loop': z.enum(['observe', 'stop']).optional(),
      'spiral-rule': z.enum(['default', 'reference']).optional(),
      'silence-seconds': intAtLeast(1).optional(),
    })
    .optional(),
  budgets: BudgetsFileSchema.optional(),
  prices: PricesFileSchema.optional(),
  vcs: z.enum(['github', 'gitlab']).optional(),
});

/** A runner entry of `runners:`. */
const RunnerFileSchema = z.strictObject({
  kind: z.enum(['claude', 'codex', 'gemini', 'command']),
  argv: z.array(text).min(1).optional(),
  format: StreamFormatSchema.optional(),
  bin: text.optional(),
  args: z.array(z.string()).optional(),
  env: z.record(z.string(), z.string()).optional(),
  'timeout-ms': intAtLeast(1).optional(),
  model: text.optional(),
});

/** A task (mission) of a wave. */
const TaskFileSchema = z.strictObject({
  id: MissionIdSchema,
  task: text,
  files: z.array(FileScopeSchema).optional(),
  acceptance: z.string().optional(),
  'depends-on': z.array(z.string()).optional(),
  runner: text.optional(),
  'max-turns': intAtLeast(1).optional(),
  'contract-lock': bool.optional(),
  'subagent-type': text.optional(),
});

/** A wave. */
const WaveFileSchema = z.strictObject({
  role: RoleSchema,
  'collision-risk': CollisionRiskSchema.optional(),
  isolation: IsolationSchema.optional(),
  tasks: z.array(TaskFileSchema).optional(),
});

/** The whole plan file. */
export const PlanFileSchema = z.strictObject({
  session: z.strictObject({
    type: SessionTypeSchema,
    intent: text.refine((s) => !s.includes('\n'), { error: 'must be one line' }),
    issues: z.array(intAtLeast(0)).optional(),
    focus: z.string().optional(),
  }),
  config: PlanConfigFileSchema.optional(),
  runners: z.record(nameSchema('runner'), RunnerFileSchema).optional(),
  waves: z.array(WaveFileSchema).min(1, { error: 'must have at least one wave' }),
});

/** The plan file after validation. */
export type PlanFile = z.infer<typeof PlanFileSchema>;
/** The `config:` block after validation. */
export type PlanConfigFile = z.infer<typeof PlanConfigFileSchema>;
/** A runner entry after validation. */
export type RunnerFile = z.infer<typeof RunnerFileSchema>;
