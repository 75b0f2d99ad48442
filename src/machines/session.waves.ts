/**
 * Wave sequencing of the session: which tasks the next wave runs (and which wait for a
 * dependency), the wave's input, and the end of the session after the last one with its What Not
 * To Retry entries and outcome. `nextWaveOf` is pure over the context before the wave begins, so
 * the decision (what to propose) and the fold (what the session now holds) agree. Pure.
 */
import { newEvent } from '../events.js';
import { autoMaxTurns } from '../domain/plan.schema.js';
import { resolveEnforcement, resolveIsolation } from '../domain/isolation.js';
import type { Intent } from './intents.js';
import { patched } from './patches.js';
import { supervisionPolicy } from '../domain/supervision/supervision-policy.js';
import { GATED, planOf, type FailureNote, type SessionContext } from './session.context.js';
import type { MissionMoves } from './session.missions.js';
import { deviation } from './wave.decide.js';
import type { WaveTask } from './wave.logic.js';
import type { WaveInput } from './wave.context.js';
import type { WaveRails } from './wave.rails.js';
import { waveAllowedPaths } from '../domain/wave-scope.build.js';
import { gateKindAfterWave } from '../domain/gate-kinds.js';
import type { Enforcement } from '../domain/plan.schema.js';

type Ctx = Readonly<SessionContext>;

/** The next wave as the session will begin it. */
interface NextWave {
  index: number;
  input: WaveInput | null;
  held: WaveTask[];
  holds: Array<{ taskId: string; blocker: string }>;
}

/** True when the wave begun last was the plan's last. */
export function noWaveLeft(ctx: Ctx): boolean {
  return ctx.plan !== null && ctx.waveIndex + 1 >= planOf(ctx).waves.length;
}

/** Splits the next wave's candidates into runnable ones and ones held back by a dependency. */
function nextWaveOf(ctx: Ctx): NextWave {
  const index = ctx.waveIndex + 1;
  const p = planOf(ctx);
  const w = p.waves[index];
  if (!w) return { index, input: null, held: [], holds: [] };
  const candidates: WaveTask[] = [
    ...ctx.carry,
    ...w.tasks.map((task) => ({ task, reason: 'planned' as const })),
  ];
  // Carried tasks are not done yet, even if they run now; nor are escalated or brainstormed ones.
  const waiting = new Set<string>(ctx.carry.map((t) => t.task.id));
  for (const id of ctx.dropped) waiting.add(id);
  for (const [id, ref] of Object.entries(ctx.missions)) {
    if (ref.getSnapshot().value === 'brainstormed') waiting.add(id);
  }
  const tasks: WaveTask[] = [];
  const held: WaveTask[] = [];
  const holds: NextWave['holds'] = [];
  for (const t of candidates) {
    const blocker = t.task.dependsOn.find((d) => waiting.has(d));
    if (blocker === undefined) {
      tasks.push(t);
      continue;
    }
    held.push(t);
    waiting.add(t.task.id);
    holds.push({ taskId: t.task.id, blocker });
  }
  if (tasks.length === 0) return { index, input: null, held, holds };
  const cfg = p.config;
  return {
    index,
    held,
    holds,
    input: {
      wave: w.wave,
      role: w.role,
      tasks,
      attempts: { ...ctx.attempts },
      defaultMaxTurns: cfg.maxTurns === 'auto' ? autoMaxTurns(p.session.type) : cfg.maxTurns,
      gates: GATED.has(w.role) ? cfg.qualityGates.map((g) => g.name) : [],
      autoFix: { ...cfg.verificationAutoFix },
      knownChanged: [...ctx.knownChanged],
      supervision: patched(ctx.patches, 'live-supervision')
        ? { ...supervisionPolicy(cfg), repo: ctx.repo }
        : null,
      rails: patched(ctx.patches, 'repo-rails') ? railsOf(ctx, index, tasks) : null,
      stopOverBudget: patched(ctx.patches, 'wave-budget-stop'),
    },
  };
}

/** The enforcement of a wave (none + warn is promoted to strict, as the reference does). */
function enforcementOf(ctx: Ctx, isolation: 'worktree' | 'none'): Enforcement {
  return resolveEnforcement({ isolation, configEnforcement: planOf(ctx).config.enforcement });
}

/**
 * The isolation of the wave at plan index `index`: resolved as the reference does, and run in
 * worktrees from patch `worktree-isolation` on, except a wave with a contract-lock task (the rest
 * must see its work: all share the working tree). Before the patch, worktrees were not run.
 */
