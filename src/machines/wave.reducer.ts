/**
 * The decisions of the wave machine, as pure functions over an immer draft of its context. Each
 * handler folds one logged event and returns the intents it leads to; the machine
 * (`wave.machine.ts`) moves between its states on `phase`.
 */
import { newEvent, type DomainEvent, type EventOf } from '../events.js';
import type { Role, Task } from '../domain/plan.schema.js';
import type { AgentOutcome } from '../domain/status.js';
import { agentIdOf, type Intent } from './intents.js';
import {
  applyTerminal,
  describeTask,
  errorContextOf,
  isTerminal,
  latestPerTask,
  reviewNote,
  unpersistedFiles,
  type AgentRecord,
  type WaveTask,
} from './wave.logic.js';

/** Phases of a wave; each is a state of the wave machine. */
export type WavePhase =
  'dispatching' | 'deciding' | 'inspecting' | 'gating' | 'fixing' | 'done' | 'blocked';

/** Input of the wave machine (computed by the session machine from the plan and carry-over). */
export interface WaveInput {
  wave: number;
  role: Role;
  tasks: WaveTask[];
  /** Last attempt number used per task id before this wave. */
  attempts: Record<string, number>;
  defaultMaxTurns: number;
  gates: string[];
  autoFix: { enabled: boolean; maxRetries: number };
  /** Files already changed on disk before this wave (previous inspection). */
  knownChanged: string[];
}

/** Context of the wave machine. */
export interface WaveContext extends WaveInput {
  phase: WavePhase;
  agents: AgentRecord[];
  round: number;
  lockRound: boolean;
  redispatched: boolean;
  gateAttempt: number;
  lastFailure: EventOf<'gate.failed'>['data'] | null;
  /** Files this wave changed (verified), set at review. */
  waveFiles: string[];
}

type Ctx = WaveContext;

/** Initial context. */
export function initialWaveContext(input: WaveInput): WaveContext {
  return {
    // The machine mutates its context in place: it gets its own copy of the input.
    ...(structuredClone(input) as WaveInput),
    phase: 'dispatching',
    agents: [],
    round: 0,
    lockRound: false,
    redispatched: false,
    gateAttempt: 0,
    lastFailure: null,
    waveFiles: [],
  };
}

function maxTurnsOf(ctx: Ctx, task: Task): number {
  return task.maxTurns ?? ctx.defaultMaxTurns;
}

/** Proposes the dispatch of a round of tasks. */
function dispatchRound(ctx: Ctx, tasks: WaveTask[], reasonOverride?: 'redispatch'): Intent[] {
  ctx.round += 1;
  const intents: Intent[] = [];
  for (const t of tasks) {
    const attempt = (ctx.attempts[t.task.id] ?? 0) + 1;
    ctx.attempts[t.task.id] = attempt;
    const agentId = agentIdOf(ctx.wave, t.task.id, attempt);
    const reason = reasonOverride ?? t.reason;
    const maxTurns = maxTurnsOf(ctx, t.task);
    intents.push({
      kind: 'append',
      event: newEvent('agent.dispatched', {
        wave: ctx.wave,
        taskId: t.task.id,
        agentId,
        attempt,
        runner: t.task.runner,
        description: describeTask(t.task),
        maxTurns,
        reason,
      }),
    });
    intents.push({
      kind: 'effect',
      effect: {
        kind: 'run-agent',
        key: `agent:${agentId}`,
        agentId,
        wave: ctx.wave,
        attempt,
        reason,
        task: t.task as Task,
        maxTurns,
        ...(t.remaining !== undefined ? { remaining: t.remaining } : {}),
        ...(t.errorContext !== undefined ? { errorContext: t.errorContext } : {}),
        round: `w${ctx.wave}-r${ctx.round}`,
      },
    });
  }
  return intents;
}

/** Entry of a wave: contract-lock task alone first, else everything. */
export function startWave(ctx: Ctx): Intent[] {
  const lock = ctx.tasks.find((t) => t.task.contractLock);
  if (lock && ctx.tasks.length > 1) {
    ctx.lockRound = true;
    return dispatchRound(ctx, [lock as WaveTask]);
  }
  return dispatchRound(ctx, ctx.tasks as WaveTask[]);
}

