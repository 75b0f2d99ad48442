/**
 * The fold behind sessions.jsonl: everything the session record needs, gathered from the log into
 * one private mutable view (the projection contract lets `evolve` mutate the view it owns).
 */
import type { DomainEvent, EventOf } from '../../events.js';
import type { AgentOutcome, ErrorClass, StagnationPattern } from '../../domain/status.js';
import {
  evolveBudgetSpend,
  initBudgetSpend,
  type BudgetSpendState,
} from '../../domain/budget/spend.fold.js';

/** What one wave contributed, in the order the record lists waves. */
export interface WaveMetrics {
  wave: number;
  role: string;
  skipped: boolean;
  agentRuns: number;
  plannedFiles?: number;
  dispatchedPlanned?: number;
  dispatchedStarted?: number;
  /** Set when the wave completed (or was skipped). */
  completed?: EventOf<'wave.completed'>['data'];
}

/** One stagnation finding. */
interface StagnationFinding {
  pattern: StagnationPattern;
  errorClass?: ErrorClass;
  file: string | null;
}

/** The folded view of one session for its sessions.jsonl record. */
export interface SessionMetricsView {
  /** Stream id (envelope `session`). */
  streamId?: string;
  started?: { ts: string; data: EventOf<'session.started'>['data'] };
  plannedTaskIds: string[];
  /** Waves by number, plus their first-seen order. */
  waves: Map<number, WaveMetrics>;
  /** Final outcome per agent run (null while in flight). */
  agents: Map<string, AgentOutcome | null>;
  files: Set<string>;
  stagnation: StagnationFinding[];
  /** Distinct open questions asked, and those answered. */
  askedQuestions: Set<string>;
  questionsAnswered: Set<string>;
  /** Latest cumulative token report per agent. */
  usage: Map<string, { input?: number; output?: number }>;
  missions: Map<string, string>;
  /** Tokens and dollars per agent, wave and session (`prices:` for token-only runners). */
  spend: BudgetSpendState;
  /** Budget limits reached (`budget.exceeded`). */
  budgetTrips: EventOf<'budget.exceeded'>['data'][];
  end?:
    | { kind: 'completed'; ts: string; data: EventOf<'session.completed'>['data'] }
    | { kind: 'aborted'; ts: string; data: EventOf<'session.aborted'>['data'] };
}

/** A fresh, empty view. */
export function initSessionMetrics(): SessionMetricsView {
  return {
    plannedTaskIds: [],
    waves: new Map(),
    agents: new Map(),
    files: new Set(),
    stagnation: [],
    questionsAnswered: new Set(),
    askedQuestions: new Set(),
    usage: new Map(),
    missions: new Map(),
    spend: initBudgetSpend(),
    budgetTrips: [],
  };
}

function waveOf(view: SessionMetricsView, wave: number, role: string): WaveMetrics {
  let w = view.waves.get(wave);
  if (!w) {
    w = { wave, role, skipped: false, agentRuns: 0 };
    view.waves.set(wave, w);
  }
  return w;
}

function evolveWave(view: SessionMetricsView, event: DomainEvent): void {
  switch (event.type) {
    case 'wave.started': {
      const w = waveOf(view, event.data.wave, event.data.role);
      w.role = event.data.role;
      w.plannedFiles = event.data.plannedFiles;
      return;
    }
    case 'wave.skipped': {
      const w = waveOf(view, event.data.wave, event.data.role);
      w.skipped = true;
      return;
    }
    case 'wave.dispatched': {
      const w = view.waves.get(event.data.wave);
      if (!w) return;
      w.dispatchedPlanned = event.data.planned;
      w.dispatchedStarted = event.data.started;
      return;
    }
    case 'wave.reviewed':
      for (const f of event.data.filesChanged) view.files.add(f);
      return;
    case 'wave.completed':
      waveOf(view, event.data.wave, event.data.role).completed = event.data;
      return;
    default:
      return;
  }
}

function evolveAgent(view: SessionMetricsView, event: DomainEvent): void {
  switch (event.type) {
    case 'agent.dispatched': {
      view.agents.set(event.data.agentId, null);
      const w = view.waves.get(event.data.wave);
      if (w) w.agentRuns += 1;
      return;
    }
    case 'agent.finished':
      view.agents.set(event.data.agentId, event.data.status);
      for (const f of event.data.filesChanged) view.files.add(f);
      return;
    case 'agent.crashed':
      view.agents.set(event.data.agentId, 'crashed');
      return;
    case 'agent.timed_out':
      view.agents.set(event.data.agentId, 'timed_out');
      return;
    case 'agent.usage': {
      const { inputTokens, outputTokens } = event.data;
      if (inputTokens === undefined && outputTokens === undefined) return;
      const prev = view.usage.get(event.data.agentId) ?? {};
      view.usage.set(event.data.agentId, {
        input: inputTokens ?? prev.input,
        output: outputTokens ?? prev.output,
      });
      return;
    }
    default:
      return;
  }
}

/** Folds one event into the view (mutating it) and returns it. */
export function evolveSessionMetrics(
  view: SessionMetricsView,
  event: DomainEvent,
): SessionMetricsView {
  evolveBudgetSpend(view.spend, event);
  switch (event.type) {
    case 'budget.exceeded':
      view.budgetTrips.push(event.data);
      break;
    case 'session.started':
      view.streamId = event.session;
      view.started = { ts: event.ts, data: event.data };
      break;
    case 'session.planned':
      view.plannedTaskIds = event.data.plan.waves.flatMap((w) => w.tasks.map((t) => t.id));
      break;
    case 'session.completed':
      view.end = { kind: 'completed', ts: event.ts, data: event.data };
      break;
    case 'session.aborted':
      view.end = { kind: 'aborted', ts: event.ts, data: event.data };
      break;
    case 'mission.status_changed':
      view.missions.set(event.data.id, event.data.to);
      break;
    case 'stagnation.detected':
    case 'agent.loop_detected': {
      const { pattern, errorClass, file } = event.data;
      view.stagnation.push(
        errorClass === undefined ? { pattern, file } : { pattern, errorClass, file },
      );
      break;
    }
    case 'question.asked':
      view.askedQuestions.add(event.data.question);
      break;
    case 'question.answered':
      if (view.askedQuestions.has(event.data.question)) {
        view.questionsAnswered.add(event.data.question);
      }
      break;
    default:
      evolveWave(view, event);
      evolveAgent(view, event);
  }
  return view;
}
