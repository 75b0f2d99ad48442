/**
 * The entry points: read a plan (YAML, JSON or the reference's markdown session plan) and the
 * repository's Session Config, check both, and resolve them into the {@link ResolvedPlan} that
 * `session.planned` carries. Every problem of both files is reported, each with file, line,
 * column and key path. Reads only; nothing is written.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { ResolvedPlan } from '../../domain/plan.schema.js';
import { ConfigError, PlanError, type Issue } from '../../errors.js';
import { loadSessionConfig } from '../config/session-config.loader.js';
import { sortIssues } from './issue-list.js';
import { parseMarkdownPlan } from './markdown-plan.parser.js';
import { checkPlanDocument, parsePlanText, type RawPlanDocument } from './plan-file.loader.js';
import { planDepthProblem, planSizeProblem } from './plan-limits.js';
import { resolvePlan } from './resolve-plan.js';

/** Where the plan and the repository are. */
export interface LoadPlanOptions {
  /** The plan file: `.md`/`.markdown` is a markdown session plan, anything else YAML or JSON. */
  planPath: string;
  /** The repository whose `CLAUDE.md` / `AGENTS.md` holds the Session Config. */
  repo: string;
  /** Read the Session Config from this file instead (relative to `repo`, or absolute). */
  configFile?: string;
}

/** The outcome of validating a plan and its repository's config. */
export type PlanValidation = { ok: true; plan: ResolvedPlan } | { ok: false; issues: Issue[] };

interface Collected {
  plan?: ResolvedPlan;
  planIssues: Issue[];
  configIssues: Issue[];
}

async function readPlan(planPath: string): Promise<RawPlanDocument | Issue> {
  let text: string;
  try {
    const tooBig = planSizeProblem((await stat(planPath)).size, planPath);
    if (tooBig) return tooBig;
    text = await readFile(planPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return { file: planPath, message: `cannot read the plan: ${why}` };
  }
  const tooDeep = planDepthProblem(text, planPath);
  if (tooDeep) return tooDeep;
  const ext = extname(planPath).toLowerCase();
  return ext === '.md' || ext === '.markdown'
    ? parseMarkdownPlan(text, planPath)
    : parsePlanText(text, planPath);
}

async function collect(options: LoadPlanOptions): Promise<Collected> {
  const [raw, config] = await Promise.all([
    readPlan(options.planPath),
    loadSessionConfig(options.repo, options.configFile ? { configFile: options.configFile } : {}),
  ]);
  const configIssues = config.issues;
  if ('message' in raw) return { planIssues: [raw], configIssues };
  if (raw.issues.length > 0 && raw.data === undefined) {
    return { planIssues: sortIssues(raw.issues), configIssues };
  }
  const checked = checkPlanDocument(raw.data, options.planPath, raw.locate);
  const planIssues = sortIssues([...raw.issues, ...(checked.ok ? [] : checked.issues)]);
  if (!checked.ok || planIssues.length > 0) return { planIssues, configIssues };
  if (configIssues.length > 0) return { planIssues, configIssues };
  return { plan: resolvePlan(checked.plan, config.config), planIssues, configIssues };
}

/**
 * Checks a plan file and the Session Config of `repo` without running anything (`wave
 * validate`: exit 0 when `ok`, 2 otherwise). Issues: the plan's first, then the config's, each
 * sorted by position.
 */
export async function validatePlanFile(
  planPath: string,
  repo: string,
  options: { configFile?: string } = {},
): Promise<PlanValidation> {
  const result = await collect({ planPath, repo, ...options });
  if (result.plan) return { ok: true, plan: result.plan };
  return { ok: false, issues: [...result.planIssues, ...result.configIssues] };
}

/**
 * Loads and resolves a plan. Throws {@link PlanError} when the plan has problems (its issues
 * include the config's, if any), else {@link ConfigError} when only the Session Config has.
 */
export async function loadPlan(options: LoadPlanOptions): Promise<ResolvedPlan> {
  const result = await collect(options);
  if (result.plan) return result.plan;
  if (result.planIssues.length > 0) {
    throw new PlanError([...result.planIssues, ...result.configIssues]);
  }
  throw new ConfigError(result.configIssues);
}
