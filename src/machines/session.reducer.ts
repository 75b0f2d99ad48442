/**
 * The decisions of the session machine as pure functions over an immer draft of its context:
 * plan approval, mission status fire points, carry-over between waves, spiral escalation and the
 * end-of-session bookkeeping.
 */
import { newEvent, type EventOf } from '../events.js';
import { autoMaxTurns, type ResolvedPlan, type Role, type Task } from '../domain/plan.schema.js';
import type { MissionStatus } from '../domain/status.js';
import { resolveEnforcement, resolveIsolation } from '../domain/isolation.js';
import type { Intent } from './intents.js';
import { MISSION_EDGES } from './mission.machine.js';
import type { WaveTask } from './wave.logic.js';
import type { WaveInput } from './wave.reducer.js';

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
  pendingDecision: string | null;
  decisionSeq: number;
  /** Input of the wave being started (read by the coordinator on wave.started). */
  waveInput: WaveInput | null;
  /** Plan tasks by id. */
  taskIndex: Record<string, Task>;
}

type Ctx = SessionContext;

/** Roles whose waves run the quality gates. */
const GATED: ReadonlySet<Role> = new Set<Role>(['Impl-Core', 'Impl-Polish', 'Quality']);

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
    pendingDecision: null,
    decisionSeq: 0,
    waveInput: null,
    taskIndex: {},
  };
}

/** Proposes a mission transition if it is a legal edge (illegal ones are never proposed). */
function mission(ctx: Ctx, id: string, to: MissionStatus, reason: string): Intent[] {
  const from = ctx.missions[id];
  if (from === undefined) return [];
  if (!MISSION_EDGES.some(([a, b]) => a === from && b === to)) return [];
  ctx.missions[id] = to;
  return [{ kind: 'append', event: newEvent('mission.status_changed', { id, from, to, reason }) }];
}

