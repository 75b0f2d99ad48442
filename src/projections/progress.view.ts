/**
 * The progress view: what the user sees while `wave run` executes, folded from the log.
 *
 * A pure, cheap fold (`evolveProgress` mutates the maps the view owns, O(1) per event except the
 * rare per-wave events). The TTY, plain and summary renderers of `src/cli/` read it; the wall
 * clock (elapsed time of running agents) is only added there.
 *
 * Turns: most vendor CLIs report `turns` only in their final usage record, so while an agent runs
 * its turn count is `max(tool calls seen, latest agent.usage.turns)`; `agent.finished.turns` is
 * authoritative once it arrives.
 */
import type { DomainEvent, EventOf } from '../events.js';
import { onGate, onWave } from './progress-wave.fold.js';
import {
  initProgress,
  waveOf,
  type AgentProgress,
  type AgentProgressStatus,
  type ProgressView,
} from './progress.types.js';
import { toolLabel } from './tool-label.js';
import { deviationText } from '../domain/wording.js';

function end(a: AgentProgress, status: AgentProgressStatus, ts: string, summary: string): void {
  a.status = status;
  a.endedAt = ts;
  a.summary = summary;
}

function onDispatched(view: ProgressView, e: EventOf<'agent.dispatched'>): void {
  const d = e.data;
  const w = waveOf(view, d.wave);
  if (!view.agents.has(d.agentId)) w.agentIds.push(d.agentId);
  if (w.state === 'gating' || w.state === 'pending') w.state = 'running';
  view.agents.set(d.agentId, {
    agentId: d.agentId,
    taskId: d.taskId,
    wave: d.wave,
    description: d.description,
    reason: d.reason,
    attempt: d.attempt,
    maxTurns: d.maxTurns,
    status: 'queued',
    turns: 0,
    toolCalls: 0,
    toolFailures: 0,
    usageTurns: 0,
    lastTool: null,
    dispatchedAt: e.ts,
    startedAt: null,
    endedAt: null,
    summary: '',
    remaining: null,
    filesChanged: [],
    stagnation: [],
    costUsd: null,
  });
}

function onAgentEvent(view: ProgressView, e: DomainEvent & { data: { agentId: string } }): void {
  const a = view.agents.get(e.data.agentId);
  if (!a) return;
  switch (e.type) {
    case 'agent.started':
      a.status = 'running';
      a.startedAt = e.ts;
      break;
    case 'agent.tool_called':
      a.toolCalls += 1;
      a.turns = Math.max(a.toolCalls, a.usageTurns);
      a.lastTool = toolLabel(e.data.tool, e.data.input, view.repo);
      break;
    case 'agent.tool_failed':
      a.toolFailures += 1;
      break;
    case 'agent.usage':
      if (e.data.turns !== undefined) a.usageTurns = e.data.turns;
      a.turns = Math.max(a.toolCalls, a.usageTurns);
      // The CLIs report the run's total so far: the latest figure is the agent's cost.
      if (e.data.costUsd !== undefined) a.costUsd = e.data.costUsd;
      break;
    case 'agent.finished':
      end(a, e.data.status, e.ts, e.data.summary);
      a.turns = e.data.turns;
      a.remaining = e.data.remaining ?? null;
      a.filesChanged = e.data.filesChanged;
      break;
    case 'agent.crashed': {
      const why = e.data.signal ? `signal ${e.data.signal}` : `exit ${String(e.data.exitCode)}`;
      const first = e.data.stderr.trim().split('\n')[0] ?? '';
      end(a, 'crashed', e.ts, first ? `${why}: ${first}` : why);
      break;
    }
    case 'agent.timed_out':
      end(a, 'timed_out', e.ts, `killed after ${Math.round(e.data.timeoutMs / 1000)}s`);
      break;
    case 'stagnation.detected':
    case 'agent.loop_detected': {
      a.stagnation.push(e.data.pattern);
      const on = e.data.file ? ` on ${e.data.file}` : '';
      waveOf(view, e.data.wave).warnings.push(
        `${a.agentId}: ${e.data.pattern}${on} (${e.data.occurrences}×)`,
      );
      break;
    }
    default:
      break;
  }
}

