/**
 * Count parsing against the real runner output in test/fixtures/gate-output/ (see its README
 * for the commands). Every suite has 4 tests, one skipped; the red runs fail one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTestCounts } from '../../src/actors/quality-gate.output.js';

const sample = (name: string): string =>
  readFileSync(join('test/fixtures/gate-output', name), 'utf8');

const RED = { passed: 2, failed: 1, total: 4 };
const GREEN = { passed: 3, failed: 0, total: 4 };

describe('test counts from real runner output', () => {
  it.each([
    ['vitest-red.txt', RED],
    ['vitest-green.txt', GREEN],
    ['jest-red.txt', RED],
    ['jest-green.txt', GREEN],
    ['pytest-red.txt', RED],
    ['pytest-green.txt', GREEN],
    ['go-v-red.txt', RED],
    ['go-v-green.txt', GREEN],
    ['go-json-red.txt', RED],
  ])('%s', (file, counts) => {
    expect(parseTestCounts(sample(file))).toEqual(counts);
  });

  it.each(['node-test-tap-red.txt', 'node-test-spec-red.txt'])(
    '%s (node:test: 1 pass, 1 fail, 1 skipped, 1 todo)',
    (file) => {
      expect(parseTestCounts(sample(file))).toEqual({ passed: 1, failed: 1, total: 4 });
    },
  );

  it('plain `go test` lists no passes: no counts rather than wrong ones', () => {
    expect(parseTestCounts(sample('go-red.txt'))).toBeUndefined();
    expect(parseTestCounts(sample('go-green.txt'))).toBeUndefined();
  });

  it('a go-looking line alone is not a go run', () => {
    expect(parseTestCounts('--- PASS: TestX (0.00s)\n')).toBeUndefined();
  });
});
