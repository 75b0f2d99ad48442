import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/events.js';
import { createDisplay } from '../../src/cli/display.js';
import { plainLine } from '../../src/cli/plain-display.js';
import { evolveProgress } from '../../src/projections/progress.view.js';
import { initProgress } from '../../src/projections/progress.types.js';
import { createStamper } from '../projections/event-stamper.js';
import { buildProgressLog, dispatch, opening, wave2Started } from './progress-log.fixture.js';

const EXPECTED = `session main-2026-08-22-deep-1 started (feature): Add rate limiting
plan: 3 wave(s), 4 task(s)
plan approved (by policy)
[wave 1] Discovery skipped (no tasks)
[wave 2] Impl-Core started: 3 task(s), isolation none, enforcement warn: writes outside 1 allowed path(s) allowed with a warning (Claude hook)
[wave 2] agent w2-m-1-a1 queued — Add token bucket
[wave 2] agent w2-m-2-a1 queued — Wire middleware
[wave 2] agent w2-m-3-a1 queued — Document limits
[wave 2] agent w2-m-1-a1 running (pid 101)
[wave 2] agent w2-m-2-a1 running (pid 102)
[wave 2] agent w2-m-3-a1 running (pid 103)
[wave 2] agent w2-m-1-a1 done (5 turns, 7s) — Token bucket in src/rate-limit.ts
[wave 2] agent w2-m-2-a1 partial (15 turns, 7s) — Wired 2 of 3 routes
[wave 2] agent w2-m-3-a1 crashed (0 turns, 1m11s) — exit 1: Error: boom
[wave 2] gate attempt 1: typecheck, test
[wave 2] gate attempt 1 failed: test exited 1
[wave 2] gate fix: agent w2-m-1-a2 for m-1
[wave 2] agent w2-m-1-a2 queued (fix) — Fix failing test
[wave 2] agent w2-m-1-a2 running (pid 104)
[wave 2] agent w2-m-1-a2 done (3 turns, 1s) — Fixed the off-by-one
[wave 2] gate attempt 2: typecheck, test
[wave 2] gate attempt 2 passed (12 passed, 0 failed)
[wave 2] deviation D6: Wave 2: m-2 carried into wave 3 with its REMAINING text
[wave 2] Impl-Core complete ✓ (quality pass, 2 file(s), tests 12/0, 1m28s)
[wave 3] Quality started: 2 task(s), isolation none, enforcement warn: writes outside 1 allowed path(s) allowed with a warning (Claude hook)
[wave 3] agent w3-m-4-a1 queued — Consolidate tests
[wave 3] agent w3-m-4-a1 running (pid 105)
[wave 3] agent w3-m-4-a1 done (4 turns, 1s) — Merged two suites
[wave 3] Quality complete ✓ (quality pass, 1 file(s), 4s)
session completed: carryover
`;

function runPlain(batches: readonly (readonly DomainEvent[])[]) {
  let err = '';
  let out = '';
  const d = createDisplay({
    mode: 'plain',
    out: { write: (c: string) => (out += c) },
    err: { write: (c: string) => (err += c) },
    now: () => {
      throw new Error('the plain display must not read the wall clock');
    },
  });
  for (const b of batches) d.onEvents(b);
  d.close();
  return { err, out };
}

describe('plain display', () => {
  const log = buildProgressLog();

  it('prints one readable line per notable event, from the log alone', () => {
    const { err } = runPlain(log.map((e) => [e]));
    expect(err).toBe(EXPECTED);
  });

  it('prints the same lines however the events are batched', () => {
    expect(runPlain([log]).err).toBe(EXPECTED);
    expect(runPlain([log.slice(0, 7), log.slice(7, 20), log.slice(20)]).err).toBe(EXPECTED);
  });

  it('puts the end summary on stdout, apart from the progress lines', () => {
    const { out } = runPlain([log]);
    expect(out.startsWith('\n## Wave 1 (Discovery) — Skipped (no tasks)\n')).toBe(true);
    expect(out).toContain('Session main-2026-08-22-deep-1 complete with carry-over');
  });

  it('covers the rarer events with stable lines', () => {
    const s = createStamper();
    const events = [
      ...opening(s),
      wave2Started(s),
      dispatch(s, 2, 'm-1', 'Add it'),
      s('wave.dispatched', { wave: 2, planned: 2, started: 1, missing: ['m-2'] }),
      s('agent.tool_called', { agentId: 'w2-m-1-a1', tool: 'Read', input: {} }),
      s('stagnation.detected', {
        wave: 2,
        agentId: 'w2-m-1-a1',
        agent: 'impl',
        pattern: 'pagination-spiral',
        file: 'src/a.ts',
        occurrences: 3,
      }),
      s('agent.timed_out', { agentId: 'w2-m-1-a1', timeoutMs: 60_000 }),
      s('question.asked', { question: 'Which store?', source: 'W2/w2-m-1-a1' }),
      s('decision.requested', {
        id: 'd-1',
        kind: 'escalation',
        prompt: 'Continue?',
        options: ['proceed', 'abort'],
        default: 'proceed',
      }),
      s('decision.made', { id: 'd-1', answer: 'abort', by: 'policy' }),
      s('gate.exhausted', { wave: 2, attempts: 3, maxRetries: 2, gate: 'lint' }),
      s('session.aborted', { cause: 'gate-exhausted', reason: 'lint kept failing' }),
    ];
    const view = initProgress();
    const lines = events.map((e) => plainLine(evolveProgress(view, e), e));
    expect(lines.slice(4)).toEqual([
      '[wave 2] agent w2-m-1-a1 queued — Add it',
      '[wave 2] dispatch: 1 of 2 started; missing m-2',
      null,
      '[wave 2] agent w2-m-1-a1: pagination-spiral on src/a.ts (3×)',
      '[wave 2] agent w2-m-1-a1 timed out (1 turn, 4s) — killed after 60s',
      'open question (W2/w2-m-1-a1): Which store?',
      'decision needed: Continue? [proceed/abort] (default proceed)',
      'decision d-1: abort (by policy)',
      '[wave 2] gate lint exhausted after 3 attempt(s)',
      'session aborted (gate-exhausted): lint kept failing',
    ]);
  });
});
