/**
 * Review and gate handlers of the wave machine: edit persistence and the review of every agent
 * once the change set is known, then the gate attempts with bounded auto-fix. Pure, no I/O.
 */
import { newEvent, type EventOf } from '../events.js';
import { diagnosticsBundleFileName } from '../domain/diagnostics-bundle.js';
import { VERIFICATION_FAILURES_DIR } from '../domain/paths.js';
import type { Task } from '../domain/plan.schema.js';
import type { AgentOutcome } from '../domain/status.js';
import { agentIdOf, type Intent } from './intents.js';
import {
  describeTask,
  latestPerTask,
  reviewNote,
  unpersistedFiles,
  type AgentRecord,
  type WaveTask,
} from './wave.logic.js';
import { completeWave, deviation, dispatchRound, runGate, type Ctx } from './wave.context.js';

/** Folds wave.inspected: review every agent, then gate or complete. */
export function onInspected(ctx: Ctx, e: EventOf<'wave.inspected'>): Intent[] {
  if (ctx.phase !== 'inspecting') return [];
  const onDisk = new Set(e.data.changedFiles);
  const known = new Set(ctx.knownChanged);
  const intents: Intent[] = [];
  const latest = latestPerTask(ctx.tasks as WaveTask[], ctx.agents as AgentRecord[]);
  const files = new Set<string>(e.data.changedFiles.filter((f) => !known.has(f)));
  const agents = latest.map((r) => {
    const rec = r;
    const absent = unpersistedFiles(r, onDisk);
    for (const f of r.filesChanged) if (onDisk.has(f)) files.add(f);
    const task = ctx.tasks.find((t) => t.task.id === r.taskId) as WaveTask;
    if (absent.length > 0) {
      intents.push(
        deviation(
          ctx,
          'D4',
          `Wave ${ctx.wave} edit-persistence violation: agent "${describeTask(task.task)}" reported ${r.outcome} but declared file(s) ${absent.join(', ')} are absent from the on-disk change set. Result treated as unverified — re-dispatched.`,
        ),
      );
      rec.outcome = 'partial';
      rec.remaining = `declared edits to ${absent.join(', ')} are not on disk; redo them`;
    }
    return {
      agentId: r.agentId,
      taskId: r.taskId,
      description: describeTask(task.task),
      status: (rec.outcome === 'lost' || rec.outcome === null
        ? 'crashed'
        : rec.outcome) as AgentOutcome,
      filesChanged: r.filesChanged.filter((f) => onDisk.has(f)),
      note: reviewNote(rec as AgentRecord),
      ...(rec.outcome === 'partial' && rec.remaining ? { remaining: rec.remaining } : {}),
    };
  });
  ctx.waveFiles = [...files].sort();
  intents.unshift({
    kind: 'append',
    event: newEvent('wave.reviewed', { wave: ctx.wave, agents, filesChanged: ctx.waveFiles }),
  });
  for (const r of latest) {
    const task = ctx.tasks.find((t) => t.task.id === r.taskId) as WaveTask;
    for (const q of r.openQuestions) {
      intents.push({
        kind: 'append',
        event: newEvent('question.asked', {
          question: q.context ? `${q.question} (context: ${q.context})` : q.question,
          source: `W${ctx.wave}/${describeTask(task.task)}`,
          prio: 'medium',
        }),
      });
    }
  }
  if (ctx.gates.length === 0) return [...intents, completeWave(ctx, 'skip')];
  return [...intents, ...runGate(ctx)];
}

/** Folds gate.passed / gate.failed. */
export function onGate(ctx: Ctx, e: EventOf<'gate.passed'> | EventOf<'gate.failed'>): Intent[] {
  if (ctx.phase !== 'gating' || e.data.attempt !== ctx.gateAttempt) return [];
  const maxRetries = ctx.autoFix.enabled ? ctx.autoFix.maxRetries : 0;
  if (e.type === 'gate.passed') {
    const out: Intent[] = [];
    if (ctx.gateAttempt > 1 && ctx.lastFailure) {
      out.push(
        deviation(
          ctx,
          'D2',
          `Wave ${ctx.wave} auto-fix succeeded after ${ctx.gateAttempt} attempts (max-retries config: ${maxRetries}). Failed gate(s): ${ctx.lastFailure.gate}. Final pass on attempt ${ctx.gateAttempt}.`,
        ),
      );
    }
    out.push(completeWave(ctx, 'pass', e));
    return out;
  }
  ctx.lastFailure = { ...e.data, command: [...e.data.command] };
  if (ctx.gateAttempt <= maxRetries) {
    ctx.phase = 'fixing';
    const fixId = `fix-${ctx.wave}-${ctx.gateAttempt}`;
    const task: Task = {
      id: fixId,
      task: `Make the quality gate "${e.data.gate}" (${e.data.command.join(' ')}) pass again after wave ${ctx.wave}. Fix the code, never the tests' expectations or mocks.`,
      files: [...ctx.waveFiles],
      acceptance: `${e.data.command.join(' ')} exits 0`,
      dependsOn: [],
      runner: ctx.tasks[0]?.task.runner ?? 'default',
      contractLock: false,
    };
    const agentId = agentIdOf(ctx.wave, fixId, 1);
    return [
      {
        kind: 'append',
        event: newEvent('gate.fix_dispatched', {
          wave: ctx.wave,
          attempt: ctx.gateAttempt,
          taskId: fixId,
          agentId,
        }),
      },
      ...dispatchRound(ctx, [
        {
          task,
          reason: 'fix',
          errorContext: `Gate ${e.data.gate} exited ${e.data.exitCode}${e.data.timedOut ? ' (timed out)' : ''}. Output (tail):\n${e.data.output}`,
        },
      ]),
    ];
  }
  ctx.phase = 'blocked';
  return [
    {
      kind: 'append',
      event: newEvent('gate.exhausted', {
        wave: ctx.wave,
        attempts: ctx.gateAttempt,
        maxRetries,
        gate: e.data.gate,
      }),
    },
    deviation(
      ctx,
      'D3',
      `Wave ${ctx.wave} auto-fix exhausted retries after ${ctx.gateAttempt} attempts (max-retries config: ${maxRetries}). Failed gate: ${e.data.gate}. Diagnostics bundle: ${VERIFICATION_FAILURES_DIR}/${diagnosticsBundleFileName(e.ts)}. Coordinator to review bundle and decide: fix the failure by hand, then start a new session.`,
    ),
  ];
}
