/**
 * The session machine's context and the folds of logged facts into it. The lifecycle (planning,
 * approving, waving, escalating …) is the chart's state; mission status lives in the mission
 * actors and each wave's progress in its wave actor; this context keeps what the session itself
 * learned: the plan, carried work, failures, spirals. Pure, no I/O, no clock.
 */
import type { BaselineGateState } from '../domain/gate-blame.js';
import type { BudgetTripped } from './session.budget.js';
import type { ActorRefFrom } from 'xstate';
import type { DomainEvent, EventOf } from '../events.js';
import type { ResolvedPlan, Role, Task } from '../domain/plan.schema.js';
import type { missionMachine } from './mission.machine.js';
import type { waveMachine } from './wave.machine.js';
import type { WaveTask } from './wave.logic.js';
import type { WaveInput } from './wave.context.js';

/** A failed or spiralled run remembered for What Not To Retry. */
export interface FailureNote {
  taskId: string;
  description: string;
  status: string;
  note: string;
  file: string | null;
}

/** The actor of one mission (a child of the session). */
type MissionRef = ActorRefFrom<typeof missionMachine>;
/** The actor of one wave (a child of the session). */
type WaveRef = ActorRefFrom<typeof waveMachine>;

/** Context of the session machine. */
export interface SessionContext {
  plan: ResolvedPlan | null;
  /** Plan tasks by id. */
  taskIndex: Record<string, Task>;
  /** The mission actor of every plan task. */
  missions: Record<string, MissionRef>;
  /** Decisions changed on purpose that are in force for this session. */
  patches: string[];
  /** The repository the session works in (session.started). */
  repo: string;
  /** Index in the plan of the wave begun last (-1 before the first). */
  waveIndex: number;
  /** The input of the wave begun last (null when it had no task to run). */
  waveInput: WaveInput | null;
  /** The wave actors, by wave number. */
  waves: Record<number, WaveRef>;
  attempts: Record<string, number>;
  /** Work carried into the next wave. */
  carry: WaveTask[];
  /** Tasks done in an implementation wave, waiting for the Quality wave. */
  awaitingQuality: string[];
  /** Tasks whose agent was done in the current wave (completed when the wave completes). */
  doneThisWave: string[];
  spirals: Record<string, number>;
  knownChanged: string[];
  failures: FailureNote[];
  /** Tasks given up on in this session (a second spiral): their dependents wait. */
  dropped: string[];
  /** Session questions asked so far (numbers their ids). */
  decisionSeq: number;
  /** The id of the session question waiting for its answer. */
  openDecision: string | null;
  /** Budget scopes that tripped (proposed or logged): each trips once. */
  budgetTrips: string[];
  /** The gates' state at session start (`gate.baseline_recorded`), when a baseline ran. */
  baseline: BaselineGateState[] | null;
}

/** Roles whose waves run the quality gates. */
export const GATED: ReadonlySet<Role> = new Set<Role>(['Impl-Core', 'Impl-Polish', 'Quality']);

/** Initial context. */
export function initialSessionContext(): SessionContext {
  return {
    plan: null,
    taskIndex: {},
    missions: {},
    patches: [],
    repo: '',
    waveIndex: -1,
    waveInput: null,
    waves: {},
    attempts: {},
    carry: [],
    awaitingQuality: [],
    doneThisWave: [],
    spirals: {},
    knownChanged: [],
    failures: [],
    dropped: [],
    decisionSeq: 0,
    openDecision: null,
    budgetTrips: [],
    baseline: null,
  };
}

/** The plan (set by session.planned). */
export function planOf(ctx: Pick<SessionContext, 'plan'>): ResolvedPlan {
  return ctx.plan as ResolvedPlan;
}

/** Folds session.started: files dirty before the session are not its work; patches in force. */
export function recordStart(ctx: SessionContext, e: EventOf<'session.started'>): void {
  ctx.knownChanged = [...(e.data.dirtyFiles ?? [])];
  ctx.patches = [...(e.data.patches ?? [])];
  ctx.repo = e.data.repo;
}

/** Folds decision.requested of a session question (`d-<n>-<kind>`): it waits for its answer. */
export function recordQuestion(ctx: SessionContext, e: EventOf<'decision.requested'>): void {
  const m = /^d-(\d+)-/.exec(e.data.id);
  if (!m) return;
  ctx.decisionSeq = Math.max(ctx.decisionSeq, Number(m[1]));
  ctx.openDecision = e.data.id;
}

/** Folds agent.dispatched: the task's attempts. */
export function recordDispatch(ctx: SessionContext, e: EventOf<'agent.dispatched'>): void {
  ctx.attempts[e.data.taskId] = Math.max(ctx.attempts[e.data.taskId] ?? 0, e.data.attempt);
}

/** Events the session machine acts on. */
export type SessionMachineEvent =
  | Extract<
      DomainEvent,
      {
        type:
          | 'session.started'
          | 'session.planned'
          | 'session.approved'
          | 'session.completed'
          | 'session.aborted'
          | 'decision.requested'
          | 'decision.made'
          | 'agent.dispatched'
          | 'wave.started'
          | 'wave.reviewed'
          | 'wave.inspected'
          | 'wave.completed'
          | 'wave.skipped'
          | 'gate.exhausted'
          | 'gate.baseline_recorded'
          | 'budget.exceeded';
      }
    >
  | BudgetTripped;
