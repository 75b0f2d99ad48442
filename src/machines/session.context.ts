/**
 * The session machine's context and the intents its handlers share: a legal mission transition,
 * a question for the operator. Pure, no I/O, no clock.
 */
import { newEvent } from '../events.js';
import type { ResolvedPlan, Role, Task } from '../domain/plan.schema.js';
import type { MissionStatus } from '../domain/status.js';
import type { Intent } from './intents.js';
import { MISSION_EDGES } from './mission.machine.js';
import type { WaveTask } from './wave.logic.js';
import type { WaveInput } from './wave.context.js';

/** Phases of a session; each is a state of the session machine. */
export type SessionPhase = 'idle' | 'planning' | 'approving' | 'running' | 'completed' | 'aborted';

/** A failed or spiralled run remembered for What Not To Retry. */
export interface FailureNote {
  taskId: string;
  description: string;
  status: string;
  note: string;
  file: string | null;
}

/** Context of the session machine. */
export interface SessionContext {
  phase: SessionPhase;
  plan: ResolvedPlan | null;
  waveIndex: number;
  waveDone: boolean;
  attempts: Record<string, number>;
  carry: WaveTask[];
  missions: Record<string, MissionStatus>;
  /** Tasks done in an implementation wave, waiting for the Quality wave. */
  awaitingQuality: string[];
  /** Tasks whose agent was done in the current wave (completed when the wave completes). */
  doneThisWave: string[];
  spirals: Record<string, number>;
  knownChanged: string[];
  failures: FailureNote[];
  /** Tasks given up on in this session (a second spiral): their dependents wait. */
  dropped: string[];
  pendingDecision: string | null;
  decisionSeq: number;
  /** Input of the wave being started (read by the coordinator on wave.started). */
  waveInput: WaveInput | null;
  /** Plan tasks by id. */
  taskIndex: Record<string, Task>;
}

/** The context a handler mutates. */
export type Ctx = SessionContext;

/** Roles whose waves run the quality gates. */
export const GATED: ReadonlySet<Role> = new Set<Role>(['Impl-Core', 'Impl-Polish', 'Quality']);

/** Initial context. */
export function initialSessionContext(): SessionContext {
  return {
    phase: 'idle',
    plan: null,
    waveIndex: -1,
    waveDone: false,
    attempts: {},
    carry: [],
    missions: {},
    awaitingQuality: [],
    doneThisWave: [],
    spirals: {},
    knownChanged: [],
    failures: [],
    dropped: [],
    pendingDecision: null,
    decisionSeq: 0,
    waveInput: null,
    taskIndex: {},
  };
}

/** Proposes a mission transition if it is a legal edge (illegal ones are never proposed). */
export function mission(ctx: Ctx, id: string, to: MissionStatus, reason: string): Intent[] {
  const from = ctx.missions[id];
  if (from === undefined) return [];
  if (!MISSION_EDGES.some(([a, b]) => a === from && b === to)) return [];
  ctx.missions[id] = to;
  return [{ kind: 'append', event: newEvent('mission.status_changed', { id, from, to, reason }) }];
}

/** Asks the operator (or the default policy) a question. */
export function ask(
  ctx: Ctx,
  kind: string,
  prompt: string,
  options: string[],
  dflt: string,
): Intent[] {
  ctx.decisionSeq += 1;
  const id = `d-${ctx.decisionSeq}-${kind}`;
  ctx.pendingDecision = id;
  return [
    {
      kind: 'append',
      event: newEvent('decision.requested', { id, kind, prompt, options, default: dflt }),
    },
    {
      kind: 'effect',
      effect: { kind: 'ask', key: `ask:${id}`, id, prompt, options, default: dflt },
    },
  ];
}

/** The plan (set by session.planned). */
export function plan(ctx: Ctx): ResolvedPlan {
  return ctx.plan as ResolvedPlan;
}
