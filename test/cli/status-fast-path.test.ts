import { describe, expect, it } from 'vitest';
import { plainStatusArgs } from '../../src/cli/status-fast-path.js';

describe('plainStatusArgs (wave status without commander)', () => {
  it('reads --repo DIR, --repo=DIR and --json as commander would (last --repo wins)', () => {
    expect(plainStatusArgs(['status'])).toEqual({ repo: '.' });
    expect(plainStatusArgs(['status', '--repo', 'a', '--json'])).toEqual({
      repo: 'a',
      json: true,
    });
    expect(plainStatusArgs(['status', '--repo=b'])).toEqual({ repo: 'b' });
    expect(plainStatusArgs(['status', '--repo', 'a', '--repo=c'])).toEqual({ repo: 'c' });
  });

  it('leaves help, unknown flags, missing values and other commands to commander', () => {
    for (const args of [
      ['status', '--help'],
      ['status', '-h'],
      ['status', '--bogus'],
      ['status', '--repo'],
      ['status', '--repo', '--json'],
      ['status', 'extra'],
      ['status', '--', '--json'],
      ['replay', 'x.jsonl'],
      [],
    ]) {
      expect({ args, opts: plainStatusArgs(args) }).toEqual({ args, opts: null });
    }
  });
});
