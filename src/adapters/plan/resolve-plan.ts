/**
 * Turning a validated plan file plus the repository's Session Config into the {@link ResolvedPlan}
 * that `session.planned` carries. Precedence, lowest first: the reference's defaults, the
 * repository's `## Session Config`, the plan's `config:` (for a markdown plan: the execution-level
 * values of its `### Execution Config`). Quality gates: the plan's `quality-gates` map replaces
 * everything; else the repository's explicit `lint-command`, `typecheck-command`, `test-command`
 * (in that order, `skip` disables one) with their `<gate>-lite-command` (Quality-Lite); else no
 * gates at all.
 */
import {
  ResolvedPlanSchema,
  type QualityGate,
  type ResolvedConfig,
  type ResolvedPlan,
  type RunnerSpec,
} from '../../domain/plan.schema.js';
import { splitCommand } from '../config/command-argv.js';
import {
  CONFIG_GATE_NAMES,
  effectiveInt,
  SESSION_CONFIG_DEFAULTS as D,
  type SessionConfig,
} from '../config/session-config.defaults.js';
import type { PlanConfigFile, PlanFile, RunnerFile } from './plan-file.schema.js';
import { DEFAULT_RUNNER } from './plan-semantics.js';
import { mergeBudgets, resolvePrices } from './plan-budgets.schema.js';

/** Drops keys whose value is `undefined`, so the resolved plan serializes the same everywhere. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

type GateCommandFile = string | readonly string[];

function argvOf(command: GateCommandFile): string[] {
  if (typeof command !== 'string') return [...command];
  const split = splitCommand(command);
  return split.ok ? split.argv : [];
}

function resolveGates(plan: PlanConfigFile, repo: SessionConfig): QualityGate[] {
  const fromPlan = plan['quality-gates'];
  if (fromPlan) {
    return Object.entries(fromPlan).map(([name, entry]) => {
      if (typeof entry === 'string' || Array.isArray(entry)) {
        return { name, argv: argvOf(entry) };
      }
      const { command, lite } = entry;
      return { name, argv: argvOf(command), ...(lite !== undefined ? { lite: argvOf(lite) } : {}) };
    });
  }
  const gates: QualityGate[] = [];
  for (const name of CONFIG_GATE_NAMES) {
    const argv = repo.gates[name];
    const lite = repo.liteGates[name];
    if (argv) gates.push({ name, argv: [...argv], ...(lite ? { lite: [...lite] } : {}) });
  }
  return gates;
}

function seconds(n: number | undefined): number | undefined {
  return n === undefined ? undefined : n * 1000;
}

/**
 * `supervision` of the resolved config: plan over repository, only the keys set (absent when
 * none is). `silence-seconds` resolves into `agentSilenceMs` (`agent-silence-ms` wins on the
 * same level).
 */
function resolveSupervision(
  plan: PlanConfigFile,
  repo: SessionConfig,
): Pick<ResolvedConfig, 'supervision'> {
  const supervision = compact({
    onLoop: plan.supervision?.['on-loop'] ?? repo.supervision?.onLoop,
    spiralRule: plan.supervision?.['spiral-rule'] ?? repo.supervision?.spiralRule,
  });
  return Object.keys(supervision).length > 0 ? { supervision } : {};
}

/** `budgets`, `prices` (merged per model) and `vcs`, present only when set somewhere. */
function budgetKeys(plan: PlanConfigFile, repo: SessionConfig): Partial<ResolvedConfig> {
  const budgets = mergeBudgets(repo.budgets, plan.budgets);
  const prices = { ...repo.prices, ...(plan.prices ? resolvePrices(plan.prices) : {}) };
  const vcs = plan.vcs ?? repo.vcs;
  return compact({
    budgets,
    prices: Object.keys(prices).length > 0 ? prices : undefined,
    vcs,
  });
}

