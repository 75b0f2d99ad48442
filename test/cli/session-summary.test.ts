import { describe, expect, it } from 'vitest';
import { renderSessionSummary } from '../../src/cli/session-summary.js';
import { foldProgress } from '../../src/projections/progress.view.js';
import { createStamper } from '../projections/event-stamper.js';
import {
  buildProgressLog,
  dispatch,
  finish,
  opening,
  wave2Started,
} from './progress-log.fixture.js';

const LOG = '/work/repo/.orchestrator/log/3f2b8c1e-9d4a-4f6b-8e2c-1a2b3c4d5e6f.jsonl';

describe('session summary', () => {
  it('renders the reference progress update per wave, the outcome and the file paths', () => {
    expect(renderSessionSummary(foldProgress(buildProgressLog()))).toBe(
      `## Wave 1 (Discovery) — Skipped (no tasks)

## Wave 2 (Impl-Core) Complete ✓
- Add token bucket: done — Token bucket in src/rate-limit.ts
- Wire middleware: partial — Wired 2 of 3 routes | REMAINING: the admin route
- Document limits: crashed — exit 1: Error: boom
- Fix failing test (fix): done — Fixed the off-by-one
- Duration: 1m28s
- Tests: 12 passed, 0 failed on linux
- Gate: passed on attempt 2 of 2 (typecheck, test)
- Files changed: 2
- Adaptations for next wave: Wave 2: m-2 carried into wave 3 with its REMAINING text

## Wave 3 (Quality) Complete ✓
- Consolidate tests: done — Merged two suites
- Duration: 4s
- Tests: no gate for this wave
- Files changed: 1
- Adaptations for next wave: none

Session main-2026-08-22-deep-1 complete with carry-over after 1m38s: 2 of 5 agent run(s) not done.
STATE.md: /work/repo/.claude/STATE.md
sessions.jsonl: /work/repo/.orchestrator/metrics/sessions.jsonl
Log: ${LOG}
`,
    );
  });

  it('shows a blocked wave, the waves never reached, warnings and the abort', () => {
    const s = createStamper();
    const view = foldProgress([
      ...opening(s),
      s('deviation.recorded', {
        wave: null,
        kind: 'D1',
        code: 'text',
        params: { text: 'Wave 2 resource-gate reduce' },
      }),
      wave2Started(s),
      dispatch(s, 2, 'm-1', 'Add token bucket'),
      s('agent.started', { agentId: 'w2-m-1-a1', pid: 1, argv: [] }),
      finish(s, 'w2-m-1-a1', 'done', 'STATUS: done — all good', 3),
      s('stagnation.detected', {
        wave: 2,
        agentId: 'w2-m-1-a1',
        agent: 'impl',
        pattern: 'error-echo',
        file: null,
        occurrences: 4,
      }),
      s('gate.started', { wave: 2, attempt: 1, gates: ['lint'] }),
      s('gate.failed', {
        wave: 2,
        attempt: 1,
        gate: 'lint',
        command: ['npm', 'run', 'lint'],
        exitCode: null,
        output: '',
        timedOut: true,
      }),
      s('gate.exhausted', { wave: 2, attempts: 1, maxRetries: 0, gate: 'lint' }),
      s('deviation.recorded', {
        wave: 2,
        kind: 'D3',
        code: 'text',
        params: { text: 'Wave 2 auto-fix exhausted' },
      }),
      s('question.asked', { question: 'Keep it?', source: 'W2/w2-m-1-a1' }),
      s('session.aborted', { cause: 'gate-exhausted', reason: 'lint kept failing' }),
    ]);
    const text = renderSessionSummary(view, { log: null, stateMd: '/x/STATE.md' });
    expect(text).toBe(`## Wave 1 (Discovery) — Not started

## Wave 2 (Impl-Core) — Blocked ✗
- Add token bucket: done — STATUS: done — all good
- Duration: 7s
- Tests: counts not reported
- Gate: lint failed (timed out) on attempt 1
- Adaptations for next wave: none
- Deviation D3: Wave 2 auto-fix exhausted
- Warning: w2-m-1-a1: error-echo (4×)
- Warning: gate lint still failing after 1 attempt(s) (max-retries 0)

## Wave 3 (Quality) — Not started

Session main-2026-08-22-deep-1 aborted (gate-exhausted) after 14s: lint kept failing
- D1: Wave 2 resource-gate reduce
- Open questions: 1 (see STATE.md)
STATE.md: /x/STATE.md
sessions.jsonl: /work/repo/.orchestrator/metrics/sessions.jsonl
`);
  });

  it('says how to continue when the session stopped before its end', () => {
    const s = createStamper();
    const running = foldProgress([...opening(s), wave2Started(s)]);
    expect(renderSessionSummary(running, { stateMd: null, sessionsJsonl: null, log: null })).toBe(
      `## Wave 1 (Discovery) — Not started

## Wave 2 (Impl-Core) — Interrupted (running)
- Tests: no gate for this wave
- Adaptations for next wave: none

## Wave 3 (Quality) — Not started

Session main-2026-08-22-deep-1 stopped before its end — continue with \`wave resume\`.
`,
    );
    const paused = foldProgress([...opening(s), s('session.paused', { reason: 'decision' })]);
    expect(renderSessionSummary(paused)).toContain(
      'Session main-2026-08-22-deep-1 paused: decision — continue with `wave resume`.',
    );
  });

  it('reports a clean success', () => {
    const s = createStamper();
    const view = foldProgress([...opening(s), s('session.completed', { outcome: 'success' })]);
    expect(renderSessionSummary(view)).toContain(
      'Session main-2026-08-22-deep-1 complete ✓ after 3s: all waves done, gates green.\n',
    );
  });
});
