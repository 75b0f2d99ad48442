/** `scope.violated` and the `scope-violation` deviation: schema and the STATE.md sentence. */
import { describe, expect, it } from 'vitest';
import { validateEventData } from '../../src/events.js';
import { deviationText } from '../../src/domain/wording.js';

const violation = {
  wave: 2,
  agentId: 'w2-m-2-a1',
  taskId: 'm-2',
  files: ['README.md', 'src/math.js'],
  mode: 'strict',
  action: 'revert',
} as const;

describe('scope.violated', () => {
  it('validates the data and refuses an empty file list or mode off', () => {
    expect(validateEventData('scope.violated', violation)).toEqual(violation);
    expect(() => validateEventData('scope.violated', { ...violation, files: [] })).toThrow();
    expect(() => validateEventData('scope.violated', { ...violation, mode: 'off' })).toThrow();
  });

  it('the deviation renders per mode, in the Deviations line format of STATE.md', () => {
    const params = { agent: 'Add a limiter', taskId: 'm-2', files: ['src/math.js'] };
    const strict = { wave: 2, kind: 'D6', code: 'scope-violation' } as const;
    expect(
      validateEventData('deviation.recorded', {
        ...strict,
        params: { ...params, mode: 'strict', action: 'revert' },
      }),
    ).toBeTruthy();
    expect(
      deviationText({ ...strict, params: { ...params, mode: 'strict', action: 'revert' } }),
    ).toBe(
      'Wave 2 scope violation: agent "Add a limiter" (task m-2) changed file(s) outside the wave\'s allowedPaths: src/math.js. Enforcement strict — reverted to the pre-dispatch state.',
    );
    expect(
      deviationText({ ...strict, params: { ...params, mode: 'warn', action: 'keep' } }),
    ).toMatch(/Enforcement warn — kept with a warning\.$/);
  });
});
