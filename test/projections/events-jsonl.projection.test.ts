import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventsJsonlProjection } from '../../src/projections/events-jsonl.projection.js';
import {
  ORCHESTRATOR_EVENT_NAME,
  validateEventRecord,
} from '../../src/formats/events-jsonl.validate.js';
import type { OwnedLinesOutput } from '../../src/projections/projection.js';
import { LABEL, STREAM, foldRender } from './event-stamper.js';
import { buildSessionLog } from './session-log.fixture.js';

const REF = join(import.meta.dirname, '../fixtures/reference');
const lines = (p: string): string[] =>
  readFileSync(join(REF, p), 'utf8').split('\n').filter(Boolean);

function render(ending: 'completed' | 'aborted', autoFix = true): OwnedLinesOutput {
  const outs = foldRender(eventsJsonlProjection, buildSessionLog(ending, autoFix));
  expect(outs).toHaveLength(1);
  return outs[0] as OwnedLinesOutput;
}

describe('validateEventRecord (reference port)', () => {
  it('matches the reference verdicts on every fixture line', () => {
    const expected = JSON.parse(
      readFileSync(join(REF, 'generated/events/validateEventRecord-results.json'), 'utf8'),
    ) as {
      event: string;
      valid: boolean;
      errors: string[];
    }[];
    const got = lines('generated/events/events.example.jsonl').map((l) => {
      const rec = JSON.parse(l) as { event: string };
      return { event: rec.event, ...validateEventRecord(rec) };
    });
    expect(got).toEqual(expected);
    for (const l of lines('copied/events/eval-happy-events.jsonl')) {
      expect(validateEventRecord(JSON.parse(l))).toEqual({ valid: true, errors: [] });
    }
  });

  it('rejects bad names, timestamps and shapes', () => {
    expect(
      validateEventRecord({ event: 'orchestrator.Wave.started', timestamp: '2026-01-01T00:00:00Z' })
        .valid,
    ).toBe(false);
    expect(
      validateEventRecord({ event: 'orchestrator.wave', timestamp: '2026-01-01T00:00:00Z' }).valid,
    ).toBe(false);
    expect(
      validateEventRecord({
        event: 'orchestrator.wave.started',
        timestamp: '2026-01-01T00:00:00+02:00',
      }).valid,
    ).toBe(false);
    expect(
      validateEventRecord({
        event: 'orchestrator.wave.started',
        timestamp: '2026-01-01T00:00:00.1234Z',
      }).valid,
    ).toBe(false);
    expect(validateEventRecord({ timestamp: '2026-01-01T00:00:00Z' }).errors).toEqual([
      'event must be a non-empty string',
    ]);
    expect(validateEventRecord('x')).toEqual({
      valid: false,
      errors: ['record must be a JSON object'],
    });
  });
});

describe('events.jsonl projection', () => {
  it('renders the reference envelope for lifecycle, waves, gates and stagnation', () => {
    const out = render('completed');
    expect(out.path).toBe('.orchestrator/metrics/events.jsonl');
    const recs = out.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(recs.map((r) => r.event)).toEqual([
      'orchestrator.session.started',
      'orchestrator.wave.started',
      'stagnation_detected',
      'orchestrator.quality_gate.passed',
      'orchestrator.wave.completed',
      'orchestrator.wave.started',
      'orchestrator.wave.completed',
      'orchestrator.session.completed',
    ]);
    for (const r of recs) {
      expect(validateEventRecord(r)).toEqual({ valid: true, errors: [] });
      if (String(r.event).startsWith('orchestrator.'))
        expect(r.event).toMatch(ORCHESTRATOR_EVENT_NAME);
    }
    expect(out.lines[2]).toBe(
      `{"event":"stagnation_detected","timestamp":"2026-08-22T07:15:17.000Z","session":"${LABEL}","wave":2,"agent":"session-orchestrator:code-implementer","pattern":"error-echo","error_class":"edit-format-friction","file":"src/a.ts","occurrences":3}`,
    );
    expect(recs[3]).toEqual({
      timestamp: '2026-08-22T07:15:25.000Z',
      event: 'orchestrator.quality_gate.passed',
      variant: 'auto-fix-loop',
      exit_code: 0,
      attempts: 2,
      counts: { passed: 12, failed: 0, total: 12 },
      wave_number: 2,
      session_id: STREAM,
    });
    expect(recs[0]).toEqual({
      timestamp: '2026-08-22T07:15:00.000Z',
      event: 'orchestrator.session.started',
      platform: 'claude',
      project: 'repo',
      branch: 'main',
      session_id: STREAM,
      semantic_session_id: LABEL,
      session_type: 'deep',
    });
  });

  it('emits quality_gate.failed once on exhaustion, with the last exit code', () => {
    const base = buildSessionLog('open', false);
    const s = (type: string, data: unknown, seq: number) =>
      ({ v: 1, seq, ts: '2026-08-22T08:00:00.000Z', session: STREAM, type, data }) as never;
    const n = base.length;
    const outs = foldRender(eventsJsonlProjection, [
      ...base,
      s(
        'gate.failed',
        {
          wave: 3,
          attempt: 1,
          gate: 'test',
          command: ['npm', 'test'],
          exitCode: 2,
          output: '',
          timedOut: false,
        },
        n + 1,
      ),
      s('gate.exhausted', { wave: 3, attempts: 1, maxRetries: 0, gate: 'test' }, n + 2),
      s('session.aborted', { cause: 'gate-exhausted', reason: 'test failed' }, n + 3),
    ]);
    const recs = (outs[0] as OwnedLinesOutput).lines.map(
      (l) => JSON.parse(l) as Record<string, unknown>,
    );
    const failed = recs.filter((r) => r.event === 'orchestrator.quality_gate.failed');
    expect(failed).toEqual([
      {
        timestamp: '2026-08-22T08:00:00.000Z',
        event: 'orchestrator.quality_gate.failed',
        variant: 'full-gate',
        exit_code: 2,
        attempts: 1,
        gate: 'test',
        wave_number: 3,
        session_id: STREAM,
      },
    ]);
    expect(recs.at(-1)).toMatchObject({
      event: 'orchestrator.session.aborted',
      cause: 'gate-exhausted',
      session_id: STREAM,
    });
  });

  it('owns lines by session_id (stream id) or legacy session (label), nothing else', () => {
    const out = render('completed');
    expect(
      out.owns(JSON.stringify({ event: 'orchestrator.wave.started', session_id: STREAM })),
    ).toBe(true);
    expect(out.owns(JSON.stringify({ event: 'stagnation_detected', session: LABEL }))).toBe(true);
    expect(
      out.owns(JSON.stringify({ event: 'orchestrator.wave.started', session_id: 'someone-else' })),
    ).toBe(false);
    for (const l of lines('generated/events/events.example.jsonl')) {
      if (!l.includes(LABEL) && !l.includes(STREAM)) expect(out.owns(l)).toBe(false);
    }
  });

  it('is deterministic and renders nothing before session.started', () => {
    expect(render('aborted').lines).toEqual(render('aborted').lines);
    expect(foldRender(eventsJsonlProjection, [])).toEqual([]);
  });
});
