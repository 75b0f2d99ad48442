import { describe, expect, it } from 'vitest';
import { gatePrograms, scriptPrograms } from '../../src/actors/preflight/gate-programs.js';

describe('programs of a gate command', () => {
  it('a plain argv starts its first word', () => {
    expect(gatePrograms(['npx', 'eslint', '.'])).toEqual(['npx']);
    expect(gatePrograms([])).toEqual([]);
  });

  it('a sh -c script starts the first word of each simple command', () => {
    expect(gatePrograms(['sh', '-c', 'eslintx . && tsc --noEmit || vitest run | tee log'])).toEqual(
      ['sh', 'eslintx', 'tsc', 'vitest', 'tee'],
    );
  });

  it('skips assignments, redirections, builtins, keywords and expansions', () => {
    expect(
      scriptPrograms(
        'cd app; NODE_ENV=test 2>&1 jest --ci; if test -f x; then echo "a && b"; fi; $RUNNER go; `which x`',
      ),
    ).toEqual(['jest']);
  });

  it('separators inside quotes do not split', () => {
    expect(scriptPrograms(`pytest -k 'a or b; c' && go test "./... | x"`)).toEqual([
      'pytest',
      'go',
    ]);
  });
});
