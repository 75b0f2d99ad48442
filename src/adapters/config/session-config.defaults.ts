/**
 * The reference's Session Config defaults (reference-behaviour.md §C) for the keys wave-executor
 * reads, and the parsed-config shape those keys land in.
 */
import type { Enforcement, Isolation } from '../../domain/plan.schema.js';
import type { SupervisionSettings } from './session-config.supervision.js';
import type { Budgets, Prices } from '../../domain/budget/budget.schema.js';

/** An integer setting, plain or with per-session-type overrides (`6 (deep: 18)`). */
export type IntSetting = number | { default: number; overrides: Record<string, number> };

/** Gate names fed by `lint-command`, `typecheck-command`, `test-command`, in run order. */
export const CONFIG_GATE_NAMES = ['lint', 'typecheck', 'test'] as const;
/** One of {@link CONFIG_GATE_NAMES}. */
type ConfigGateName = (typeof CONFIG_GATE_NAMES)[number];

/**
 * The keys a repository's `## Session Config` set explicitly (absent keys are `undefined`, so a
 * later layer can tell "not set" from "set to the default"). A gate command of `null` was
 * disabled with `skip`.
 */
export interface SessionConfig {
  persistence?: boolean;
  enforcement?: Enforcement;
  isolation?: Isolation;
  agentsPerWave?: IntSetting;
  waves?: IntSetting;
  maxTurns?: 'auto' | number;
  groundingCheck?: boolean;
  groundingInjectionMaxFiles?: number;
  resourceAwareness?: boolean;
  heavyRepo?: boolean;
  autoCommitPerWave?: boolean;
  /** `agent-timeout-ms`, `agent-silence-ms`, `gate-timeout-ms` (wave-executor's own keys). */
  agentTimeoutMs?: number;
  agentSilenceMs?: number;
  gateTimeoutMs?: number;
  /** Gate argv per name (`null` = disabled with `skip`). */
  gates: Partial<Record<ConfigGateName, string[] | null>>;
  /** `<gate>-lite-command`: the Quality-Lite argv per name (may hold `{changed}`). */
  liteGates: Partial<Record<ConfigGateName, string[]>>;
  verificationAutoFix: { enabled?: boolean; maxRetries?: number };
  workerPool: { enabled?: boolean; maxParallel?: number; drainTimeoutMs?: number };
  /** `redact-patterns:` — extra regular expressions masked in everything logged. */
  redactPatterns?: string[];
  /** `supervision:` — loop policy, spiral rule, silence limit (session-config.supervision.ts). */
  supervision?: SupervisionSettings;
  /** `budgets:` — spend limits per session, wave and agent run. */
  budgets?: Budgets;
  /** `prices:` — dollars per million tokens per model. */
  prices?: Prices;
  /** `vcs:` — the issue tracker of carry-over issues. */
  vcs?: 'github' | 'gitlab';
}

/**
 * Defaults of the reference for every key above. The reference's gate commands (`npm test`,
 * `npm run typecheck`, `npm run lint`) are listed for completeness but NOT applied: without an
 * explicit command anywhere, wave-executor runs no gate (a repository may have no npm scripts).
 */
export const SESSION_CONFIG_DEFAULTS = {
  persistence: true,
  enforcement: 'warn',
  isolation: 'auto',
  agentsPerWave: 6,
  waves: 5,
  maxTurns: 'auto',
  groundingCheck: true,
  groundingInjectionMaxFiles: 3,
  resourceAwareness: true,
  heavyRepo: false,
  referenceGateCommands: { test: 'npm test', typecheck: 'npm run typecheck', lint: 'npm run lint' },
  verificationAutoFix: { enabled: false, maxRetries: 2 },
  workerPool: { enabled: false, drainTimeoutMs: 10000 },
} as const;

/** The effective value of an integer setting for a session type (`[type] ?? default`). */
export function effectiveInt(setting: IntSetting, sessionType: string): number {
  if (typeof setting === 'number') return setting;
  return setting.overrides[sessionType] ?? setting.default;
}
