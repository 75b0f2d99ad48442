import { describe, expect, it } from 'vitest';
import { blameOf, baselineNote } from '../../src/domain/gate-blame.js';
import { buildFixTask, fixErrorContext } from '../../src/domain/fix-context.js';

const failure = {
  gate: 'test',
  command: ['npx', 'vitest', 'run'],
  exitCode: 1,
  output: 'FAIL src/greet.test.js > greets',
  timedOut: false,
  attempt: 2,
  counts: { passed: 4, failed: 2, total: 6 },
};
const red = {
  name: 'test',
  ok: false,
  exitCode: 1,
  timedOut: false,
  counts: { passed: 5, failed: 1, total: 6 },
};

describe('blame against the baseline', () => {
  it('green or no baseline: new; red and no worse: pre-existing; more failures or another exit: worse', () => {
    expect(blameOf(failure, undefined)).toBe('new');
    expect(blameOf(failure, [{ ...red, ok: true, exitCode: 0 }])).toBe('new');
    expect(blameOf(failure, [{ ...red, name: 'lint' }])).toBe('new');
    expect(blameOf({ ...failure, counts: { passed: 5, failed: 1, total: 6 } }, [red])).toBe(
      'pre-existing',
    );
    expect(blameOf({ ...failure, counts: undefined }, [red])).toBe('pre-existing');
    expect(blameOf(failure, [red])).toBe('worse');
    expect(blameOf({ ...failure, exitCode: null, timedOut: true }, [red])).toBe('worse');
    expect(baselineNote('test', [red])).toBe(
      'Gate test was already red at session start (baseline: exited 1, 1 of 6 tests failing).',
    );
    expect(baselineNote('lint', [red])).toBeUndefined();
  });
});

describe('the fix task', () => {
  it('is the machine fix task (same id, text, acceptance), scoped to the wave files and the files changed since green', () => {
    const fix = buildFixTask({
      wave: 3,
      failure: { ...failure, changedSinceGreen: ['src/greet.js', 'src/util.js'] },
      waveFiles: ['src/greet.js', 'src/greet.test.js'],
      maxRetries: 2,
      runner: 'default',
    });
    expect(fix.reason).toBe('fix');
    expect(fix.task).toEqual({
      id: 'fix-3-2',
      task: 'Make the quality gate "test" (npx vitest run) pass again after wave 3. Fix the code, never the tests\' expectations or mocks.',
      files: ['src/greet.js', 'src/greet.test.js', 'src/util.js'],
      acceptance: 'npx vitest run exits 0',
      dependsOn: [],
      runner: 'default',
      contractLock: false,
    });
  });

  it('its context holds the failure, the changed files, the corrective context and the baseline', () => {
    const text = fixErrorContext({
      wave: 3,
      failure: { ...failure, changedSinceGreen: ['src/greet.js'] },
      waveFiles: ['src/greet.js', 'src/greet.test.js'],
      corrective: [1, 2, 3, 4, 5, 6].map((n) => ({
        attempt: n,
        gate: 'test',
        exitCode: 1,
        timedOut: false,
        ...(n === 6 ? { fixer: 'done — renamed greet()' } : {}),
      })),
      baseline: [red],
      maxRetries: 2,
      runner: 'default',
    });
    expect(text.split('\n')).toEqual([
      'Gate test exited 1 (2 of 6 tests failing) on attempt 2 of 3.',
      'Command: npx vitest run',
      'Gate test was already red at session start (baseline: exited 1, 1 of 6 tests failing). It fails worse now: find what this session changed that made it worse.',
      'Files changed since the last green gate (look here first):',
      '- src/greet.js',
      'Earlier attempts that did not make the gate pass:',
      '- attempt 2: test exited 1',
      '- attempt 3: test exited 1',
      '- attempt 4: test exited 1',
      '- attempt 5: test exited 1',
      '- attempt 6: test exited 1; the fixer reported: done — renamed greet()',
      'Output (tail):',
      'FAIL src/greet.test.js > greets',
    ]);
  });

  it('without a green gate yet, the wave files are where to look; a pre-existing red is said so', () => {
    const text = fixErrorContext({
      wave: 1,
      failure: {
        ...failure,
        counts: { passed: 5, failed: 1, total: 6 },
        command: ['sh', '-c', 'npm test && echo ok'],
      },
      waveFiles: ['a.js'],
      baseline: [red],
      maxRetries: 0,
      runner: 'default',
    });
    expect(text).toContain("Command: sh -c 'npm test && echo ok'");
    expect(text).toContain('It fails no worse now: some failures may predate this session.');
    expect(text).toContain('Files changed by this wave (look here first):\n- a.js');
  });
});
