/** The plain data types of the STATE.md view (what its getters return). */
import type { Platform } from '../../domain/plan.schema.js';
import type { MissionRegistry } from './mission.registry.js';

/** The read side of the mission registry. */
export type MissionReader = Pick<
  MissionRegistry,
  'frontmatterBlocks' | 'bodyBlocks' | 'statusOf' | 'planned'
>;

/** What `session.started` tells STATE.md. */
export interface SessionInfo {
  readonly sessionType: string;
  readonly branch: string;
  readonly issues: readonly number[];
  readonly startedAt: string;
  readonly semanticId: string;
  readonly headRef: string | null;
  readonly platform: Platform;
}

/** A planned wave: role and task count (for the Current Wave banner). */
export interface PlannedWave {
  readonly wave: number;
  readonly role: string;
  readonly tasks: number;
}

/** Why the session is not running: paused by the operator, or aborted (waits on the operator). */
export type Halt =
  | { readonly kind: 'paused'; readonly reason: string }
  | { readonly kind: 'aborted'; readonly cause: string; readonly reason: string };

/** The frozen scope baseline. */
export interface Baseline {
  readonly intent: string;
  readonly ownerBoundary: string;
  readonly plannedFiles: number;
  readonly frozenAt: string;
}

/** Frontmatter `status` values this projection writes. */
export type SessionStatus = 'active' | 'paused' | 'completed';
