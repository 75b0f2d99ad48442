import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../src/events.js';
import { deviationText, whatNotToRetryText } from '../../src/domain/wording.js';
import { upcastDeviationV1, upcastWhatNotToRetryV1 } from '../../src/events/journal.upcasters.js';

const v1 = (type: string, data: unknown) =>
  parseEvent({ v: 1, seq: 1, ts: '2026-11-24T09:00:00.000Z', session: 's', type, data });

describe('journal upcasters (v1 sentences → v2 facts)', () => {
  it('parses each v1 deviation template back into its code and parameters', () => {
    const cases: Array<[string, unknown]> = [
      [
        'Wave 3: task m-2 ended partial; its REMAINING work is carried into wave 4 (Quality).',
        {
          code: 'carried-over',
          params: { taskId: 'm-2', status: 'partial', next: { wave: 4, role: 'Quality' } },
        },
      ],
      [
        'Wave 2: task m-3 ended failed; a fix task with its error context goes into the next session (no waves left).',
        { code: 'fix-task', params: { taskId: 'm-3', status: 'failed', next: null } },
      ],
      [
        'Wave 2: task m-2 held back: its dependency m-1 is not done (it waits with it).',
        { code: 'dependency-held', params: { taskId: 'm-2', blocker: 'm-1' } },
      ],
      [
        'Wave 1: dispatch verification found 2 of 3 agents never started after one re-dispatch (m-1, m-3); carried over.',
        { code: 'dispatch-missing', params: { planned: 3, missing: ['m-1', 'm-3'] } },
      ],
    ];
    for (const [message, facts] of cases) {
      const wave = Number(/^Wave (\d+)/.exec(message)?.[1]);
      const up = upcastDeviationV1({ wave, kind: 'D6', message });
      expect(up).toMatchObject(facts as object);
    }
  });

  it('keeps a sentence no template explains as text, rendered as it was', () => {
    const e = v1('deviation.recorded', {
      wave: null,
      kind: 'D1',
      message: 'Wave 2 resource-gate reduce',
    });
    expect(e.data).toEqual({
      wave: null,
      kind: 'D1',
      code: 'text',
      params: { text: 'Wave 2 resource-gate reduce' },
    });
    expect(e.type === 'deviation.recorded' && deviationText(e.data)).toBe(
      'Wave 2 resource-gate reduce',
    );
  });

  it('does not take a look-alike: the parse must render back to the very sentence', () => {
    // "wave 9 (Quality)" does not name where the work went in this sentence's own words.
    const up = upcastDeviationV1({
      wave: 3,
      kind: 'D6',
      message: 'Wave 3: task m-2 ended partial; its REMAINING work is carried into somewhere else.',
    });
    expect(up).toMatchObject({ code: 'text' });
  });

  it('parses a What Not To Retry entry into its task facts, or keeps its words', () => {
    const facts = upcastWhatNotToRetryV1({
      approach: 'Add middleware (m-2)',
      why: 'SPIRAL — edited src/mw.ts 3 times (evidence: src/mw.ts)',
    });
    expect(facts).toEqual({
      taskId: 'm-2',
      description: 'Add middleware',
      status: 'spiral',
      note: 'edited src/mw.ts 3 times',
      file: 'src/mw.ts',
    });
    const kept = upcastWhatNotToRetryV1({ approach: 'Patching by hand', why: 'it broke' });
    expect(whatNotToRetryText(kept as never)).toEqual({
      approach: 'Patching by hand',
      why: 'it broke',
    });
  });
});
