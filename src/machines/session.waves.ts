/**
 * Wave sequencing of the session machine: start the next wave (or record it as skipped), and end
 * the session after the last one with its What Not To Retry entries and outcome. Pure.
 */
import { newEvent } from '../events.js';
import { autoMaxTurns } from '../domain/plan.schema.js';
import { resolveEnforcement, resolveIsolation } from '../domain/isolation.js';
import type { Intent } from './intents.js';
import type { WaveTask } from './wave.logic.js';
import { GATED, plan, type Ctx } from './session.context.js';

/** Splits a wave's candidate tasks into runnable ones and ones held back by a dependency. */
function holdBack(
  ctx: Ctx,
  candidates: WaveTask[],
  carried: number,
  wave: number,
): { tasks: WaveTask[]; held: WaveTask[]; holds: Intent[] } {
  // Carried tasks (the first `carried` candidates) are not done yet, even if they run now.
  const waiting = new Set<string>(candidates.slice(0, carried).map((t) => t.task.id));
  for (const id of ctx.dropped) waiting.add(id);
  for (const [id, status] of Object.entries(ctx.missions)) {
    if (status === 'brainstormed') waiting.add(id);
  }
  const tasks: WaveTask[] = [];
  const held: WaveTask[] = [];
  const holds: Intent[] = [];
  for (const t of candidates) {
    const blocker = t.task.dependsOn.find((d) => waiting.has(d));
    if (blocker === undefined) {
      tasks.push(t);
      continue;
    }
    held.push(t);
    waiting.add(t.task.id);
    holds.push({
      kind: 'append',
      event: newEvent('deviation.recorded', {
        wave,
        kind: 'D6',
        message: `Wave ${wave}: task ${t.task.id} held back: its dependency ${blocker} is not done (it waits with it).`,
      }),
    });
  }
  return { tasks, held, holds };
}

/** Starts the next wave, or ends the session after the last one. */
export function advance(ctx: Ctx): Intent[] {
  ctx.waveIndex += 1;
  ctx.waveDone = false;
  ctx.doneThisWave = [];
  const p = plan(ctx);
  const w = p.waves[ctx.waveIndex];
  if (!w) return finish(ctx);
  const candidates: WaveTask[] = [
    ...(ctx.carry as WaveTask[]),
    ...w.tasks.map((task) => ({ task, reason: 'planned' as const })),
  ];
  // A task whose dependency is not done (carried over, held, or escalated) waits with it.
  const { tasks, held, holds } = holdBack(ctx, candidates, ctx.carry.length, w.wave);
  ctx.carry = held;
  if (tasks.length === 0) {
    ctx.waveInput = null;
    return [
      ...holds,
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
    ...holds,
  ];
}

/** The end of the session: What Not To Retry per failed or spiralled run, then the outcome. */
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
