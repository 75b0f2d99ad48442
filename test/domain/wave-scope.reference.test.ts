/**
 * The wave-scope manifest rules against the reference's own outputs
 * (test/fixtures/reference/generated/wave-scope/validator-transcript.txt: exit codes and exact
 * stderr of `scripts/validate-wave-scope.mjs` on the fixtures next to it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  findScopeCollisions,
  scopeCollisionMessage,
  scopeCollisionSummary,
  type TaskScope,
} from '../../src/domain/scope-collisions.js';
import {
  expandTestSiblings,
  scopeNotCovered,
  testSiblingsFor,
  unionFileScopes,
  waveAllowedPaths,
  widenAllowedPaths,
} from '../../src/domain/wave-scope.build.js';
import { validateWaveScope } from '../../src/domain/wave-scope.validate.js';
import { REFERENCE_DIR } from '../support/reference.js';

const DIR = join(REFERENCE_DIR, 'generated/wave-scope');
const json = (name: string): unknown => JSON.parse(readFileSync(join(DIR, name), 'utf8'));
const transcript = readFileSync(join(DIR, 'validator-transcript.txt'), 'utf8');

/** The `stderr:` lines and the JSON output of one transcript section. */
function section(heading: string): { stderr: string[]; stdout: unknown; exit: number } {
  const start = transcript.indexOf(`### ${heading}`);
  const rest = transcript.slice(start).split('\n').slice(1);
  const end = rest.findIndex((l) => l.startsWith('### '));
  const lines = end === -1 ? rest : rest.slice(0, end);
  const stderr = lines.filter((l) => l.startsWith('stderr: ')).map((l) => l.slice(8));
  const exit = Number(lines.find((l) => l.startsWith('exit='))?.slice(5));
  const jsonLines = lines.filter((l) => !l.startsWith('stderr: ') && !l.startsWith('exit='));
  const text = jsonLines.join('\n').trim();
  return { stderr, exit, stdout: text === '' ? undefined : JSON.parse(text) };
}

describe('wave-scope.json validation (reference validate-wave-scope.mjs)', () => {
  it.each(['impl-core', 'discovery', 'quality-phase2'])('accepts wave-scope.%s.json', (name) => {
    expect(section(`node scripts/validate-wave-scope.mjs < wave-scope.${name}.json`).exit).toBe(0);
    expect(validateWaveScope(json(`wave-scope.${name}.json`)).errors).toEqual([]);
  });

  it('rejects wave-scope.invalid.json with the exact messages, in order', () => {
    const ref = section('node scripts/validate-wave-scope.mjs < wave-scope.invalid.json');
    expect(ref.exit).toBe(1);
    const errors = validateWaveScope(json('wave-scope.invalid.json')).errors;
    expect(errors.map((e) => `ERROR: ${e}`)).toEqual(ref.stderr);
  });

  it('warns on an empty list for a writable role, never for Discovery; warns on * and **/*', () => {
    const base = { wave: 2, enforcement: 'strict', blockedCommands: [] };
    expect(validateWaveScope({ ...base, role: 'Discovery', allowedPaths: [] }).warnings).toEqual(
      [],
    );
    const impl = validateWaveScope({ ...base, role: 'Impl-Core', allowedPaths: [] });
    expect(impl.errors).toEqual([]);
    expect(impl.warnings[0]).toMatch(/^allowedPaths is empty for role "Impl-Core"/);
    expect(
      validateWaveScope({ ...base, role: 'Quality', allowedPaths: ['**/*', '*'] }).warnings,
    ).toEqual([
      'allowedPaths contains overly permissive pattern: **/*',
      'allowedPaths contains overly permissive pattern: *',
    ]);
  });

  it('refuses filesystem roots and bare absolute files, warns on absolute globs', () => {
    const v = validateWaveScope({
      wave: 1,
      role: 'Impl-Core',
      enforcement: 'warn',
      allowedPaths: ['/', '/home/me/x/**', '/private/tmp/s/file.txt', '/private/tmp/s/**'],
      blockedCommands: [],
    });
    expect(v.errors).toEqual([
      'allowedPaths grants the entire filesystem root: / — refused unconditionally, this can never be a valid wave scope',
      'allowedPaths contains a well-known system/home directory grant: /home/me/x/** (top-level segment "home" is denylisted) — refused, scope a narrower path instead',
      'allowedPaths contains a bare absolute file grant with no wildcard: /private/tmp/s/file.txt — a single concrete out-of-repo file has no established legitimate use in this codebase; scope a glob instead',
    ]);
    expect(v.warnings).toHaveLength(1);
    expect(
      validateWaveScope({ wave: 1, role: 'x', enforcement: 'loose', allowedPaths: [], gates: [] })
        .errors,
    ).toEqual([
      'enforcement must be one of: strict, warn, off — got: loose',
      'Missing required field: blockedCommands',
      'gates must be an object, got type: array',
    ]);
  });
});

