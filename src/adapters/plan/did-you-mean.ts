/**
 * "Did you mean" hints for unknown keys and runner names: the closest known name by edit
 * distance (Damerau–Levenshtein with adjacent swaps), when it is close enough to be a typo.
 */
import type { z } from 'zod';

/** Edit distance with insertions, deletions, substitutions and adjacent transpositions. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      row[j] = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** The closest candidate to `name` when it looks like a typo of it (distance ≤ 2, ≤ 40 %). */
function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const dist = editDistance(name.toLowerCase(), c.toLowerCase());
    if (best === undefined || dist < best.d) best = { c, d: dist };
  }
  if (best === undefined) return undefined;
  const limit = Math.min(2, Math.ceil(Math.max(name.length, best.c.length) * 0.4));
  return best.d <= limit ? best.c : undefined;
}

/** ` (did you mean "x"?)` or ''. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const hit = closest(name, candidates);
  return hit === undefined ? '' : ` (did you mean ${JSON.stringify(hit)}?)`;
}

interface Def {
  type?: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(schema: z.ZodType): z.ZodType[] {
  const def = defOf(schema);
  if (def.innerType) return unwrap(def.innerType);
  if (def.type === 'pipe' && def.in) return unwrap(def.in);
  if (def.type === 'union' && def.options) return def.options.flatMap(unwrap);
  return [schema];
}

/** The keys an object schema at `path` (keys and array indices) accepts; [] when unknown. */
export function knownKeysAt(root: z.ZodType, path: readonly (string | number)[]): string[] {
  let level: z.ZodType[] = unwrap(root);
  for (const seg of path) {
    const next: z.ZodType[] = [];
    for (const s of level) {
      const def = defOf(s);
      if (typeof seg === 'number' && def.element) next.push(...unwrap(def.element));
      else if (typeof seg === 'string' && def.shape?.[seg]) next.push(...unwrap(def.shape[seg]));
      else if (typeof seg === 'string' && def.valueType) next.push(...unwrap(def.valueType));
    }
    level = next;
  }
  return level.flatMap((s) => Object.keys(defOf(s).shape ?? {}));
}
