/**
 * Isolation and enforcement resolution of a wave (reference §F1). Pure functions: no I/O, so the
 * runtime can resolve a wave before `wave.started` and replay never needs them.
 */
import {
  CollisionRiskSchema,
  EnforcementSchema,
  IsolationSchema,
  SessionTypeSchema,
  type CollisionRisk,
  type Enforcement,
  type Isolation,
  type SessionType,
} from './plan.schema.js';

/** Isolation a wave actually runs with. */
export type ResolvedIsolation = Exclude<Isolation, 'auto'>;

/** Input of {@link resolveIsolation}. */
export interface IsolationInput {
  /** Agents planned for the wave (integer ≥ 1). */
  readonly agentCount: number;
  readonly sessionType: SessionType;
  /** Default `low`. */
  readonly collisionRisk?: CollisionRisk;
  /** Session Config `isolation` (or the wave's plan header); default `auto`. */
  readonly configIsolation?: Isolation;
  /**
   * True when some agent's file scope names a path whose parent directory does not exist yet:
   * a worktree merge-back would drop the new directory.
   */
  readonly newDirectory?: boolean;
}

/** Why the isolation was chosen, for the log and the deviation list. */
export type IsolationReason =
  | 'config'
  | 'new-directory'
  | 'collision-risk-high'
  | 'few-agents'
  | 'many-agents'
  | 'housekeeping-mid-size'
  | 'mid-size';

/** Outcome of {@link resolveIsolation}. */
export interface IsolationDecision {
  readonly isolation: ResolvedIsolation;
  readonly reason: IsolationReason;
  /** Set when an explicit `worktree` is honoured although a new directory is planned. */
  readonly warning?: string;
}

function assertOneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new TypeError(
      `${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`,
    );
  }
  return value as T;
}

/**
 * Resolves a wave's isolation (§F1): config `worktree`/`none` win; with `auto`, a planned new
 * directory forces `none`; then collision risk `high` ⇒ worktree; ≤2 agents ⇒ none; ≥5 ⇒
 * worktree; 3–4 ⇒ none for housekeeping, worktree for feature/deep.
 * @throws TypeError on a non-integer or < 1 `agentCount` or an unknown enum value.
 */
export function resolveIsolation(input: IsolationInput): IsolationDecision {
  const { agentCount, newDirectory = false } = input;
  if (!Number.isInteger(agentCount) || agentCount < 1) {
    throw new TypeError(`agentCount must be an integer >= 1, got ${JSON.stringify(agentCount)}`);
  }
  const sessionType = assertOneOf('sessionType', input.sessionType, SessionTypeSchema.options);
  const collisionRisk = assertOneOf(
    'collisionRisk',
    input.collisionRisk ?? 'low',
    CollisionRiskSchema.options,
  );
  const config = assertOneOf(
    'configIsolation',
    input.configIsolation ?? 'auto',
    IsolationSchema.options,
  );

  if (config === 'none') return { isolation: 'none', reason: 'config' };
  if (config === 'worktree') {
    if (!newDirectory) return { isolation: 'worktree', reason: 'config' };
    return {
      isolation: 'worktree',
      reason: 'config',
      warning:
        'isolation: worktree is configured but an agent creates a new directory; worktree merge-back may drop it',
    };
  }
  if (newDirectory) return { isolation: 'none', reason: 'new-directory' };
  if (collisionRisk === 'high') return { isolation: 'worktree', reason: 'collision-risk-high' };
  if (agentCount <= 2) return { isolation: 'none', reason: 'few-agents' };
  if (agentCount >= 5) return { isolation: 'worktree', reason: 'many-agents' };
  return sessionType === 'housekeeping'
    ? { isolation: 'none', reason: 'housekeeping-mid-size' }
    : { isolation: 'worktree', reason: 'mid-size' };
}

/** Input of {@link resolveEnforcement}. */
export interface EnforcementInput {
  readonly isolation: ResolvedIsolation;
  /** Session Config `enforcement`; default `warn`. */
  readonly configEnforcement?: Enforcement;
}

/**
 * Resolves scope enforcement (§F1): in a worktree the configured value holds; in the shared
 * directory (`none`) `warn` is promoted to `strict`, `strict` and `off` are kept.
 * @throws TypeError on an unknown isolation or enforcement value.
 */
export function resolveEnforcement(input: EnforcementInput): Enforcement {
  const isolation = assertOneOf('isolation', input.isolation, ['worktree', 'none'] as const);
  const config = assertOneOf(
    'configEnforcement',
    input.configEnforcement ?? 'warn',
    EnforcementSchema.options,
  );
  if (isolation === 'none' && config === 'warn') return 'strict';
  return config;
}
