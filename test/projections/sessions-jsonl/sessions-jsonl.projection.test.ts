import { describe, expect, it } from 'vitest';
import type { OwnedLinesOutput } from '../../../src/projections/projection.js';
import { sessionsJsonlProjection } from '../../../src/projections/sessions-jsonl/sessions-jsonl.projection.js';
import { validateSession } from '../../../src/formats/validate-session.js';
import {
  LABEL,
  createStamper,
  foldRender,
  rendersAtEachStep,
  sessionStarted,
} from '../event-stamper.js';
import { buildSessionLog } from '../session-log.fixture.js';

function onlyOutput(events: Parameters<typeof foldRender>[1]): OwnedLinesOutput {
  const outs = foldRender(sessionsJsonlProjection, events);
  expect(outs).toHaveLength(1);
  const out = outs[0] as OwnedLinesOutput;
  expect(out.kind).toBe('owned-lines');
  expect(out.path).toBe('.orchestrator/metrics/sessions.jsonl');
  return out;
}

describe('sessions.jsonl projection', () => {
  it('renders one valid record for a completed session, in the reference key order', () => {
    const out = onlyOutput(buildSessionLog('completed'));
    expect(out.lines).toHaveLength(1);
    const line = out.lines[0] as string;
    const rec = JSON.parse(line) as Record<string, unknown>;
    const v = validateSession(rec);
    expect(v).toEqual({ ok: true, record: rec });
    expect(rec).toEqual({
      session_id: LABEL,
      session_type: 'deep',
      platform: 'claude',
      branch: 'main',
      started_at: '2026-08-22T07:15:00.000Z',
      completed_at: '2026-08-22T07:15:37.000Z',
      duration_seconds: 37,
      total_waves: 3,
      total_agents: 5,
      total_files_changed: 4,
      agent_summary: { complete: 2, partial: 1, failed: 1, spiral: 1 },
      waves: [
        { wave: 1, role: 'Discovery', agent_count: 0, files_changed: 0, quality: 'skip' },
        {
          wave: 2,
          role: 'Impl-Core',
          agent_count: 3,
          agent_count_planned: 4,
          agent_count_started: 3,
          files_changed: 4,
          quality: 'pass',
          planned_files_count: 3,
          over_delivery_ratio: 1.33,
          suite_passed: 212,
          suite_failed: 0,
          suite_platform: 'linux',
        },
        {
          wave: 3,
          role: 'Quality',
          agent_count: 2,
          files_changed: 1,
          quality: 'pass',
          planned_files_count: 0,
          over_delivery_ratio: 1,
        },
      ],
      effectiveness: {
        planned_issues: 4,
        completed: 1,
        carryover: 3,
        emergent: 0,
        completion_rate: 0.25,
      },
      stagnation_events: {
        total: 1,
        by_pattern: { 'error-echo': 1 },
        by_error_class: { 'edit-format-friction': 1 },
        files: ['src/a.ts'],
      },
      open_questions_asked: 2,
      open_questions_answered: 1,
      open_questions_deferred: 1,
      total_token_input: 1500,
      total_token_output: 350,
      subagents_with_tokens: 2,
      status: 'completed',
      outcome: 'carryover',
      schema_version: 2,
    });
    expect(Object.keys(rec)).toEqual([
      'session_id',
      'session_type',
      'platform',
      'branch',
      'started_at',
      'completed_at',
      'duration_seconds',
      'total_waves',
      'total_agents',
      'total_files_changed',
      'agent_summary',
      'waves',
      'effectiveness',
      'stagnation_events',
      'open_questions_asked',
      'open_questions_answered',
      'open_questions_deferred',
      'total_token_input',
      'total_token_output',
      'subagents_with_tokens',
      'status',
      'outcome',
      'schema_version',
    ]);
    expect(JSON.stringify(rec)).toBe(line);
  });

  it('renders a valid record without status for an aborted session', () => {
    const out = onlyOutput(buildSessionLog('aborted'));
    const rec = JSON.parse(out.lines[0] as string) as Record<string, unknown>;
    expect(validateSession(rec).ok).toBe(true);
    expect(rec.status).toBeUndefined();
    expect(rec).toMatchObject({
      outcome: 'aborted',
      abort_cause: 'gate-exhausted',
      abort_reason: 'lint kept failing',
    });
  });

  it('writes no line before the end, and nothing at all before session.started', () => {
    expect(foldRender(sessionsJsonlProjection, [])).toEqual([]);
    const steps = rendersAtEachStep(sessionsJsonlProjection, buildSessionLog('completed'));
    for (const outs of steps.slice(0, -1)) expect((outs[0] as OwnedLinesOutput).lines).toEqual([]);
    expect((steps.at(-1)?.[0] as OwnedLinesOutput).lines).toHaveLength(1);
  });

  it('every rendered line validates, for every way a session can end early', () => {
    const log = buildSessionLog('open');
    for (let cut = 1; cut <= log.length; cut++) {
      const s = createStamper('2026-08-22T09:00:00.000Z');
      const end = s('session.aborted', { cause: 'user-abort', reason: 'stop' });
      const out = onlyOutput([...log.slice(0, cut), { ...end, seq: cut + 1 }]);
      const v = validateSession(JSON.parse(out.lines[0] as string));
      expect(v.ok, v.ok ? '' : v.error).toBe(true);
    }
  });

  it('omits unmeasured values: no tokens, no stagnation, no effectiveness without tasks', () => {
    const s = createStamper();
    const out = onlyOutput([
      sessionStarted(s, { sessionType: 'housekeeping' }),
      s('session.completed', { outcome: 'success' }),
    ]);
    const rec = JSON.parse(out.lines[0] as string) as Record<string, unknown>;
    expect(validateSession(rec).ok).toBe(true);
    for (const key of [
      'total_token_input',
      'total_token_output',
      'subagents_with_tokens',
      'stagnation_events',
      'effectiveness',
    ]) {
      expect(rec).not.toHaveProperty(key);
    }
    expect(rec).toMatchObject({
      total_waves: 0,
      waves: [],
      total_agents: 0,
      agent_summary: { complete: 0, partial: 0, failed: 0, spiral: 0 },
    });
  });

  it('owns exactly the lines with its session_id', () => {
    const out = onlyOutput(buildSessionLog('completed'));
    expect(out.owns(JSON.stringify({ session_id: LABEL, x: 1 }))).toBe(true);
    expect(out.owns(JSON.stringify({ session_id: 'other', notes: LABEL }))).toBe(false);
    expect(out.owns(`not json ${JSON.stringify(LABEL)}`)).toBe(false);
  });

  it('is deterministic: folding and rendering twice gives identical lines', () => {
    const a = onlyOutput(buildSessionLog('completed')).lines;
    const b = onlyOutput(buildSessionLog('completed')).lines;
    expect(a).toEqual(b);
    let view = sessionsJsonlProjection.init();
    for (const e of buildSessionLog('completed')) view = sessionsJsonlProjection.evolve(view, e);
    const first = sessionsJsonlProjection.render(view) as OwnedLinesOutput[];
    const second = sessionsJsonlProjection.render(view) as OwnedLinesOutput[];
    expect(first[0]?.lines).toEqual(second[0]?.lines);
  });
});