/** Folds agent.dispatched: a new record in the current round. */
export function onDispatched(ctx: Ctx, e: EventOf<'agent.dispatched'>): void {
  const d = e.data;
  ctx.agents.push({
    agentId: d.agentId,
    taskId: d.taskId,
    attempt: d.attempt,
    reason: d.reason,
    round: `w${ctx.wave}-r${ctx.round}`,
    started: false,
    outcome: null,
    summary: '',
    filesChanged: [],
    openQuestions: [],
  });
  ctx.attempts[d.taskId] = Math.max(ctx.attempts[d.taskId] ?? 0, d.attempt);
}

function recordOf(ctx: Ctx, agentId: string): AgentRecord | undefined {
  return ctx.agents.find((a) => a.agentId === agentId);
}

/** Folds agent.started. */
export function onStarted(ctx: Ctx, e: EventOf<'agent.started'>): void {
  const r = recordOf(ctx, e.data.agentId);
  if (r) r.started = true;
}

function lockDecisionId(ctx: Ctx): string {
  return `w${ctx.wave}-contract-lock`;
}

/** Folds a terminal agent event; when the round is over, decides what comes next. */
export function onTerminal(
  ctx: Ctx,
  e: EventOf<'agent.finished'> | EventOf<'agent.crashed'> | EventOf<'agent.timed_out'>,
): Intent[] {
  const r = recordOf(ctx, e.data.agentId);
  if (!r) return [];
  applyTerminal(r as AgentRecord, e);
  const round = `w${ctx.wave}-r${ctx.round}`;
  if (ctx.phase === 'fixing') return r.round === round ? runGate(ctx) : [];
  if (!ctx.agents.every((a) => a.round !== round || isTerminal(a as AgentRecord))) return [];
  return roundEnded(ctx);
}

function roundEnded(ctx: Ctx): Intent[] {
  if (ctx.lockRound) {
    ctx.lockRound = false;
    const lock = ctx.agents[ctx.agents.length - 1] as AgentRecord;
    if (lock.outcome === 'done') return dispatchRest(ctx);
    ctx.phase = 'deciding';
    const id = lockDecisionId(ctx);
    const prompt = `Wave ${ctx.wave}: contract-lock task ${lock.taskId} ended ${lock.outcome}. Fan out the rest of the wave anyway?`;
    const options = ['proceed', 'abort'];
    return [
      {
        kind: 'append',
        event: newEvent('decision.requested', {
          id,
          kind: 'contract-lock',
          prompt,
          options,
          default: 'proceed',
        }),
      },
      {
        kind: 'effect',
        effect: { kind: 'ask', key: `ask:${id}`, id, prompt, options, default: 'proceed' },
      },
    ];
  }
  const started = new Set(ctx.agents.filter((a) => a.started).map((a) => a.taskId));
  const missing = ctx.tasks.filter((t) => !started.has(t.task.id));
  if (missing.length > 0 && !ctx.redispatched) {
    ctx.redispatched = true;
    return dispatchRound(ctx, missing as WaveTask[], 'redispatch');
  }
  ctx.phase = 'inspecting';
  const intents: Intent[] = [
    {
      kind: 'append',
      event: newEvent('wave.dispatched', {
        wave: ctx.wave,
        planned: ctx.tasks.length,
        started: ctx.tasks.length - missing.length,
        missing: missing.map((t) => t.task.id),
      }),
    },
  ];
  if (missing.length > 0) {
    intents.push(
      deviation(
        ctx,
        'D6',
        `Wave ${ctx.wave}: dispatch verification found ${missing.length} of ${ctx.tasks.length} agents never started after one re-dispatch (${missing.map((t) => t.task.id).join(', ')}); carried over.`,
      ),
    );
  }
  intents.push({
    kind: 'effect',
    effect: { kind: 'inspect', key: `inspect:w${ctx.wave}`, wave: ctx.wave },
  });
  return intents;
}

