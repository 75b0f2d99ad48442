/** `wave validate <plan>`: checks the plan and the Session Config; exit 0 valid, 2 invalid. */
import { formatIssue } from '../errors.js';
import { validatePlanFile } from '../adapters/plan/load-plan.js';
import { directoryOption } from './cli-paths.js';

/** Runs `wave validate`. */
export async function validateCommand(
  plan: string,
  opts: Record<string, unknown>,
): Promise<number> {
  const repo = await directoryOption('--repo', opts.repo);
  const result = await validatePlanFile(plan, repo);
  if (!result.ok) {
    for (const issue of result.issues) process.stderr.write(`${formatIssue(issue)}\n`);
    process.stderr.write(`wave validate: ${result.issues.length} problem(s); nothing was run\n`);
    return 2;
  }
  const p = result.plan;
  const tasks = p.waves.reduce((n, w) => n + w.tasks.length, 0);
  process.stdout.write(
    `${plan}: valid — ${p.session.type} session, ${p.waves.length} waves, ${tasks} tasks, ${p.config.qualityGates.length} quality gate(s)\n`,
  );
  return 0;
}
