import { describe, expect, it } from 'vitest';
import { ChunkList } from '../../../src/projections/state-md/chunk-list.js';
import { OpenQuestionList } from '../../../src/projections/state-md/open-questions.list.js';
import {
  formatAgentLine,
  formatDeviation,
  formatMissionLine,
  formatOpenQuestion,
  formatSkippedWave,
  formatWaveHeader,
  formatWhatNotToRetry,
  MAX_OPEN_QUESTIONS,
} from '../../../src/projections/state-md/state-md.sections.js';

describe('section line formats (exact lines of fixture 05/06)', () => {
  it('wave headers', () => {
    expect(
      formatWaveHeader(
        2,
        'Impl-Core',
        { planned: 3, actual: 4, suite: { passed: 212, failed: 0, platform: 'linux' } },
        true,
      ),
    ).toBe(
      '### Wave 2 — Impl-Core (planned 3 files → actual 4, over-delivery 1.33) — suite 212/0 on linux',
    );
    expect(formatWaveHeader(3, 'Quality', { planned: 0, actual: 2 }, true)).toBe(
      '### Wave 3 — Quality (planned 0 files → actual 2, over-delivery 2.00)',
    );
    expect(
      formatWaveHeader(
        3,
        'Quality',
        { planned: 1, actual: 1, suite: { passed: 1, failed: 2, platform: 'darwin' } },
        false,
      ),
    ).toBe('### Wave 3 — Quality — suite 1/2 on darwin');
    expect(formatSkippedWave(1, 'Discovery')).toBe('### Wave 1 — Discovery (skipped, no tasks)');
  });

  it('agent lines', () => {
    expect(
      formatAgentLine({
        description: 'CLI retry flag',
        status: 'done',
        files: 2,
        note: 'parser + unit test',
      }),
    ).toBe('- Agent "CLI retry flag": done — 2 files — parser + unit test');
    expect(formatAgentLine({ description: 'x', status: 'spiral', files: 1, note: '' })).toBe(
      '- Agent "x": spiral — 1 file',
    );
    expect(
      formatAgentLine({ description: 'a\nb', status: 'failed', files: 0, note: 'n\r\nm' }),
    ).toBe('- Agent "a b": failed — 0 files — n m');
  });

  it('deviation, mission, question and what-not-to-retry lines', () => {
    expect(formatDeviation('2026-08-22T07:31:02.000Z', 'one\ntwo')).toBe(
      '- [2026-08-22T07:31:02.000Z] one two',
    );
    expect(formatMissionLine('m-1', 'testing', '2026-11-24T09:11:52.221Z')).toBe(
      '- m-1: testing (updated 2026-11-24T09:11:52.221Z)',
    );
    expect(
      formatOpenQuestion({
        question: 'Should --retry default to 3 or 0?',
        source: 'W2/CLI retry flag',
        priority: 'high',
        answered: true,
        answer: 'default 3, operator confirmed',
      }),
    ).toBe(
      '- [x] Should --retry default to 3 or 0? (source: W2/CLI retry flag, prio: high) → Antwort: default 3, operator confirmed',
    );
    expect(formatWhatNotToRetry({ approach: '', why: '', sessionId: '', date: '2026-01-02' })).toBe(
      '- **(unspecified approach)** (unknown-session, 2026-01-02)\n  - why: (no reason recorded)',
    );
  });
});

describe('open question list', () => {
  it('collapses newlines, defaults, dedups with reset, caps FIFO at 20', () => {
    const list = new OpenQuestionList();
    list.ask('Q\n1?', 'W1/a', undefined);
    expect(list.answer('Q 1?', 'yes\nno')).toBe(true);
    expect(list.answer('Q 1?', 'again')).toBe(false);
    expect(list.lines()).toBe('- [x] Q 1? (source: W1/a, prio: medium) → Antwort: yes no');
    list.ask('Q 2?', '', 'low');
    list.ask('Q 1?', 'W3/b', 'high');
    expect(list.lines()).toBe(
      '- [ ] Q 1? (source: W3/b, prio: high)\n- [ ] Q 2? (source: unknown-source, prio: low)',
    );
    for (let i = 3; i <= 25; i++) list.ask(`Q ${i}?`, 's', 'low');
    expect(list.size).toBe(MAX_OPEN_QUESTIONS);
    expect(list.lines().split('\n')[0]).toBe('- [ ] Q 6? (source: s, prio: low)');
    expect(list.answer('Q 1?', 'gone')).toBe(false);
  });
});

describe('chunk list', () => {
  it('joins, updates across block boundaries and memoises correctly', () => {
    const list = new ChunkList();
    expect(list.join()).toBe('');
    const n = 300;
    for (let i = 0; i < n; i++) list.push(`c${i}`);
    const expected = Array.from({ length: n }, (_, i) => `c${i}`);
    expect(list.join()).toBe(expected.join('\n'));
    list.set(0, 'first');
    list.set(128, 'mid');
    list.set(299, 'last');
    expected[0] = 'first';
    expected[128] = 'mid';
    expected[299] = 'last';
    expect(list.join()).toBe(expected.join('\n'));
    expect(list.get(128)).toBe('mid');
    expect(() => list.set(300, 'x')).toThrow(RangeError);
    list.clear();
    expect([list.length, list.join()]).toEqual([0, '']);
  });
});