/** Merges defaults < repository Session Config < plan `config:` for a session type. */
function resolveConfig(
  plan: PlanConfigFile,
  repo: SessionConfig,
  sessionType: string,
): ResolvedConfig {
  const pool = plan['worker-pool'] ?? {};
  const fix = plan['verification-auto-fix'] ?? {};
  return {
    persistence: plan.persistence ?? repo.persistence ?? D.persistence,
    enforcement: plan.enforcement ?? repo.enforcement ?? D.enforcement,
    isolation: plan.isolation ?? repo.isolation ?? D.isolation,
    agentsPerWave:
      plan['agents-per-wave'] ??
      (repo.agentsPerWave !== undefined
        ? effectiveInt(repo.agentsPerWave, sessionType)
        : D.agentsPerWave),
    waves:
      plan.waves ?? (repo.waves !== undefined ? effectiveInt(repo.waves, sessionType) : D.waves),
    maxTurns: plan['max-turns'] ?? repo.maxTurns ?? D.maxTurns,
    qualityGates: resolveGates(plan, repo),
    verificationAutoFix: {
      enabled: fix.enabled ?? repo.verificationAutoFix.enabled ?? D.verificationAutoFix.enabled,
      maxRetries:
        fix['max-retries'] ??
        repo.verificationAutoFix.maxRetries ??
        D.verificationAutoFix.maxRetries,
    },
    workerPool: compact({
      maxParallel: pool['max-parallel'] ?? repo.workerPool.maxParallel,
      drainTimeoutMs:
        pool['drain-timeout-ms'] ?? repo.workerPool.drainTimeoutMs ?? D.workerPool.drainTimeoutMs,
    }),
    groundingCheck: plan['grounding-check'] ?? repo.groundingCheck ?? D.groundingCheck,
    resumePolicy: plan['resume-policy'] ?? 'redispatch',
    ...(repo.redactPatterns?.length ? { redactPatterns: repo.redactPatterns } : {}),
    ...resolveSupervision(plan, repo),
    ...budgetKeys(plan, repo),
    ...compact({
      agentTimeoutMs: plan['agent-timeout-ms'] ?? repo.agentTimeoutMs,
      agentSilenceMs:
        plan['agent-silence-ms'] ??
        seconds(plan.supervision?.['silence-seconds']) ??
        repo.agentSilenceMs ??
        seconds(repo.supervision?.silenceSeconds),
      gateTimeoutMs: plan['gate-timeout-ms'] ?? repo.gateTimeoutMs,
      autoCommitPerWave: plan['auto-commit-per-wave'] ?? repo.autoCommitPerWave,
    }),
  };
}

function resolveRunner(spec: RunnerFile): RunnerSpec {
  return compact({
    kind: spec.kind,
    argv: spec.argv,
    format: spec.format,
    bin: spec.bin,
    args: spec.args ?? [],
    env: spec.env ?? {},
    timeoutMs: spec['timeout-ms'],
    model: spec.model,
  });
}

/**
 * The resolved plan of a validated plan file. Without `runners`, the plan has one runner,
 * `default: { kind: claude }`.
 */
export function resolvePlan(plan: PlanFile, repo: SessionConfig): ResolvedPlan {
  const runners: Record<string, RunnerSpec> = {};
  for (const [name, spec] of Object.entries(
    plan.runners ?? { [DEFAULT_RUNNER]: { kind: 'claude' } },
  )) {
    runners[name] = resolveRunner(spec);
  }
  return ResolvedPlanSchema.parse({
    session: compact({
      type: plan.session.type,
      intent: plan.session.intent,
      issues: plan.session.issues ?? [],
      focus: plan.session.focus,
    }),
    config: resolveConfig(plan.config ?? {}, repo, plan.session.type),
    runners,
    waves: plan.waves.map((wave, i) =>
      compact({
        wave: i + 1,
        role: wave.role,
        collisionRisk: wave['collision-risk'],
        isolation: wave.isolation,
        tasks: (wave.tasks ?? []).map((task) =>
          compact({
            id: task.id,
            task: task.task,
            files: task.files ?? [],
            acceptance: task.acceptance ?? '',
            dependsOn: task['depends-on'] ?? [],
            runner: task.runner ?? DEFAULT_RUNNER,
            maxTurns: task['max-turns'],
            contractLock: task['contract-lock'] ?? false,
            subagentType: task['subagent-type'],
          }),
        ),
      }),
    ),
  });
}
