/** Scope path patterns, the command guard and the post-agent scope verdict. */
import { describe, expect, it } from 'vitest';
import { commandMatchesBlocked, firstBlockedPattern } from '../../src/domain/command-guard.js';
import { pathMatchesPattern } from '../../src/domain/scope-path-match.js';
import { scopeVerdict } from '../../src/domain/scope-verdict.js';

describe('pathMatchesPattern (reference semantics)', () => {
  it.each([
    ['src/a.ts', 'src/a.ts', true],
    ['src/a.ts', 'src/', true],
    ['srcx/a.ts', 'src/', false],
    ['src/b/c/d.ts', 'src/**/*.ts', true],
    ['src/d.ts', 'src/**/*.ts', true],
    ['src/b/d.ts', 'src/*.ts', false],
    ['tests/unit/retry-x.test.mjs', 'tests/**/retry*.test.mjs', true],
    ['a/__tests__/b/c.js', '**/__tests__/**', true],
    ['Src/a.ts', 'src/a.ts', false],
    ['src/a.ts', '', false],
    ['src/a+b.ts', 'src/a+b.ts', true],
    ['src/aXts', 'src/a.ts', false],
  ])('%s ~ %s → %s', (path, pattern, expected) => {
    expect(pathMatchesPattern(path, pattern)).toBe(expected);
  });
});

describe('command guard', () => {
  const blocked = ['git reset --hard', 'rm -rf', 'DROP TABLE'];
  it.each([
    'git reset --hard',
    'npm test && git reset --hard HEAD~1',
    'echo ok; rm -rf build',
    'ls | xargs rm -rf',
    'true || (cd x && rm -rf .)',
    'echo $(rm -rf /tmp/x)',
    'bash -c "git reset --hard"',
    "sudo sh -c 'cd src && rm -rf *'",
    'FOO=1 env bash -c "npm i; git   reset  --hard"',
    'psql -c "DROP TABLE users"',
    'npm run build\nrm -rf dist',
    '"git" reset --hard',
  ])('blocks %j', (command) => {
    expect(firstBlockedPattern(command, blocked)).not.toBeNull();
  });

  it.each([
    'git commit -m "rm -rf is dangerous"',
    'echo "git reset --hard"',
    'git reset --soft HEAD~1',
    'rm -r build',
    'npm run lint 2>&1 | tee out.txt',
    'grep -rf patterns.txt src',
  ])('lets %j through', (command) => {
    expect(firstBlockedPattern(command, blocked)).toBeNull();
  });

  it('falls back to the built-in list when the manifest has none', () => {
    expect(firstBlockedPattern('git push -f origin main', [])).toEqual({
      pattern: 'git push -f',
      fallback: true,
    });
    expect(commandMatchesBlocked('git push --force-with-lease', 'git push --force')).toBe(false);
  });
});

describe('scopeVerdict', () => {
  const allowedPaths = ['src/a.ts', 'src/b/', 'test/**/a*.test.ts'];
  it('strict reverts, warn keeps, off checks nothing; STATE.md and the manifest are free', () => {
    const changedFiles = ['src/a.ts', 'src/b/c.ts', 'README.md', './src/z.ts', '.claude/STATE.md'];
    expect(scopeVerdict({ changedFiles, allowedPaths, mode: 'strict' })).toEqual({
      outOfScope: ['README.md', 'src/z.ts'],
      action: 'revert',
    });
    expect(scopeVerdict({ changedFiles, allowedPaths, mode: 'warn' }).action).toBe('keep');
    expect(scopeVerdict({ changedFiles, allowedPaths, mode: 'off' })).toEqual({
      outOfScope: [],
      action: 'none',
    });
    expect(
      scopeVerdict({
        changedFiles: ['src/a.ts', 'test/x/a1.test.ts'],
        allowedPaths,
        mode: 'strict',
      }),
    ).toEqual({ outOfScope: [], action: 'none' });
  });

  it('a Discovery wave (empty allowlist) may change nothing', () => {
    expect(scopeVerdict({ changedFiles: ['src/x.ts'], allowedPaths: [], mode: 'strict' })).toEqual({
      outOfScope: ['src/x.ts'],
      action: 'revert',
    });
  });
});
