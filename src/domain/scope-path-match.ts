/**
 * Scope path patterns as the reference matches them (`pathMatchesPattern` of its
 * `scripts/lib/scope-gate.mjs`, §B4): a trailing `/` is a directory prefix; `**` followed by `/` is zero or
 * more directories; `**` is anything; `*` is one segment (no `/`); anything else is exact.
 * Case-sensitive, anchored. Pure and dependency-free: the PreToolUse hook imports it and must start
 * fast.
 */

const compiled = new Map<string, RegExp>();

function regexOf(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (re) return re;
  // Token by token: `**` + `/` (zero or more directories), `**` (anything), `*` (one segment).
  const body = pattern
    .split(/(\*\*\/|\*\*|\*)/)
    .map((part) => {
      if (part === '**/') return '(.*\\/)?';
      if (part === '**') return '.*';
      if (part === '*') return '[^/]*';
      return part.replace(/[.+?|[\](){}\\^$]/g, (ch) => `\\${ch}`);
    })
    .join('');
  re = new RegExp(`^${body}$`);
  compiled.set(pattern, re);
  return re;
}

/** True when the repository-relative, `/`-separated `relPath` matches the scope `pattern`. */
export function pathMatchesPattern(relPath: string, pattern: string): boolean {
  if (pattern === '') return false;
  if (pattern.endsWith('/')) return relPath.startsWith(pattern);
  return regexOf(pattern).test(relPath);
}

/** True for a scope entry that names more than one file: a wildcard or a `dir/` prefix. */
export function isGlobScopeEntry(entry: string): boolean {
  return entry.includes('*') || entry.endsWith('/');
}

/** The literal part of an entry before its first `*` (the whole entry when it has none). */
export function literalScopePrefix(entry: string): string {
  const star = entry.indexOf('*');
  return star === -1 ? entry : entry.slice(0, star);
}

/** True when `relPath` matches any of `patterns`. */
export function matchesAnyPattern(relPath: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => pathMatchesPattern(relPath, p));
}
