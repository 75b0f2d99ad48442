import { describe, expect, it } from 'vitest';
import {
  parseOpenQuestions,
  parseStatusLine,
  parseStatusReport,
} from '../../../src/actors/runners/status-line.parser.js';

describe('STATUS line parsing', () => {
  it.each([
    [
      'STATUS: done — added the middleware',
      { status: 'done', word: 'done', summary: 'added the middleware' },
    ],
    [
      'STATUS: done - hyphen separator',
      { status: 'done', word: 'done', summary: 'hyphen separator' },
    ],
    [
      'STATUS: done – en dash separator',
      { status: 'done', word: 'done', summary: 'en dash separator' },
    ],
    ['STATUS: done', { status: 'done', word: 'done', summary: '' }],
    [
      'STATUS: no-tests-needed — pure refactor',
      { status: 'done', word: 'no-tests-needed', summary: 'pure refactor' },
    ],
    [
      'STATUS: partial — routes mapped | REMAINING: middleware table',
      {
        status: 'partial',
        word: 'partial',
        summary: 'routes mapped',
        remaining: 'middleware table',
      },
    ],
    ['STATUS: partial — half of it', { status: 'partial', word: 'partial', summary: 'half of it' }],
    [
      'STATUS: failed — tests do not compile',
      { status: 'failed', word: 'failed', summary: 'tests do not compile' },
    ],
    [
      '**STATUS: done** — bold markdown',
      { status: 'done', word: 'done', summary: 'bold markdown' },
    ],
    ['- STATUS: FAILED — upper case', { status: 'failed', word: 'failed', summary: 'upper case' }],
    ['`STATUS: done — in backticks`', { status: 'done', word: 'done', summary: 'in backticks' }],
  ])('%s', (line, expected) => {
    expect(parseStatusLine(line)).toEqual(expected);
  });

  it.each([
    'status is done',
    'STATUS: finished — unknown word',
    'The STATUS: done line comes at the end',
    'STATUS: doneish — not a word boundary',
  ])('rejects %s', (line) => {
    expect(parseStatusLine(line)).toBeNull();
  });

  it('takes the LAST STATUS line of a message', () => {
    const text = 'STATUS: partial — first | REMAINING: x\nmore work\nSTATUS: done — second\n';
    expect(parseStatusReport(text)).toEqual({ status: 'done', word: 'done', summary: 'second' });
  });

  it('takes REMAINING from the next line of a partial', () => {
    expect(parseStatusReport('STATUS: partial — did A\nREMAINING: B and C')).toEqual({
      status: 'partial',
      word: 'partial',
      summary: 'did A',
      remaining: 'B and C',
    });
  });

  it('returns null without a STATUS line', () => {
    expect(parseStatusReport('I made the changes.')).toBeNull();
  });
});

describe('OPEN-QUESTIONS parsing', () => {
  it('parses inline questions with context and candidates, deduplicated', () => {
    const text = [
      'OPEN-QUESTIONS: Retry default 3 or 0? | context: callers differ | candidates: 3 / 0',
      'OPEN-QUESTIONS: Keep RETRY env var?',
      'OPEN-QUESTIONS: Retry default 3 or 0? | context: duplicate',
      'OPEN-QUESTIONS: none',
    ].join('\n');
    expect(parseOpenQuestions(text)).toEqual([
      { question: 'Retry default 3 or 0?', context: 'callers differ', candidates: ['3', '0'] },
      { question: 'Keep RETRY env var?' },
    ]);
  });

  it('parses bullet lists after a bare marker', () => {
    const text =
      'OPEN-QUESTIONS:\n- Use Redis? | context: multi-node\n- Log denials?\n\nSTATUS: done — x';
    expect(parseOpenQuestions(text)).toEqual([
      { question: 'Use Redis?', context: 'multi-node' },
      { question: 'Log denials?' },
    ]);
  });
});
