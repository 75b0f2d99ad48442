import { describe, expect, it } from 'vitest';
import {
  expandChanged,
  gateKindAfterWave,
  gatePlanFor,
  usesChanged,
} from '../../src/domain/gate-kinds.js';

const GATES = [
  { name: 'lint', argv: ['eslint', '.'], lite: ['eslint', '{changed:ts,js}'] },
  { name: 'typecheck', argv: ['tsc', '--noEmit'] },
  { name: 'test', argv: ['vitest', 'run'], lite: ['vitest', 'related', '--run', '{changed}'] },
];

describe('gate kinds', () => {
  it('baseline and Full Gate run every full command, in order, never the lite ones', () => {
    for (const kind of ['baseline', 'full'] as const) {
      expect(gatePlanFor(kind, GATES, ['src/a.ts'])).toEqual({
        run: [
          { name: 'lint', argv: ['eslint', '.'] },
          { name: 'typecheck', argv: ['tsc', '--noEmit'] },
          { name: 'test', argv: ['vitest', 'run'] },
        ],
        skipped: [],
      });
    }
  });

  it('Quality-Lite fills {changed} (filtered by extension) and keeps gates without a lite command', () => {
    expect(gatePlanFor('lite', GATES, ['src/a.ts', 'README.md', 'lib/b.js'])).toEqual({
      run: [
        { name: 'lint', argv: ['eslint', 'src/a.ts', 'lib/b.js'] },
        { name: 'typecheck', argv: ['tsc', '--noEmit'] },
        { name: 'test', argv: ['vitest', 'related', '--run', 'src/a.ts', 'README.md', 'lib/b.js'] },
      ],
      skipped: [],
    });
  });

  it('Quality-Lite skips a gate whose placeholder selects no file', () => {
    expect(gatePlanFor('lite', GATES, ['README.md']).skipped).toEqual(['lint']);
    expect(gatePlanFor('lite', GATES, []).skipped).toEqual(['lint', 'test']);
  });

  it('a file that looks like an option gets ./; inside sh -c the list is shell-quoted', () => {
    expect(expandChanged(['prettier', '--check', '{changed}'], ['-x.md', 'a b.md'])).toEqual([
      'prettier',
      '--check',
      './-x.md',
      'a b.md',
    ]);
    expect(
      expandChanged(['sh', '-c', 'eslint {changed:js} && echo ok'], ["it's.js", 'a.js']),
    ).toEqual(['sh', '-c', `eslint 'it'\\''s.js' a.js && echo ok`]);
    expect(expandChanged(['sh', '-c', 'eslint {changed:js}'], ['a.md'])).toBeNull();
  });

  it('knows which commands use the placeholder', () => {
    expect(usesChanged(['eslint', '{changed}'])).toBe(true);
    expect(usesChanged(['sh', '-c', 'eslint {changed:ts} | tee x'])).toBe(true);
    expect(usesChanged(['eslint', '.'])).toBe(false);
    expect(usesChanged(['echo', '{changed:}'])).toBe(false);
  });

  it('picks the gate after each wave by role', () => {
    const roles = ['Discovery', 'Impl-Core', 'Impl-Polish', 'Quality', 'Finalization'] as const;
    expect(roles.map((_, i) => gateKindAfterWave(roles, i + 1))).toEqual([
      null,
      'lite',
      'lite',
      'full',
      null,
    ]);
    // No Quality wave: the last implementation wave gets the Full Gate.
    const noQuality = ['Impl-Core', 'Impl-Polish', 'Finalization'] as const;
    expect(noQuality.map((_, i) => gateKindAfterWave(noQuality, i + 1))).toEqual([
      'lite',
      'full',
      null,
    ]);
    expect(gateKindAfterWave(roles, 9)).toBeNull();
  });
});
