/**
 * Two tasks of one wave whose declared scopes overlap (reference `findScopeCollisions`, §B4 "declared
 * scopes disjoint"): every file must belong to exactly one agent per wave. Checked before dispatch,
 * on the declared scopes (before the union and the test siblings). Kinds, as the reference names
 * them: `concrete` (the same path, or a concrete path inside the other's glob or `dir/`),
 * `glob-expanded` (two globs both matching a known file, e.g. one of `git ls-files`), `glob-prefix`
 * (two globs whose literal prefixes nest and one of which is recursive). A duplicate task id is a
 * finding of its own. Pure.
 */
import { isGlobScopeEntry, literalScopePrefix, pathMatchesPattern } from './scope-path-match.js';

/** One task's declared scope. */
export interface TaskScope {
  readonly id: string;
  readonly files: readonly string[];
}

/** Kind of overlap, most certain first. */
export type CollisionKind = 'concrete' | 'glob-expanded' | 'glob-prefix';

/** Two tasks claiming the same path(s). */
export interface ScopeCollision {
  readonly a: string;
  readonly b: string;
  readonly kind: CollisionKind;
  /** The entries of both scopes that overlap. */
  readonly evidence: readonly string[];
}

/** What {@link findScopeCollisions} found. */
export interface ScopeCollisions {
  readonly ok: boolean;
  readonly collisions: readonly ScopeCollision[];
  readonly duplicateIds: readonly string[];
}

const KIND_ORDER: readonly CollisionKind[] = ['concrete', 'glob-expanded', 'glob-prefix'];
const recursive = (e: string): boolean => e.includes('**') || e.endsWith('/');
const suffixOf = (e: string): string | null => {
  const star = e.lastIndexOf('*');
  return star === -1 ? null : e.slice(star + 1);
};

function classify(x: string, y: string, expand: (g: string) => Set<string>): CollisionKind | null {
  if (x === y) return 'concrete';
  const xGlob = isGlobScopeEntry(x);
  const yGlob = isGlobScopeEntry(y);
  if (!xGlob && !yGlob) return null;
  if (!xGlob) return pathMatchesPattern(x, y) ? 'concrete' : null;
  if (!yGlob) return pathMatchesPattern(y, x) ? 'concrete' : null;
  const xHits = expand(x);
  for (const f of expand(y)) if (xHits.has(f)) return 'glob-expanded';
  const xp = literalScopePrefix(x);
  const yp = literalScopePrefix(y);
  if (!(xp.startsWith(yp) || yp.startsWith(xp))) return null;
  if (!(recursive(x) || recursive(y))) return null;
  const xs = suffixOf(x);
  const ys = suffixOf(y);
  if (xs !== null && ys !== null && !(xs.endsWith(ys) || ys.endsWith(xs))) return null;
  return 'glob-prefix';
}

/**
 * The overlaps between the scopes of the tasks of one wave. `knownFiles` (repository-relative, e.g.
 * `git ls-files`) lets two globs be compared on real files.
 */
export function findScopeCollisions(
  scopes: readonly TaskScope[],
  knownFiles: readonly string[] = [],
): ScopeCollisions {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const s of scopes) {
    if (seen.has(s.id)) duplicates.add(s.id);
    seen.add(s.id);
  }
  const known = new Set(knownFiles);
  for (const s of scopes) for (const f of s.files) if (!isGlobScopeEntry(f)) known.add(f);
  const cache = new Map<string, Set<string>>();
  const expand = (glob: string): Set<string> => {
    let hits = cache.get(glob);
    if (!hits) {
      hits = new Set([...known].filter((f) => pathMatchesPattern(f, glob)));
      cache.set(glob, hits);
    }
    return hits;
  };
  const collisions: ScopeCollision[] = [];
  for (let i = 0; i < scopes.length; i++) {
    for (let j = i + 1; j < scopes.length; j++) {
      const a = scopes[i]!;
      const b = scopes[j]!;
      if (a.id === b.id) continue;
      const buckets = new Map<CollisionKind, Set<string>>();
      for (const x of a.files.filter((f) => f !== '')) {
        for (const y of b.files.filter((f) => f !== '')) {
          const kind = classify(x, y, expand);
          if (kind === null) continue;
          const evidence = buckets.get(kind) ?? new Set<string>();
          evidence.add(x).add(y);
          buckets.set(kind, evidence);
        }
      }
      for (const kind of KIND_ORDER) {
        const evidence = buckets.get(kind);
        if (evidence) collisions.push({ a: a.id, b: b.id, kind, evidence: [...evidence] });
      }
    }
  }
  const duplicateIds = [...duplicates];
  return { ok: collisions.length === 0 && duplicateIds.length === 0, collisions, duplicateIds };
}

/** The reference's message for a collision: names both tasks and the overlapping paths. */
export function scopeCollisionMessage(c: ScopeCollision): string {
  return `wave scope collision (${c.kind}): agents "${c.a}" and "${c.b}" both claim [${c.evidence.join(', ')}]`;
}

/** The reference's closing line of a failed disjointness check. */
export function scopeCollisionSummary(found: ScopeCollisions): string {
  return `${found.collisions.length} scope collision(s), ${found.duplicateIds.length} duplicate id(s) — every file must belong to exactly ONE agent per wave (#1020; .claude/rules/parallel-sessions.md § Decision Tree)`;
}
