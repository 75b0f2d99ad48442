/**
 * The preflight of a new session, before anything is written: every program the plan starts must
 * be installed (runners served by a host `AgentRunner` are the host's business). Throws
 * {@link PreflightError} (exit 2) naming each missing program and its plan line; otherwise returns
 * the checks for `session.started`.
 */
import { PreflightError } from '../errors.js';
import { preflightIssues } from '../actors/preflight/preflight-issues.js';
import {
  preflightTargets,
  runPreflight,
  type PreflightCheck,
} from '../actors/preflight/preflight.js';
import type { WaveExecutorOptions } from './executor.types.js';

/** The found programs, as `session.started.preflight` records them. */
export type FoundProgram = PreflightCheck & { path: string };

/** Runs the preflight of a session; throws on a missing program. */
export async function preflightSession(options: WaveExecutorOptions): Promise<FoundProgram[]> {
  if (options.preflight === false) return [];
  const hosted = new Set(Object.keys(options.runners ?? {}));
  const checks = await runPreflight(preflightTargets(options.plan, hosted), { cwd: options.repo });
  const issues = await preflightIssues(checks, {
    repo: options.repo,
    plan: options.plan,
    ...(options.planSource !== undefined ? { planFile: options.planSource } : {}),
  });
  if (issues.length > 0) throw new PreflightError(issues);
  // One entry per gate and program (a gate's full and Quality-Lite commands may share one).
  const seen = new Set<string>();
  return checks.flatMap((c): FoundProgram[] => {
    const id = `${c.kind}\0${c.name}\0${c.program}`;
    if (c.path === null || seen.has(id)) return [];
    seen.add(id);
    return [{ kind: c.kind, name: c.name, program: c.program, path: c.path, version: c.version }];
  });
}