describe('union, disjointness and test siblings (reference scope-gate.mjs)', () => {
  const sidecar = (name: string): TaskScope[] => json(name) as TaskScope[];

  it('--union: the union of the sidecar, no expansion for .ts in the reference rule set', () => {
    const ref = section('--union agent-scopes.sidecar.json < wave-scope.impl-core.json');
    const scopes = sidecar('agent-scopes.sidecar.json').map((s) => s.files);
    expect(unionFileScopes(scopes)).toEqual(ref.stdout);
  });

  it('--union: .mjs test siblings for Impl-Core, none for Quality', () => {
    const scopes = sidecar('agent-scopes.mjs.sidecar.json').map((s) => s.files);
    const impl = section('--union agent-scopes.mjs.sidecar.json < wave-scope.impl-core.json');
    const quality = section('--union agent-scopes.mjs.sidecar.json < wave-scope.quality-phase2');
    expect(waveAllowedPaths('Impl-Core', scopes)).toEqual(impl.stdout);
    expect(waveAllowedPaths('Quality', scopes)).toEqual(quality.stdout);
    expect(waveAllowedPaths('impl-polish', scopes)).toEqual(impl.stdout);
  });

  it('TypeScript files get their co-located, __tests__ and test/ siblings', () => {
    expect(testSiblingsFor(['src/domain/foo.ts', 'index.ts'])).toEqual([
      'src/domain/foo.test.ts',
      'src/domain/foo.spec.ts',
      'src/domain/__tests__/foo.test.ts',
      'src/domain/__tests__/foo.spec.ts',
      'test/**/foo*.test.ts',
      'tests/**/foo*.test.ts',
      'index.test.ts',
      'index.spec.ts',
      '__tests__/index.test.ts',
      '__tests__/index.spec.ts',
      'test/**/index*.test.ts',
      'tests/**/index*.test.ts',
    ]);
    // Tests, globs, directories, absolute paths and declaration files have none.
    expect(
      testSiblingsFor(['src/a.test.ts', 'test/x.ts', 'src/**/*.ts', 'src/', '/tmp/a.ts', 'a.d.ts']),
    ).toEqual([]);
    const allowed = expandTestSiblings(['src/mw/rate-limit.tsx'], 'Impl-Core');
    expect(allowed).toContain('src/mw/rate-limit.test.tsx');
    expect(allowed).toContain('src/mw/__tests__/rate-limit.test.tsx');
  });

  it('Discovery gets an empty allowlist; the allowlist only widens', () => {
    expect(waveAllowedPaths('Discovery', [['src/'], ['README.md']])).toEqual([]);
    expect(widenAllowedPaths(['a.ts', 'b/'], ['b/', 'c.ts'])).toEqual(['a.ts', 'b/', 'c.ts']);
  });

  it('--assert-subset --expand-test-siblings: the agent scope is covered', () => {
    expect(section('--assert-subset agent-filescope.W2-I1.json').exit).toBe(0);
    const manifest = json('wave-scope.impl-core.json') as { allowedPaths: string[] };
    expect(
      scopeNotCovered(json('agent-filescope.W2-I1.json') as string[], manifest.allowedPaths),
    ).toEqual([]);
    expect(
      scopeNotCovered(['src/other.ts', 'src/runner/errors/x.ts'], manifest.allowedPaths),
    ).toEqual(['src/other.ts']);
  });

  it('--assert-disjoint: the colliding sidecar gives the reference messages', () => {
    const ref = section('--assert-disjoint agent-scopes.colliding.sidecar.json');
    expect(ref.exit).toBe(1);
    const found = findScopeCollisions(sidecar('agent-scopes.colliding.sidecar.json'));
    expect(found.ok).toBe(false);
    expect([
      ...found.collisions.map((c) => `ERROR: ${scopeCollisionMessage(c)}`),
      `ERROR: ${scopeCollisionSummary(found)}`,
    ]).toEqual(ref.stderr);
    expect(findScopeCollisions(sidecar('agent-scopes.sidecar.json')).ok).toBe(true);
  });

  it('overlaps through globs and directories name both tasks and the path', () => {
    const found = findScopeCollisions(
      [
        { id: 'm-2', files: ['src/mw/'] },
        { id: 'm-3', files: ['src/mw/rate-limit.ts'] },
        { id: 'm-4', files: ['docs/**/*.md'] },
        { id: 'm-5', files: ['docs/api/*.md'] },
        { id: 'm-6', files: ['lib/*.js'] },
        { id: 'm-7', files: ['lib/*.ts'] },
      ],
      ['docs/api/index.md'],
    );
    expect(found.collisions.map(scopeCollisionMessage)).toEqual([
      'wave scope collision (concrete): agents "m-2" and "m-3" both claim [src/mw/, src/mw/rate-limit.ts]',
      'wave scope collision (glob-expanded): agents "m-4" and "m-5" both claim [docs/**/*.md, docs/api/*.md]',
    ]);
    const dup = findScopeCollisions([
      { id: 'a', files: ['x'] },
      { id: 'a', files: ['y'] },
    ]);
    expect(dup).toEqual({ ok: false, collisions: [], duplicateIds: ['a'] });
  });
});
