/**
 * Resume: the log keeps runner `env` names only (their values are secrets), so a resumed session
 * reads the plan file named in `session.planned` again for the values.
 */
import { resolve } from 'node:path';
import type { ResolvedPlan } from '../domain/plan.schema.js';
import { REDACTED } from '../domain/redact.js';
import { loadPlan } from '../adapters/plan/load-plan.js';
import { restoreRunnerEnv } from './event-redaction.js';

/** Where resume reports what it could not restore. */
export interface ReloadOptions {
  repo: string;
  onWarning?: (message: string) => void;
}

const needsValues = (plan: ResolvedPlan) =>
  Object.values(plan.runners).some((r) => Object.values(r.env).includes(REDACTED));

/**
 * The logged plan with its runner env values restored from the plan file (tried as given, then
 * relative to the repository). A value that cannot be restored is left out (the agent inherits
 * the coordinator's own variable of that name) and reported through `onWarning`.
 */
export async function reloadRunnerEnv(
  logged: ResolvedPlan,
  source: string | null,
  options: ReloadOptions,
): Promise<ResolvedPlan> {
  if (!needsValues(logged)) return logged;
  let fresh: ResolvedPlan | null = null;
  const problems: string[] = [];
  if (source) {
    for (const planPath of [...new Set([resolve(source), resolve(options.repo, source)])]) {
      try {
        fresh = await loadPlan({ planPath, repo: options.repo });
        break;
      } catch (error) {
        problems.push(`${planPath}: ${(error as Error).message.split('\n')[0] ?? ''}`);
      }
    }
  }
  const plan = restoreRunnerEnv(logged, fresh);
  const missing = Object.entries(logged.runners).flatMap(([name, spec]) =>
    Object.keys(spec.env)
      .filter((key) => plan.runners[name]?.env[key] === undefined)
      .map((key) => `${name}.${key}`),
  );
  if (missing.length > 0) {
    options.onWarning?.(
      `runner env ${missing.join(', ')} not restored (the log keeps names only and the plan file ${fresh ? 'no longer has them' : `cannot be read: ${problems.join('; ') || 'no source'}`}); agents inherit this process's environment for them`,
    );
  }
  return plan;
}
