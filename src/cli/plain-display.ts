/**
 * The display without a TTY: one plain, stable line per notable event (tool calls, usage,
 * output and heartbeats are not notable), e.g.
 * `[wave 2] agent w2-m-2-a1 done (5 turns, 1m05s) — Implemented the middleware`.
 * Durations come from the events' timestamps, so the same log always prints the same lines.
 */
import { enforcementInForce } from '../domain/enforcement-label.js';
import type { DomainEvent } from '../events.js';
import { evolveProgress } from '../projections/progress.view.js';
import type { AgentProgress, ProgressView } from '../projections/progress.types.js';
import type { Display, TextSink } from './display.js';
import { clip, durationBetween, reasonTag, statusWord, turnsText } from './progress-format.js';
import { deviationText } from '../domain/wording.js';

/** Longest free text (summaries, reasons) printed on one line. */
const TEXT_MAX = 120;

function agentLine(a: AgentProgress | undefined, id: string, text: string): string {
  return a ? `[wave ${a.wave}] agent ${id} ${text}` : `agent ${id} ${text}`;
}

function endedLine(a: AgentProgress | undefined, id: string): string {
  if (!a) return `agent ${id} ended`;
  const took = durationBetween(a.startedAt ?? a.dispatchedAt, a.endedAt);
  const facts = [turnsText(a.turns), took].filter((x) => x !== null).join(', ');
  const summary = a.summary.trim() === '' ? '' : ` — ${clip(a.summary, TEXT_MAX)}`;
  return agentLine(a, id, `${statusWord(a.status)} (${facts})${summary}`);
}

