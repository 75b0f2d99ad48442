/**
 * Isolation and enforcement resolution of the reference (§F1), as pure functions shared by the
 * machines (which record the result in `wave.started`) and the actors.
 */
import type { CollisionRisk, Enforcement, Isolation, SessionType } from './plan.schema.js';

/** Inputs of {@link resolveIsolation}. */
export interface IsolationInput {
  agentCount: number;
  sessionType: SessionType;
  collisionRisk?: CollisionRisk;
  configIsolation?: Isolation;
  /** True when some agent's file scope has a parent directory that does not exist yet. */
  newDirectory?: boolean;
}

/** Resolves `auto` isolation: config wins, then collision risk, agent count and session type. */
export function resolveIsolation(input: IsolationInput): 'worktree' | 'none' {
  const { agentCount, sessionType, collisionRisk = 'low', configIsolation = 'auto' } = input;
  if (!Number.isInteger(agentCount) || agentCount < 1) {
    throw new TypeError(`agentCount must be a positive integer, got ${agentCount}`);
  }
  if (configIsolation === 'worktree' || configIsolation === 'none') return configIsolation;
  // Worktree merge-back drops new directories: a new directory forces the shared tree.
  if (input.newDirectory) return 'none';
  if (collisionRisk === 'high') return 'worktree';
  if (agentCount <= 2) return 'none';
  if (agentCount >= 5) return 'worktree';
  return sessionType === 'housekeeping' ? 'none' : 'worktree';
}

/** Resolves enforcement: with a shared tree (`none`), `warn` is promoted to `strict`. */
export function resolveEnforcement(input: {
  isolation: 'worktree' | 'none';
  configEnforcement?: Enforcement;
}): Enforcement {
  const configured = input.configEnforcement ?? 'warn';
  if (input.isolation === 'worktree') return configured;
  return configured === 'warn' ? 'strict' : configured;
}
