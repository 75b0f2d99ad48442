/**
 * `wave status [--repo DIR] [--json]`: the current (newest) session of the repository — its
 * state, waves, agents and missions — folded from its log. Exit 0.
 *
 * In constant time whatever the log's size: the fold starts from the log's verified status
 * snapshot and reads only the lines after it (`src/adapters/status-snapshot.ts`); a fold that had
 * to read much of the log leaves a fresh snapshot under `.orchestrator/runtime/status/`. Nothing
 * else is written.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { listIfPresent } from '../adapters/optional-files.js';
import { loadStatus } from '../adapters/status-snapshot.js';
import { renderStatus, statusJson } from './status-format.js';
import { directoryOption } from './cli-paths.js';
import { spendJson, spendLines } from './spend-format.js';

async function newestLog(dir: string): Promise<string | null> {
  let best: { path: string; mtime: number } | null = null;
  for (const name of await listIfPresent(dir, '.jsonl')) {
    const path = join(dir, name);
    const { mtimeMs } = await stat(path);
    if (!best || mtimeMs > best.mtime) best = { path, mtime: mtimeMs };
  }
  return best?.path ?? null;
}

/** Runs `wave status`. */
export async function statusCommand(opts: Record<string, unknown>): Promise<number> {
  const repo = await directoryOption('--repo', opts.repo);
  const log = await newestLog(join(repo, '.orchestrator', 'log'));
  if (!log) {
    if (opts.json) process.stdout.write(`${JSON.stringify({ session: null })}\n`);
    else process.stdout.write(`no session in ${repo} (no .orchestrator/log/*.jsonl)\n`);
    return 0;
  }
  const { view, missions, spend } = await loadStatus(repo, log);
  // A session that neither ended nor paused but whose process is gone was interrupted (a crash,
  // kill -9, a reboot): `wave resume` continues it.
  let state: string = view.state;
  if (view.state === 'running' && view.sessionId !== null) {
    // Loaded only here: a finished session's status needs no lock, pid or process check.
    const { sessionLiveness } = await import('../runtime/session-liveness.js');
    const liveness = await sessionLiveness(repo, view.sessionId, new Date().toISOString());
    if (liveness === 'dead') state = 'interrupted';
  }
  const budgets = spend.budgets;
  if (opts.json) {
    const json = { ...(statusJson(view, missions, log, state) as object), spend: spendJson(spend) };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    const text = renderStatus(view, missions, log, state);
    process.stdout.write(`${text}${spendLines(spend, budgets).join('\n')}\n`);
  }
  return 0;
}