/** The plain line for one event, read after the event was folded into `view`; null if none. */
export function plainLine(view: ProgressView, e: DomainEvent): string | null {
  switch (e.type) {
    case 'session.started':
      return `session ${e.data.semanticId} started (${e.data.sessionType}): ${clip(e.data.intent, TEXT_MAX)}`;
    case 'session.planned': {
      const tasks = e.data.plan.waves.reduce((n, w) => n + w.tasks.length, 0);
      return `plan: ${e.data.plan.waves.length} wave(s), ${tasks} task(s)`;
    }
    case 'session.approved':
      return `plan approved (by ${e.data.by})`;
    case 'session.paused':
      return `session paused: ${e.data.reason}`;
    case 'session.resumed':
      return `session resumed by pid ${e.data.pid}; in flight: ${e.data.inFlight.join(', ') || 'none'} (${e.data.policy})`;
    case 'session.completed':
      return `session completed: ${e.data.outcome}`;
    case 'session.aborted':
      return `session aborted (${e.data.cause}): ${e.data.reason}`;
    case 'wave.started':
      return `[wave ${e.data.wave}] ${e.data.role} started: ${e.data.taskIds.length} task(s), isolation ${e.data.isolation}, ${enforcementInForce(e.data)}`;
    case 'scope.violated':
      return `[wave ${e.data.wave}] ${e.data.agentId === null ? 'a change no agent reported' : `agent ${e.data.agentId} (${e.data.taskId})`} changed ${e.data.files.length} file(s) outside the wave scope: ${clip(e.data.files.join(', '), TEXT_MAX)} — ${e.data.action === 'revert' ? 'reverted (strict)' : 'kept with a warning (warn)'}`;
    case 'wave.skipped':
      return `[wave ${e.data.wave}] ${e.data.role} skipped (${e.data.reason})`;
    case 'wave.dispatched':
      if (e.data.missing.length === 0) return null;
      return `[wave ${e.data.wave}] dispatch: ${e.data.started} of ${e.data.planned} started; missing ${e.data.missing.join(', ')}`;
    case 'wave.completed': {
      const w = view.waves.get(e.data.wave);
      const took = w ? durationBetween(w.startedAt, w.endedAt) : null;
      const suite = e.data.suite ? `, tests ${e.data.suite.passed}/${e.data.suite.failed}` : '';
      return `[wave ${e.data.wave}] ${e.data.role} complete ✓ (quality ${e.data.quality}, ${e.data.filesChanged} file(s)${suite}${took ? `, ${took}` : ''})`;
    }
    case 'agent.dispatched': {
      const a = view.agents.get(e.data.agentId);
      const tag = a ? reasonTag(a) : '';
      return `[wave ${e.data.wave}] agent ${e.data.agentId} queued${tag} — ${clip(e.data.description, TEXT_MAX)}`;
    }
    case 'agent.started': {
      const a = view.agents.get(e.data.agentId);
      const pid = e.data.pid === null ? '' : ` (pid ${e.data.pid})`;
      return agentLine(a, e.data.agentId, `running${pid}`);
    }
    case 'agent.finished':
    case 'agent.crashed':
    case 'agent.timed_out':
      return endedLine(view.agents.get(e.data.agentId), e.data.agentId);
    case 'stagnation.detected':
    case 'agent.loop_detected': {
      const on = e.data.file ? ` on ${e.data.file}` : '';
      return `[wave ${e.data.wave}] agent ${e.data.agentId}: ${e.data.pattern}${on} (${e.data.occurrences}×)`;
    }
    case 'agent.limit_reached':
      return `[wave ${e.data.wave}] agent ${e.data.agentId}: past its ${e.data.limit} limit (${e.data.value} > ${e.data.max}), stopping`;
    case 'gate.started':
      return `[wave ${e.data.wave}] gate attempt ${e.data.attempt}: ${e.data.gates.join(', ') || '(none)'}`;
    case 'gate.passed': {
      const c = e.data.counts;
      const counts = c ? ` (${c.passed} passed, ${c.failed} failed)` : '';
      return `[wave ${e.data.wave}] gate attempt ${e.data.attempt} passed${counts}`;
    }
    case 'gate.failed': {
      const how = e.data.timedOut ? 'timed out' : `exited ${String(e.data.exitCode)}`;
      return `[wave ${e.data.wave}] gate attempt ${e.data.attempt} failed: ${e.data.gate} ${how}`;
    }
    case 'gate.fix_dispatched':
      return `[wave ${e.data.wave}] gate fix: agent ${e.data.agentId} for ${e.data.taskId}`;
    case 'gate.exhausted':
      return `[wave ${e.data.wave}] gate ${e.data.gate} exhausted after ${e.data.attempts} attempt(s)`;
    case 'deviation.recorded': {
      const where = e.data.wave ? `[wave ${e.data.wave}] ` : '';
      return `${where}deviation ${e.data.kind}: ${clip(deviationText(e.data), TEXT_MAX * 2)}`;
    }
    case 'question.asked':
      return `open question (${e.data.source}): ${clip(e.data.question, TEXT_MAX)}`;
    case 'decision.requested':
      return `decision needed: ${clip(e.data.prompt, TEXT_MAX)} [${e.data.options.join('/')}] (default ${e.data.default})`;
    case 'decision.made':
      return `decision ${e.data.id}: ${e.data.answer} (by ${e.data.by})`;
    case 'log.truncated':
      return `log: cut a torn last line (${e.data.bytes} bytes at line ${e.data.line} of ${e.data.file})`;
    default:
      return null;
  }
}

/** Plain-line display: writes one line per notable event to `err`. */
export class PlainDisplay implements Display {
  private closed = false;

  constructor(
    readonly view: ProgressView,
    private readonly err: TextSink,
  ) {}

  /** Folds each event and prints its line, one write per batch. */
  onEvents(events: readonly DomainEvent[]): void {
    if (this.closed) return;
    let text = '';
    for (const e of events) {
      evolveProgress(this.view, e);
      const line = plainLine(this.view, e);
      if (line !== null) text += `${line}\n`;
    }
    if (text !== '') this.err.write(text);
  }

  /** Stops printing. */
  close(): void {
    this.closed = true;
  }
}