function isolationOf(ctx: Ctx, index: number, tasks: readonly WaveTask[]) {
  const p = planOf(ctx);
  const w = p.waves[index]!;
  const resolved = resolveIsolation({
    agentCount: tasks.length,
    sessionType: p.session.type,
    collisionRisk: w.collisionRisk ?? 'low',
    configIsolation: w.isolation ?? p.config.isolation,
    newDirectory: tasks.some((t) => t.task.createsDirectory === true),
  });
  const locked = tasks.length > 1 && tasks.some((t) => t.task.contractLock);
  const runs = patched(ctx.patches, 'worktree-isolation') && !locked;
  const isolation = resolved.isolation === 'worktree' && runs ? 'worktree' : 'none';
  const reason = runs || !locked ? resolved.reason : 'contract-lock';
  return { isolation, wanted: resolved.isolation, reason } as const;
}

/** The rails of the wave at plan index `index` that runs `tasks`. */
function railsOf(ctx: Ctx, index: number, tasks: readonly WaveTask[]): WaveRails {
  const p = planOf(ctx);
  const w = p.waves[index]!;
  const { isolation } = isolationOf(ctx, index, tasks);
  return {
    isolation,
    enforcement: enforcementOf(ctx, isolation),
    allowedPaths: waveAllowedPaths(
      w.role,
      tasks.map((t) => t.task.files),
    ),
    autoCommit: p.config.autoCommitPerWave === true,
    gateKind: GATED.has(w.role)
      ? gateKindAfterWave(
          p.waves.map((x) => x.role),
          w.wave,
        )
      : null,
    baseline: ctx.baseline ? structuredClone(ctx.baseline) : null,
  };
}

/** Folds the beginning of the next wave into the session. */
export function enterNextWave(ctx: SessionContext): void {
  const next = nextWaveOf(ctx);
  ctx.waveIndex = next.index;
  ctx.doneThisWave = [];
  ctx.carry = next.held;
  ctx.waveInput = next.input;
}

/** Proposes the beginning of the next wave (or its skip), or the end of the session. */
export function proposeNextWave(ctx: Ctx, moves: MissionMoves): Intent[] {
  if (noWaveLeft(ctx)) return finish(ctx, moves);
  const next = nextWaveOf(ctx);
  const w = planOf(ctx).waves[next.index]!;
  const holds = next.holds.map((h) =>
    deviation({ wave: w.wave, kind: 'D6', code: 'dependency-held', params: h }),
  );
  if (!next.input) {
    const skipped = newEvent('wave.skipped', { wave: w.wave, role: w.role, reason: 'no tasks' });
    return [...holds, { kind: 'append', event: skipped }];
  }
  const tasks = next.input.tasks;
  const { isolation, wanted, reason } = isolationOf(ctx, next.index, tasks);
  const fallback =
    wanted === 'worktree' && isolation === 'none'
      ? [
          deviation({
            wave: w.wave,
            kind: 'D6',
            code: 'worktree-fallback',
            params: { reason, agents: tasks.length },
          }),
        ]
      : [];
  const enforcement = enforcementOf(ctx, isolation);
  const files = [...new Set(tasks.flatMap((t) => t.task.files))].sort();
  const started = newEvent('wave.started', {
    wave: w.wave,
    role: w.role,
    isolation,
    enforcement,
    taskIds: tasks.map((t) => t.task.id),
    plannedFiles: w.role === 'Discovery' ? 0 : files.length,
    allowedPaths: next.input.rails?.allowedPaths ?? (w.role === 'Discovery' ? [] : files),
  });
  return [{ kind: 'append', event: started }, ...fallback, ...holds];
}

/** The failures What Not To Retry lists: every one, or (patched) each task's last. */
function notToRetry(ctx: Ctx): FailureNote[] {
  if (!patched(ctx.patches, 'wntr-once-per-task')) return ctx.failures;
  const last = new Map<string, FailureNote>();
  for (const f of ctx.failures) {
    last.delete(f.taskId);
    last.set(f.taskId, f);
  }
  return [...last.values()];
}

/** The end of the session: What Not To Retry per failed or spiralled task, then the outcome. */
function finish(ctx: Ctx, moves: MissionMoves): Intent[] {
  const out: Intent[] = notToRetry(ctx).map((f) => ({
    kind: 'append' as const,
    event: newEvent('what_not_to_retry.recorded', { ...f }),
  }));
  const allDone = Object.keys(ctx.missions).every((id) => moves.status(id) === 'completed');
  const outcome = allDone && ctx.carry.length === 0 ? 'success' : 'carryover';
  out.push({ kind: 'append', event: newEvent('session.completed', { outcome }) });
  return out;
}
