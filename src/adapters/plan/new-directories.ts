/**
 * The reference's new-directory rule (§F1) needs a fact of the file system: does a task create a
 * directory that does not exist yet? (Worktree merge-back of a new directory is where the
 * reference loses work, so such a wave shares the working tree.) The runtime reads it once, when
 * the session is planned, into the logged plan (`createsDirectory`); the machines decide on it
 * and a replay sees the same fact.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ResolvedPlan } from '../../domain/plan.schema.js';

/** True when some file of the scope lies in a directory the repository does not have yet. */
function createsDirectory(repo: string, files: readonly string[]): boolean {
  return files.some((f) => {
    if (f.includes('*') || f.startsWith('/')) return false;
    const dir = f.endsWith('/') ? f.slice(0, -1) : dirname(f);
    return dir !== '.' && dir !== '' && !existsSync(join(repo, dir));
  });
}

/** The plan with `createsDirectory: true` on each task that creates a directory in `repo`. */
export function markNewDirectories(plan: ResolvedPlan, repo: string): ResolvedPlan {
  return {
    ...plan,
    waves: plan.waves.map((w) => ({
      ...w,
      tasks: w.tasks.map((t) =>
        createsDirectory(repo, t.files) ? { ...t, createsDirectory: true } : t,
      ),
    })),
  };
}