function dispatchRest(ctx: Ctx): Intent[] {
  const rest = ctx.tasks.filter((t) => !ctx.agents.some((a) => a.taskId === t.task.id));
  return dispatchRound(ctx, rest as WaveTask[]);
}

/** Folds the answer to the wave's contract-lock question. */
export function onDecision(ctx: Ctx, e: EventOf<'decision.made'>): Intent[] {
  if (ctx.phase !== 'deciding' || e.data.id !== lockDecisionId(ctx)) return [];
  if (e.data.answer === 'proceed') {
    ctx.phase = 'dispatching';
    return dispatchRest(ctx);
  }
  ctx.phase = 'blocked';
  return [
    {
      kind: 'append',
      event: newEvent('session.aborted', {
        cause: 'decision',
        reason: `Wave ${ctx.wave}: contract-lock task failed and the operator chose to abort`,
      }),
    },
  ];
}

/** Helper: a deviation intent. */
export function deviation(
  ctx: { wave: number },
  kind: 'D1' | 'D2' | 'D3' | 'D4' | 'D5' | 'D6',
  message: string,
): Intent {
  return {
    kind: 'append',
    event: newEvent('deviation.recorded', { wave: ctx.wave, kind, message }),
  };
}

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

function completeWave(ctx: Ctx, quality: 'pass' | 'skip', passed?: DomainEvent): Intent {
  ctx.phase = 'done';
  const suite =
    passed?.type === 'gate.passed' && passed.data.counts && passed.data.platform
      ? {
          passed: passed.data.counts.passed,
          failed: passed.data.counts.failed,
          platform: passed.data.platform,
        }
      : undefined;
  return {
    kind: 'append',
    event: newEvent('wave.completed', {
      wave: ctx.wave,
      role: ctx.role,
      quality,
      filesChanged: ctx.waveFiles.length,
      ...(suite ? { suite } : {}),
    }),
  };
}

function runGate(ctx: Ctx): Intent[] {
  ctx.phase = 'gating';
  ctx.gateAttempt += 1;
  const attempt = ctx.gateAttempt;
  return [
    {
      kind: 'append',
      event: newEvent('gate.started', { wave: ctx.wave, attempt, gates: [...ctx.gates] }),
    },
    {
      kind: 'effect',
      effect: { kind: 'run-gate', key: `gate:w${ctx.wave}:${attempt}`, wave: ctx.wave, attempt },
    },
  ];
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
      `Wave ${ctx.wave} auto-fix exhausted retries after ${ctx.gateAttempt} attempts (max-retries config: ${maxRetries}). Failed gate: ${e.data.gate}. Diagnostics bundle: (none). Coordinator to review bundle and decide: fix manually, then resume.`,
    ),
  ];
}

/** Folds session.resumed: in-flight agents are re-dispatched or reported lost. */
export function onResumed(ctx: Ctx, e: EventOf<'session.resumed'>): Intent[] {
  const lost = ctx.agents.filter((a) => e.data.inFlight.includes(a.agentId) && a.outcome === null);
  if (lost.length === 0) return [];
  for (const a of lost) {
    if (e.data.policy === 'redispatch') a.outcome = 'lost';
    else {
      a.outcome = 'crashed';
      a.summary = 'lost when the coordinator stopped';
    }
  }
  if (e.data.policy === 'report-lost') {
    return ctx.phase === 'fixing' ? runGate(ctx) : roundEnded(ctx);
  }
  const tasks = lost.map((a) => {
    const planned = ctx.tasks.find((t) => t.task.id === a.taskId);
    if (planned) return planned as WaveTask;
    return { task: fixTaskOf(ctx, a.taskId), reason: 'fix' as const };
  });
  const out = dispatchRound(ctx, tasks, 'redispatch');
  return out;
}

function fixTaskOf(ctx: Ctx, taskId: string): Task {
  return {
    id: taskId,
    task: `Make the quality gates pass again after wave ${ctx.wave}.`,
    files: [...ctx.waveFiles],
    acceptance: 'all quality gates exit 0',
    dependsOn: [],
    runner: ctx.tasks[0]?.task.runner ?? 'default',
    contractLock: false,
  };
}

/** Exposed for the session machine: error context for a fix task. */
export { errorContextOf };