function onSession(view: ProgressView, e: DomainEvent): void {
  switch (e.type) {
    case 'session.started':
      view.sessionId = e.session;
      view.semanticId = e.data.semanticId;
      view.sessionType = e.data.sessionType;
      view.intent = e.data.intent;
      view.repo = e.data.repo;
      view.platform = e.data.platform;
      view.startedAt = e.ts;
      view.state = 'running';
      break;
    case 'session.planned':
      for (const p of e.data.plan.waves) {
        const w = waveOf(view, p.wave, p.role);
        w.role = p.role;
        if (w.taskIds.length === 0) w.taskIds = p.tasks.map((t) => t.id);
      }
      break;
    case 'session.paused':
      view.state = 'paused';
      view.reason = e.data.reason;
      break;
    case 'session.resumed':
      view.state = 'running';
      view.reason = null;
      for (const id of e.data.inFlight) {
        const a = view.agents.get(id);
        if (a && a.endedAt === null) {
          const lost = e.data.policy === 'redispatch';
          end(a, lost ? 'lost' : 'crashed', e.ts, 'lost when the coordinator stopped');
        }
      }
      view.warnings.push(`resumed by pid ${e.data.pid} on ${e.data.host}`);
      break;
    case 'session.completed':
      view.state = 'completed';
      view.outcome = e.data.outcome;
      view.endedAt = e.ts;
      break;
    case 'session.aborted':
      view.state = 'aborted';
      view.abortCause = e.data.cause;
      view.reason = e.data.reason;
      view.endedAt = e.ts;
      for (const w of view.waves.values()) {
        if (w.state === 'running' || w.state === 'gating') {
          w.state = 'blocked';
          w.endedAt = e.ts;
        }
      }
      break;
    default:
      break;
  }
}

/** Folds one event into the view (mutating it) and returns it. */
export function evolveProgress(view: ProgressView, e: DomainEvent): ProgressView {
  view.lastSeq = e.seq;
  view.sessionId ??= e.session;
  view.lastTs = e.ts;
  switch (e.type) {
    case 'agent.dispatched':
      onDispatched(view, e);
      break;
    case 'agent.started':
    case 'agent.tool_called':
    case 'agent.tool_failed':
    case 'agent.usage':
    case 'agent.finished':
    case 'agent.crashed':
    case 'agent.timed_out':
    case 'stagnation.detected':
    case 'agent.loop_detected':
      onAgentEvent(view, e);
      break;
    case 'gate.started':
    case 'gate.passed':
    case 'gate.failed':
    case 'gate.fix_dispatched':
    case 'gate.exhausted':
      onGate(view, e);
      break;
    case 'wave.started':
    case 'wave.skipped':
    case 'wave.dispatched':
    case 'wave.reviewed':
    case 'wave.completed':
      onWave(view, e);
      break;
    case 'scope.violated':
      waveOf(view, e.data.wave).warnings.push(
        `${e.data.agentId ?? 'unreported'}: ${e.data.files.length} file(s) outside the scope ${e.data.action === 'revert' ? 'reverted' : 'kept'}: ${e.data.files.join(', ')}`,
      );
      break;
    case 'deviation.recorded': {
      const d = { kind: e.data.kind, message: deviationText(e.data), ts: e.ts };
      if (e.data.wave) waveOf(view, e.data.wave).deviations.push(d);
      else view.warnings.push(`${d.kind}: ${d.message}`);
      break;
    }
    case 'question.asked':
      view.openQuestions.add(e.data.question);
      break;
    case 'question.answered':
      view.openQuestions.delete(e.data.question);
      break;
    case 'decision.requested':
      view.pendingDecision = { id: e.data.id, prompt: e.data.prompt, default: e.data.default };
      break;
    case 'decision.made':
      if (view.pendingDecision?.id === e.data.id) view.pendingDecision = null;
      view.warnings.push(`decision ${e.data.id}: ${e.data.answer} (by ${e.data.by})`);
      break;
    default:
      onSession(view, e);
      break;
  }
  return view;
}

/** Folds a whole sequence of events into a fresh view. */
export function foldProgress(events: Iterable<DomainEvent>): ProgressView {
  const view = initProgress();
  for (const e of events) evolveProgress(view, e);
  return view;
}
