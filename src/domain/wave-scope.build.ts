/**
 * How a wave's `allowedPaths` is built from its tasks' declared scopes (§B4, reference
 * `scripts/lib/scope-gate.mjs`): the union of the scopes in order (first occurrence wins), then the
 * test siblings of every concrete production file for the implementation roles (Impl-Core,
 * Impl-Polish; case-insensitive), never for Discovery (which gets an empty list), Quality or
 * Finalization. The reference's only default rule is `**` + `/*.mjs` → `tests/**` +
 * `/<basename>*.test.mjs`; the TypeScript/JavaScript rules here add the layouts of that ecosystem
 * (`foo.ts` → `foo.test.ts`, `foo.spec.ts`, `__tests__/foo.test.ts`, `__tests__/foo.spec.ts`,
 * `test/**` + `/foo*.test.ts`, `tests/**` + `/foo*.test.ts`). Rules are an option, so a repository
 * can bring its own. Pure.
 */
import { isGlobScopeEntry, literalScopePrefix, pathMatchesPattern } from './scope-path-match.js';

/** A test-sibling rule: a production file matching `source` also grants `sibling`. */
export interface TestSiblingRule {
  /** Scope pattern of the production file. */
  readonly source: string;
  /** Template: `{dir}/` is the file's directory with its slash (empty at the root), `{basename}` its name without extension. */
  readonly sibling: string;
}

const SCRIPT_EXTENSIONS = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'cjs'];

/** The rules applied when none are given: the reference's `.mjs` rule, then TypeScript/JavaScript. */
export const DEFAULT_TEST_SIBLING_RULES: readonly TestSiblingRule[] = [
  { source: '**/*.mjs', sibling: 'tests/**/{basename}*.test.mjs' },
  ...SCRIPT_EXTENSIONS.flatMap((ext) =>
    [
      `{dir}/{basename}.test.${ext}`,
      `{dir}/{basename}.spec.${ext}`,
      `{dir}/__tests__/{basename}.test.${ext}`,
      `{dir}/__tests__/{basename}.spec.${ext}`,
      `test/**/{basename}*.test.${ext}`,
      `tests/**/{basename}*.test.${ext}`,
    ].map((sibling) => ({ source: `**/*.${ext}`, sibling })),
  ),
];

/** Paths that are tests already (no sibling of their own). */
const TEST_PATH_PATTERNS = ['tests/**', 'test/**', '**/__tests__/**', '**/*.test.*', '**/*.spec.*'];
/** Declaration files have no tests. */
const NO_SIBLING_PATTERNS = ['**/*.d.ts', '**/*.d.mts', '**/*.d.cts'];

/** Roles whose allowlist gets test siblings. */
export const TEST_SIBLING_EXPANSION_ROLES: readonly string[] = ['Impl-Core', 'Impl-Polish'];

/** True when test-sibling expansion applies to `role` (case-insensitive, trimmed). */
export function testSiblingExpansionApplies(role: string): boolean {
  const key = role.trim().toLowerCase();
  return TEST_SIBLING_EXPANSION_ROLES.some((r) => r.toLowerCase() === key);
}

/** The union of the scopes, in order, without duplicates or empty entries. */
export function unionFileScopes(scopes: readonly (readonly string[])[]): string[] {
  return [...new Set(scopes.flat().filter((e) => e.length > 0))];
}

function render(template: string, entry: string): string {
  const slash = entry.lastIndexOf('/');
  const dir = slash === -1 ? '' : entry.slice(0, slash + 1);
  const base = entry.slice(slash + 1);
  const dot = base.lastIndexOf('.');
  const basename = dot > 0 ? base.slice(0, dot) : base;
  return template.replaceAll('{dir}/', dir).replaceAll('{basename}', basename);
}

/** The test siblings of the concrete, relative, non-test entries (rules in order, deduplicated). */
export function testSiblingsFor(
  entries: readonly string[],
  rules: readonly TestSiblingRule[] = DEFAULT_TEST_SIBLING_RULES,
): string[] {
  const out = new Set<string>();
  for (const entry of entries) {
    if (entry === '' || entry.startsWith('/') || isGlobScopeEntry(entry)) continue;
    if ([...TEST_PATH_PATTERNS, ...NO_SIBLING_PATTERNS].some((p) => pathMatchesPattern(entry, p)))
      continue;
    for (const rule of rules) {
      if (pathMatchesPattern(entry, rule.source)) out.add(render(rule.sibling, entry));
    }
  }
  return [...out];
}

/** The entries, deduplicated, followed by their test siblings when the role takes them. */
export function expandTestSiblings(
  entries: readonly string[],
  role: string,
  rules: readonly TestSiblingRule[] = DEFAULT_TEST_SIBLING_RULES,
): string[] {
  const out = unionFileScopes([entries]);
  if (!testSiblingExpansionApplies(role)) return out;
  const seen = new Set(out);
  for (const s of testSiblingsFor(out, rules)) {
    if (seen.has(s)) continue;
    seen.add(s);
    out.push(s);
  }
  return out;
}

/**
 * The `allowedPaths` of a wave: empty for Discovery (read-only), else the union of the task scopes
 * expanded with test siblings for the implementation roles.
 */
export function waveAllowedPaths(
  role: string,
  taskScopes: readonly (readonly string[])[],
  rules: readonly TestSiblingRule[] = DEFAULT_TEST_SIBLING_RULES,
): string[] {
  if (role.trim().toLowerCase() === 'discovery') return [];
  return expandTestSiblings(unionFileScopes(taskScopes), role, rules);
}

/**
 * An allowlist that never shrinks while agents run: the previous list, then what the next one
 * adds (a re-dispatch within a wave widens, never narrows).
 */
export function widenAllowedPaths(previous: readonly string[], next: readonly string[]): string[] {
  return unionFileScopes([previous, next]);
}

/** Entries of an agent's scope that `allowedPaths` does not cover (reference `assertFileScopeSubset`). */
export function scopeNotCovered(
  scope: readonly string[],
  allowedPaths: readonly string[],
): string[] {
  return scope.filter((entry) => {
    if (entry === '') return false;
    if (isGlobScopeEntry(entry)) {
      const prefix = literalScopePrefix(entry);
      return !allowedPaths.some((p) => p === entry || pathMatchesPattern(prefix, p));
    }
    return !allowedPaths.some((p) => pathMatchesPattern(entry, p));
  });
}
