/**
 * `wave validate <plan>`: checks the plan, the Session Config and the preflight (every runner's
 * and gate's program installed); exit 0 valid, 2 invalid. Prints each program with its version.
 */
import { formatIssue } from '../errors.js';
import { validatePlanFile } from '../adapters/plan/load-plan.js';
import { preflightIssues } from '../actors/preflight/preflight-issues.js';
import { preflightTargets, runPreflight } from '../actors/preflight/preflight.js';
import { directoryOption } from './cli-paths.js';

/** Runs `wave validate`. */
export async function validateCommand(
  plan: string,
  opts: Record<string, unknown>,
): Promise<number> {
  const repo = await directoryOption('--repo', opts.repo);
  const result = await validatePlanFile(plan, repo);
  const issues = result.ok ? [] : result.issues;
  const checks = result.ok ? await runPreflight(preflightTargets(result.plan), { cwd: repo }) : [];
  if (result.ok)
    issues.push(...(await preflightIssues(checks, { planFile: plan, repo, plan: result.plan })));
  if (!result.ok || issues.length > 0) {
    for (const issue of issues) process.stderr.write(`${formatIssue(issue)}\n`);
    process.stderr.write(`wave validate: ${issues.length} problem(s); nothing was run\n`);
    return 2;
  }
  const p = result.plan;
  const tasks = p.waves.reduce((n, w) => n + w.tasks.length, 0);
  const lines = [
    `${plan}: valid — ${p.session.type} session, ${p.waves.length} waves, ${tasks} tasks, ${p.config.qualityGates.length} quality gate(s)`,
    ...checks.map(
      (c) =>
        `  ${c.kind} ${c.name}: ${c.program} → ${c.path ?? '?'}${c.version !== null ? ` (${c.version})` : ''}`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
