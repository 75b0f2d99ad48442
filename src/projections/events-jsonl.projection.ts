/**
 * `.orchestrator/metrics/events.jsonl`: the reference's telemetry envelope `{timestamp, event,
 * ...flat payload}` for the session's lifecycle, waves, quality gates and stagnation findings.
 * The session owns the lines whose `session_id` is its stream id (orchestrator.* events) or whose
 * `session` is its semantic label (legacy `stagnation_detected`).
 */
import type { DomainEvent, EventOf } from '../events.js';
import type { Projection, ProjectionOutput } from './projection.js';
import { lineHasField } from './sessions-jsonl/sessions-jsonl.projection.js';

/** Repository-relative path of the telemetry log. */
export const EVENTS_JSONL_PATH = '.orchestrator/metrics/events.jsonl';

/** The folded view: identity, gate settings and the lines rendered so far (append-only). */
export interface EventsJsonlView {
  streamId?: string;
  semanticId?: string;
  autoFix: boolean;
  /** Exit code of the latest failed gate command, per wave. */
  lastFailure: Map<number, number | null>;
  lines: string[];
}

type Rec = Record<string, unknown>;

function line(view: EventsJsonlView, ts: string, event: string, payload: Rec): void {
  view.lines.push(JSON.stringify({ timestamp: ts, event, ...payload }));
}

function ids(view: EventsJsonlView): Rec {
  return { session_id: view.streamId, semantic_session_id: view.semanticId };
}

function started(view: EventsJsonlView, e: EventOf<'session.started'>): void {
  view.streamId = e.session;
  view.semanticId = e.data.semanticId;
  const project = e.data.repo.split(/[\\/]/).filter(Boolean).pop() ?? e.data.repo;
  line(view, e.ts, 'orchestrator.session.started', {
    platform: e.data.platform,
    project,
    branch: e.data.branch,
    session_id: e.session,
    semantic_session_id: e.data.semanticId,
    session_type: e.data.sessionType,
  });
}

function gate(view: EventsJsonlView, e: DomainEvent): void {
  const variant = view.autoFix ? 'auto-fix-loop' : 'full-gate';
  if (e.type === 'gate.failed') {
    view.lastFailure.set(e.data.wave, e.data.exitCode);
  } else if (e.type === 'gate.passed') {
    const p: Rec = { variant, exit_code: 0, attempts: e.data.attempt };
    if (e.data.counts) p.counts = e.data.counts;
    line(view, e.ts, 'orchestrator.quality_gate.passed', {
      ...p,
      wave_number: e.data.wave,
      session_id: view.streamId,
    });
  } else if (e.type === 'gate.exhausted') {
    line(view, e.ts, 'orchestrator.quality_gate.failed', {
      variant,
      exit_code: view.lastFailure.get(e.data.wave) ?? null,
      attempts: e.data.attempts,
      gate: e.data.gate,
      wave_number: e.data.wave,
      session_id: view.streamId,
    });
  }
}

function stagnation(
  view: EventsJsonlView,
  e: EventOf<'stagnation.detected'> | EventOf<'agent.loop_detected'>,
): void {
  const d = e.data;
  const rec: Rec = {
    event: 'stagnation_detected',
    timestamp: e.ts,
    session: view.semanticId,
    wave: d.wave,
    agent: d.agent,
    pattern: d.pattern,
  };
  if (d.pattern === 'error-echo' && d.errorClass) rec.error_class = d.errorClass;
  rec.file = d.file;
  rec.occurrences = d.occurrences;
  view.lines.push(JSON.stringify(rec));
}

function evolve(view: EventsJsonlView, e: DomainEvent): EventsJsonlView {
  switch (e.type) {
    case 'session.started':
      started(view, e);
      break;
    case 'session.planned': {
      const fix = e.data.plan.config.verificationAutoFix;
      view.autoFix = fix.enabled && fix.maxRetries > 0;
      break;
    }
    case 'wave.started':
      line(view, e.ts, 'orchestrator.wave.started', {
        wave: e.data.wave,
        role: e.data.role,
        session_id: view.streamId,
      });
      break;
    case 'wave.completed':
      line(view, e.ts, 'orchestrator.wave.completed', {
        wave: e.data.wave,
        role: e.data.role,
        quality: e.data.quality,
        files_changed: e.data.filesChanged,
        session_id: view.streamId,
      });
      break;
    case 'gate.failed':
    case 'gate.passed':
    case 'gate.exhausted':
      gate(view, e);
      break;
    case 'stagnation.detected':
    case 'agent.loop_detected':
      stagnation(view, e);
      break;
    case 'session.completed':
      line(view, e.ts, 'orchestrator.session.completed', { ...ids(view), outcome: e.data.outcome });
      break;
    case 'session.aborted':
      line(view, e.ts, 'orchestrator.session.aborted', {
        ...ids(view),
        cause: e.data.cause,
        reason: e.data.reason,
      });
      break;
    default:
      break;
  }
  return view;
}

function render(view: EventsJsonlView): ProjectionOutput[] {
  const { streamId, semanticId } = view;
  if (streamId === undefined || semanticId === undefined) return [];
  return [
    {
      kind: 'owned-lines',
      path: EVENTS_JSONL_PATH,
      owns: (l) =>
        lineHasField(l, 'session_id', streamId) || lineHasField(l, 'session', semanticId),
      markers: [JSON.stringify(streamId), JSON.stringify(semanticId)],
      lines: view.lines.slice(),
    },
  ];
}

/** The events.jsonl telemetry projection. */
export const eventsJsonlProjection: Projection<EventsJsonlView> = {
  name: 'events-jsonl',
  version: 1,
  handles: [
    'session.started',
    'session.planned',
    'wave.started',
    'wave.completed',
    'gate.failed',
    'gate.passed',
    'gate.exhausted',
    'stagnation.detected',
    'agent.loop_detected',
    'session.completed',
    'session.aborted',
  ],
  init: () => ({ autoFix: false, lastFailure: new Map(), lines: [] }),
  evolve,
  render,
};
