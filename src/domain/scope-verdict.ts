/**
 * The scope check after an agent ended: which of its changed files lie outside the wave's
 * `allowedPaths`, and what enforcement does about them. It is the only line of defence for runners
 * without hooks (Codex, Gemini, command) and the second one for Claude (whose PreToolUse hook
 * denies first). strict ⇒ revert the out-of-scope files (that agent's only); warn ⇒ keep them with a
 * warning; off ⇒ nothing is checked. STATE.md and the manifest of every platform are always
 * writable, as in the reference's scope hook. Pure.
 */
import type { Enforcement } from './plan.schema.js';
import { matchesAnyPattern } from './scope-path-match.js';

/** Files the coordinator owns that an agent may always write (reference carve-outs). */
export const ALWAYS_WRITABLE: readonly string[] = ['.claude', '.codex', '.cursor', '.pi'].flatMap(
  (dir) => [`${dir}/STATE.md`, `${dir}/wave-scope.json`],
);

/** Input of {@link scopeVerdict}. */
export interface ScopeVerdictInput {
  /** The agent's changed files, repository-relative, `/`-separated. */
  readonly changedFiles: readonly string[];
  /** The wave's `allowedPaths` (as in `wave.started` and `wave-scope.json`). */
  readonly allowedPaths: readonly string[];
  /** The enforcement in force for the wave. */
  readonly mode: Enforcement;
}

/** What to do with an agent's out-of-scope changes. */
export type ScopeAction = 'revert' | 'keep' | 'none';

/** The verdict: out-of-scope files (sorted, unique) and the action; `none` iff nothing to report. */
export interface ScopeVerdict {
  readonly outOfScope: string[];
  readonly action: ScopeAction;
}

/** Checks an agent's changed files against the wave's scope. */
export function scopeVerdict(input: ScopeVerdictInput): ScopeVerdict {
  if (input.mode === 'off') return { outOfScope: [], action: 'none' };
  const outOfScope = [...new Set(input.changedFiles.map((f) => f.replace(/^\.\//, '')))]
    .filter((f) => f !== '' && !ALWAYS_WRITABLE.includes(f))
    .filter((f) => !matchesAnyPattern(f, input.allowedPaths))
    .sort();
  if (outOfScope.length === 0) return { outOfScope, action: 'none' };
  return { outOfScope, action: input.mode === 'strict' ? 'revert' : 'keep' };
}