function ask(ctx: Ctx, kind: string, prompt: string, options: string[], dflt: string): Intent[] {
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

/** session.started: files dirty before the session are not its work. */
export function onStarted(ctx: Ctx, e: EventOf<'session.started'>): void {
  ctx.knownChanged = [...(e.data.dirtyFiles ?? [])];
}

/** session.planned: keep the plan, seed missions, ask for approval. */
export function onPlanned(ctx: Ctx, e: EventOf<'session.planned'>): Intent[] {
  ctx.plan = e.data.plan;
  ctx.taskIndex = {};
  for (const w of e.data.plan.waves) for (const t of w.tasks) ctx.taskIndex[t.id] = t;
  ctx.phase = 'approving';
  for (const w of e.data.plan.waves) for (const t of w.tasks) ctx.missions[t.id] = 'brainstormed';
  const n = Object.keys(ctx.missions).length;
  return ask(
    ctx,
    'approve-plan',
    `Approve the plan (${e.data.plan.waves.length} waves, ${n} tasks) and start?`,
    ['approve', 'abort'],
    'approve',
  );
}

/** decision.made: approval, escalations. */
export function onDecision(ctx: Ctx, e: EventOf<'decision.made'>): Intent[] {
  if (e.data.id !== ctx.pendingDecision) return [];
  ctx.pendingDecision = null;
  if (e.data.id.endsWith('-approve-plan')) {
    if (e.data.answer === 'approve')
      return [{ kind: 'append', event: newEvent('session.approved', { by: e.data.by }) }];
    return [
      {
        kind: 'append',
        event: newEvent('session.aborted', { cause: 'decision', reason: 'plan not approved' }),
      },
    ];
  }
  if (e.data.answer === 'abort') {
    return [
      {
        kind: 'append',
        event: newEvent('session.aborted', {
          cause: 'decision',
          reason: `operator chose abort (${e.data.id})`,
        }),
      },
    ];
  }
  return ctx.waveDone ? advance(ctx) : [];
}

/** session.approved: every mission validated, then wave 1. */
export function onApproved(ctx: Ctx): Intent[] {
  ctx.phase = 'running';
  const out: Intent[] = [];
  for (const id of Object.keys(ctx.missions))
    out.push(...mission(ctx, id, 'validated', 'plan approved (/go)'));
  ctx.waveIndex = -1;
  return [...out, ...advance(ctx)];
}

function plan(ctx: Ctx): ResolvedPlan {
  return ctx.plan as ResolvedPlan;
}

/** Starts the next wave, or ends the session after the last one. */
function advance(ctx: Ctx): Intent[] {
  ctx.waveIndex += 1;
  ctx.waveDone = false;
  ctx.doneThisWave = [];
  const p = plan(ctx);
  const w = p.waves[ctx.waveIndex];
  if (!w) return finish(ctx);
  const tasks: WaveTask[] = [
    ...(ctx.carry as WaveTask[]),
    ...w.tasks.map((task) => ({ task, reason: 'planned' as const })),
  ];
  ctx.carry = [];
  if (tasks.length === 0) {
    ctx.waveInput = null;
    return [
      {
        kind: 'append',
        event: newEvent('wave.skipped', { wave: w.wave, role: w.role, reason: 'no tasks' }),
      },
    ];
  }
  const cfg = p.config;
  const resolved = resolveIsolation({
    agentCount: tasks.length,
    sessionType: p.session.type,
    collisionRisk: w.collisionRisk ?? 'low',
    configIsolation: w.isolation ?? cfg.isolation,
  });
  // Worktree isolation is resolved as the reference does, but not executed yet: like the
  // reference's fallback when a worktree cannot be created, agents share the working tree, the
  // enforcement follows the shared tree, and a deviation says so.
  const isolation = 'none' as const;
  const fallback: Intent[] =
    resolved.isolation === 'worktree'
      ? [
          {
            kind: 'append',
            event: newEvent('deviation.recorded', {
              wave: w.wave,
              kind: 'D6',
              message: `Wave ${w.wave}: isolation resolved to worktree (${resolved.reason}); worktrees are not supported yet, so the ${tasks.length} agents share the working tree with strict scope enforcement.`,
            }),
          },
        ]
      : [];
  const enforcement = resolveEnforcement({ isolation, configEnforcement: cfg.enforcement });
  const files = [...new Set(tasks.flatMap((t) => t.task.files))].sort();
  const allowedPaths = w.role === 'Discovery' ? [] : files;
  ctx.waveInput = {
    wave: w.wave,
    role: w.role,
    tasks,
    attempts: { ...ctx.attempts },
    defaultMaxTurns: cfg.maxTurns === 'auto' ? autoMaxTurns(p.session.type) : cfg.maxTurns,
    gates: GATED.has(w.role) ? cfg.qualityGates.map((g) => g.name) : [],
    autoFix: { ...cfg.verificationAutoFix },
    knownChanged: [...ctx.knownChanged],
  };
  return [
    {
      kind: 'append',
      event: newEvent('wave.started', {
        wave: w.wave,
        role: w.role,
        isolation,
        enforcement,
        taskIds: tasks.map((t) => t.task.id),
        plannedFiles: w.role === 'Discovery' ? 0 : files.length,
        allowedPaths,
      }),
    },
    ...fallback,
  ];
}

/** wave.started: the Quality wave moves finished implementation work to `testing`. */
export function onWaveStarted(ctx: Ctx, e: EventOf<'wave.started'>): Intent[] {
  if (e.data.role !== 'Quality') return [];
  const out: Intent[] = [];
  for (const id of ctx.awaitingQuality)
    out.push(...mission(ctx, id, 'testing', `Quality wave ${e.data.wave} began`));
  return out;
}

/** agent.dispatched: attempts, and `in-dev` for a validated mission. */
export function onAgentDispatched(ctx: Ctx, e: EventOf<'agent.dispatched'>): Intent[] {
  ctx.attempts[e.data.taskId] = Math.max(ctx.attempts[e.data.taskId] ?? 0, e.data.attempt);
  if (e.data.reason === 'fix') return [];
  return mission(ctx, e.data.taskId, 'in-dev', `agent ${e.data.agentId} dispatched`);
}

function laterQualityWave(ctx: Ctx): boolean {
  return plan(ctx).waves.some((w, i) => i > ctx.waveIndex && w.role === 'Quality');
}

function taskOf(ctx: Ctx, id: string) {
  return ctx.taskIndex[id];
}

/** wave.reviewed: decide carry-over, fix tasks and escalations. */
export function onReviewed(ctx: Ctx, e: EventOf<'wave.reviewed'>): Intent[] {
  const out: Intent[] = [];
  const next = plan(ctx).waves[ctx.waveIndex + 1];
  const whereTo = next ? `wave ${next.wave} (${next.role})` : 'the next session (no waves left)';
  const dev = (message: string) =>
    out.push({
      kind: 'append',
      event: newEvent('deviation.recorded', { wave: e.data.wave, kind: 'D6', message }),
    });
  for (const a of e.data.agents) {
    const task = taskOf(ctx, a.taskId);
    if (!task) continue;
    if (a.status === 'done') {
      if (laterQualityWave(ctx)) ctx.awaitingQuality.push(a.taskId);
      else ctx.doneThisWave.push(a.taskId);
      continue;
    }
    if (a.status === 'partial' || a.status === 'stagnant') {
      ctx.carry.push({ task, reason: 'carryover', remaining: a.remaining ?? a.note });
      dev(
        `Wave ${e.data.wave}: task ${a.taskId} ended ${a.status}; its REMAINING work is carried into ${whereTo}.`,
      );
      continue;
    }
    const file = a.filesChanged[0] ?? task.files[0] ?? null;
    ctx.failures.push({
      taskId: a.taskId,
      description: a.description,
      status: a.status,
      note: a.note,
      file,
    });
    if (a.status === 'spiral') {
      const n = (ctx.spirals[a.taskId] ?? 0) + 1;
      ctx.spirals[a.taskId] = n;
      if (n >= 2) {
        dev(`Wave ${e.data.wave}: task ${a.taskId} spiralled twice; escalated to the operator.`);
        out.push(
          ...ask(
            ctx,
            'spiral-escalation',
            `Task ${a.taskId} spiralled twice. Carry it over to a later session, or abort?`,
            ['carry-over', 'abort'],
            'carry-over',
          ),
        );
        continue;
      }
      ctx.carry.push({
        task,
        reason: 'carryover',
        remaining: `Your previous attempt spiralled (${a.note}). Narrow your scope to one file or function and finish the task.`,
      });
      dev(
        `Wave ${e.data.wave}: task ${a.taskId} spiralled; re-dispatched with a narrowed scope into ${whereTo}.`,
      );
      continue;
    }
    ctx.carry.push({
      task,
      reason: 'fix',
      errorContext: `Previous attempt ended ${a.status}: ${a.note}`,
    });
    dev(
      `Wave ${e.data.wave}: task ${a.taskId} ended ${a.status}; a fix task with its error context goes into ${whereTo}.`,
    );
  }
  return out;
}

/** wave.inspected: remember the on-disk change set. */
export function onInspected(ctx: Ctx, e: EventOf<'wave.inspected'>): void {
  ctx.knownChanged = [...e.data.changedFiles];
}

/** wave.completed / wave.skipped: missions of the wave, then the next wave. */
export function onWaveEnded(
  ctx: Ctx,
  e: EventOf<'wave.completed'> | EventOf<'wave.skipped'>,
): Intent[] {
  const out: Intent[] = [];
  if (e.type === 'wave.completed' && e.data.quality !== 'fail') {
    const why = `wave ${e.data.wave} completed (gate ${e.data.quality})`;
    for (const id of ctx.doneThisWave)
      out.push(...mission(ctx, id, 'testing', why), ...mission(ctx, id, 'completed', why));
    // No gate configured (`skip`) counts as green: the wave completed with nothing red.
    if (e.data.role === 'Quality') {
      const green =
        e.data.quality === 'pass'
          ? `Quality gate of wave ${e.data.wave} green`
          : `Quality wave ${e.data.wave} completed (no gate)`;
      for (const id of ctx.awaitingQuality) out.push(...mission(ctx, id, 'completed', green));
      ctx.awaitingQuality = [];
    }
  }
  ctx.waveDone = true;
  if (ctx.pendingDecision) return out;
  return [...out, ...advance(ctx)];
}

/** gate.exhausted: the wave is blocked; the session stops (exit 3). */
export function onGateExhausted(_ctx: Ctx, e: EventOf<'gate.exhausted'>): Intent[] {
  return [
    {
      kind: 'append',
      event: newEvent('session.aborted', {
        cause: 'gate-exhausted',
        reason: `wave ${e.data.wave}: gate ${e.data.gate} still failing after ${e.data.attempts} attempt(s)`,
      }),
    },
  ];
}

function finish(ctx: Ctx): Intent[] {
  const out: Intent[] = [];
  for (const f of ctx.failures) {
    const evidence = f.file ? ` (evidence: ${f.file})` : '';
    out.push({
      kind: 'append',
      event: newEvent('what_not_to_retry.recorded', {
        approach: `${f.description} (${f.taskId})`,
        why: `${f.status.toUpperCase()} — ${f.note}${evidence}`,
      }),
    });
  }
  const allDone = Object.values(ctx.missions).every((s) => s === 'completed');
  const outcome = allDone && ctx.carry.length === 0 ? 'success' : 'carryover';
  out.push({ kind: 'append', event: newEvent('session.completed', { outcome }) });
  return out;
}
