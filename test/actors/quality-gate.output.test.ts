import { describe, expect, it } from 'vitest';
import {
  lastLines,
  OutputTail,
  parseTestCounts,
  stripAnsi,
} from '../../src/actors/quality-gate.output.js';

const esc = '\u001b';

describe('parseTestCounts', () => {
  it('reads a vitest summary, colours included', () => {
    const line = `${esc}[2m      Tests ${esc}[22m ${esc}[1m${esc}[31m1 failed${esc}[39m${esc}[22m${esc}[2m | ${esc}[22m${esc}[1m${esc}[32m1 passed${esc}[39m${esc}[22m${esc}[2m | ${esc}[22m${esc}[33m1 skipped${esc}[39m${esc}[90m (3)${esc}[39m`;
    const output = ` Test Files  1 failed (1)\n${line}\n   Start at  13:37:09\n`;
    expect(parseTestCounts(output)).toEqual({ passed: 1, failed: 1, total: 3 });
    expect(parseTestCounts('      Tests  3 passed (3)')).toEqual({
      passed: 3,
      failed: 0,
      total: 3,
    });
  });

  it('does not mistake the vitest "Test Files" line for tests', () => {
    expect(parseTestCounts(' Test Files  4 passed (4)')).toBeUndefined();
  });

  it('reads a jest summary', () => {
    const output =
      'Test Suites: 1 failed, 2 passed, 3 total\nTests:       1 failed, 1 skipped, 7 passed, 9 total\nSnapshots:   0 total\n';
    expect(parseTestCounts(output)).toEqual({ passed: 7, failed: 1, total: 9 });
  });

  it('reads a node --test summary (tap and spec reporters)', () => {
    const tap = '1..3\n# tests 3\n# suites 0\n# pass 1\n# fail 1\n# cancelled 0\n# skipped 1\n';
    expect(parseTestCounts(tap)).toEqual({ passed: 1, failed: 1, total: 3 });
    const spec = 'ℹ tests 12\nℹ suites 2\nℹ pass 12\nℹ fail 0\nℹ duration_ms 80.1\n';
    expect(parseTestCounts(spec)).toEqual({ passed: 12, failed: 0, total: 12 });
  });

  it('reads a pytest summary (verbose and -q)', () => {
    const verbose =
      'FAILED test_x.py::test_b - assert 0\n==================== 1 failed, 1 passed, 1 skipped in 0.87s ====================\n';
    expect(parseTestCounts(verbose)).toEqual({ passed: 1, failed: 1, total: 3 });
    expect(parseTestCounts('2 passed, 1 error, 3 warnings in 0.12s')).toEqual({
      passed: 2,
      failed: 1,
      total: 3,
    });
  });

  it('returns undefined for output without a summary', () => {
    expect(parseTestCounts('tsc: 0 errors\nall good\n')).toBeUndefined();
    expect(parseTestCounts('')).toBeUndefined();
  });
});

describe('output tail', () => {
  it('lastLines ignores a trailing newline and handles short text', () => {
    expect(lastLines('a\nb\nc\n', 2)).toBe('b\nc');
    expect(lastLines('a\nb', 5)).toBe('a\nb');
    expect(lastLines('', 3)).toBe('');
  });

  it('stripAnsi removes colour codes', () => {
    expect(stripAnsi(`${esc}[31mred${esc}[39m plain`)).toBe('red plain');
  });

  it('keeps the last lines across many chunks and bounds memory', () => {
    const tail = new OutputTail(3, 100);
    for (let i = 1; i <= 10_000; i++) tail.push(`line ${i}\n`);
    expect(tail.text()).toBe('line 9998\nline 9999\nline 10000');
  });

  it('cuts one endless line to the character cap', () => {
    const tail = new OutputTail(50, 100);
    for (let i = 0; i < 1_000; i++) tail.push('x'.repeat(97) + 'end');
    const text = tail.text();
    expect(text).toHaveLength(100);
    expect(text.endsWith('end')).toBe(true);
  });
});
