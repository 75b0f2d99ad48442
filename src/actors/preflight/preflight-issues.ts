/**
 * Turns missing programs into issues that point at their source: the runner's entry (or the
 * first task using an implicit default runner) and the gate's entry in the plan file, or the
 * `<gate>-command` (`<gate>-lite-command`) line of the repository's Session Config. Reads the files; writes nothing.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { ResolvedPlan } from '../../domain/plan.schema.js';
import type { Issue } from '../../errors.js';
import { loadSessionConfig } from '../../adapters/config/session-config.loader.js';
import { sortIssues } from '../../adapters/plan/issue-list.js';
import { parsePlanText } from '../../adapters/plan/plan-file.loader.js';
import type { KeyPath, Locator } from '../../adapters/plan/source-positions.js';
import { formatKeyPath } from '../../adapters/plan/source-positions.js';
import { missingMessage, type PreflightCheck } from './preflight.js';

/** Where the plan came from. */
export interface PreflightSources {
  /** The plan file, when there is one (YAML, JSON or markdown). */
  planFile?: string;
  /** The repository (for its Session Config). */
  repo: string;
  plan: ResolvedPlan;
}

async function planLocator(planFile: string | undefined): Promise<{
  locate?: Locator;
  data?: Record<string, unknown>;
}> {
  if (planFile === undefined) return {};
  const ext = extname(planFile).toLowerCase();
  if (ext === '.md' || ext === '.markdown') return {};
  let text: string;
  try {
    text = await readFile(planFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const doc = parsePlanText(text, planFile);
  const data = doc.data;
  return typeof data === 'object' && data !== null
    ? { locate: doc.locate, data: data as Record<string, unknown> }
    : { locate: doc.locate };
}

function has(data: Record<string, unknown> | undefined, path: readonly string[]): boolean {
  let node: unknown = data;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !(key in node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

async function configLine(repo: string, gate: string): Promise<Issue | undefined> {
  const loaded = await loadSessionConfig(repo);
  if (loaded.file === undefined) return undefined;
  const lines = (await readFile(loaded.file, 'utf8')).split('\n');
  const index = lines.findIndex((l) => l.includes(`${gate}-command`));
  if (index === -1) return undefined;
  const column = (lines[index] ?? '').indexOf(`${gate}-command`) + 1;
  return { file: loaded.file, line: index + 1, column, path: `${gate}-command`, message: '' };
}

/** One issue per missing program, at its source position when it can be found, by position. */
export async function preflightIssues(
  checks: readonly PreflightCheck[],
  sources: PreflightSources,
): Promise<Issue[]> {
  const missing = checks.filter((c) => c.path === null);
  if (missing.length === 0) return [];
  const { locate, data } = await planLocator(sources.planFile);
  const file = sources.planFile ?? '(plan)';
  const at = (path: KeyPath, how: 'key' | 'value' = 'key'): Issue => {
    const pos = locate?.(path, how);
    return {
      file,
      ...(pos ? { line: pos.line, column: pos.column } : {}),
      path: formatKeyPath(path),
      message: '',
    };
  };
  const out: Issue[] = [];
  for (const check of missing) {
    const message = missingMessage(check);
    if (check.kind === 'runner') {
      if (has(data, ['runners', check.name]) || data === undefined) {
        out.push({ ...at(['runners', check.name]), message });
        continue;
      }
      // An implicit runner (no `runners:`): point at the first task that uses it.
      const wave = sources.plan.waves.findIndex((w) =>
        w.tasks.some((t) => t.runner === check.name),
      );
      const task = sources.plan.waves[wave]?.tasks.findIndex((t) => t.runner === check.name) ?? 0;
      out.push({ ...at(['waves', wave, 'tasks', task], 'value'), message });
      continue;
    }
    const gatePath = ['config', 'quality-gates', check.name];
    if (has(data, gatePath)) {
      const lite = [...gatePath, 'lite'];
      const command = [...gatePath, 'command'];
      const path = check.lite && has(data, lite) ? lite : has(data, command) ? command : gatePath;
      out.push({ ...at(path), message });
      continue;
    }
    const line = await configLine(sources.repo, check.lite ? `${check.name}-lite` : check.name);
    out.push(line ? { ...line, message } : { ...at(gatePath), message });
  }
  return sortIssues(out);
}
