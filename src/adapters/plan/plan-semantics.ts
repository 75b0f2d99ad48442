/**
 * Cross-field rules of a plan that a per-field schema cannot see: duplicate task ids, depends-on
 * targets (unknown, same wave, later wave), runner references and runner-kind consistency. Runs
 * on the raw document (even when the schema failed) so every problem is reported at once;
 * anything of the wrong type is left to the schema.
 */
import type { Issue } from '../../errors.js';
import { issueAt } from './issue-list.js';
import { formatKeyPath, type KeyPath, type Locator } from './source-positions.js';
import { didYouMean } from './did-you-mean.js';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

interface TaskRef {
  task: Record<string, unknown>;
  path: KeyPath;
  wave: number;
}

/** The name of the runner a task uses when it names none. */
export const DEFAULT_RUNNER = 'default';

function collectTasks(doc: Record<string, unknown>): TaskRef[] {
  const out: TaskRef[] = [];
  asArray(doc['waves']).forEach((wave, w) => {
    if (!isRecord(wave)) return;
    asArray(wave['tasks']).forEach((task, t) => {
      if (isRecord(task)) out.push({ task, path: ['waves', w, 'tasks', t], wave: w });
    });
  });
  return out;
}

function checkIds(tasks: TaskRef[], file: string, locate: Locator, issues: Issue[]) {
  const first = new Map<string, TaskRef>();
  for (const ref of tasks) {
    const id = ref.task['id'];
    if (typeof id !== 'string') continue;
    const earlier = first.get(id);
    if (earlier) {
      const msg = `duplicate task id ${JSON.stringify(id)} (first used at ${formatKeyPath(earlier.path)})`;
      issues.push(issueAt(file, locate, [...ref.path, 'id'], msg));
    } else first.set(id, ref);
  }
  for (const ref of tasks) {
    asArray(ref.task['depends-on']).forEach((dep, d) => {
      if (typeof dep !== 'string') return;
      const target = first.get(dep);
      const path = [...ref.path, 'depends-on', d];
      const rule = 'a task may depend only on tasks of earlier waves';
      let msg: string | undefined;
      if (!target) msg = `depends-on ${JSON.stringify(dep)} names no task of this plan`;
      else if (target.wave === ref.wave)
        msg = `depends-on ${JSON.stringify(dep)} is in the same wave; ${rule}`;
      else if (target.wave > ref.wave) {
        msg = `depends-on ${JSON.stringify(dep)} points forward (to wave ${target.wave + 1}); ${rule}`;
      }
      if (msg) issues.push(issueAt(file, locate, path, msg));
    });
  }
}

function checkRunners(
  doc: Record<string, unknown>,
  tasks: TaskRef[],
  file: string,
  locate: Locator,
  issues: Issue[],
) {
  const runners = doc['runners'];
  const names = isRecord(runners)
    ? Object.keys(runners)
    : runners === undefined
      ? [DEFAULT_RUNNER]
      : [];
  const defined = names.length > 0 ? names.join(', ') : 'none';
  if (isRecord(runners)) {
    for (const [name, spec] of Object.entries(runners)) {
      if (!isRecord(spec) || typeof spec['kind'] !== 'string') continue;
      if (spec['kind'] === 'command' && spec['argv'] === undefined) {
        issues.push(issueAt(file, locate, ['runners', name], 'a "command" runner needs argv'));
      }
      if (spec['kind'] !== 'command') {
        for (const key of ['argv', 'format']) {
          if (spec[key] === undefined) continue;
          const msg = `${key} is only for "command" runners${key === 'argv' ? ' (use bin and args)' : ''}`;
          issues.push(issueAt(file, locate, ['runners', name, key], msg, 'key'));
        }
      }
    }
  }
  for (const ref of tasks) {
    const named = ref.task['runner'];
    if (named !== undefined && typeof named !== 'string') continue;
    const name = named ?? DEFAULT_RUNNER;
    if (names.includes(name)) continue;
    if (named !== undefined) {
      const msg = `unknown runner ${JSON.stringify(name)}${didYouMean(name, names)} (defined: ${defined})`;
      issues.push(issueAt(file, locate, [...ref.path, 'runner'], msg));
    } else {
      const msg = `the task names no runner and runners has no "${DEFAULT_RUNNER}" (defined: ${defined})`;
      issues.push(issueAt(file, locate, ref.path, msg));
    }
  }
}

/** Every cross-field problem of a raw plan document. */
export function checkPlanSemantics(doc: unknown, file: string, locate: Locator): Issue[] {
  const issues: Issue[] = [];
  if (!isRecord(doc)) return issues;
  const tasks = collectTasks(doc);
  checkIds(tasks, file, locate, issues);
  checkRunners(doc, tasks, file, locate, issues);
  return issues;
}
