/**
 * Files a carry-over issue through the real `gh` / `glab` CLI: argv only (no shell), pinned to the
 * repository with `-R <spec>`. First the open `type:carryover` issues are searched for the task's
 * `<!-- task-hash: … -->` marker (→ existing #N); else the issue is created (→ issue #N). Never
 * throws: every failure is an outcome with its error, and the session goes on.
 *
 * Unlike the reference, a failed search does not go on to create (it would risk a duplicate issue
 * each time the search is down): the filing fails and says why.
 */
import { execFile } from 'node:child_process';
import {
  CARRYOVER_LABEL,
  carryoverBody,
  carryoverLabels,
  carryoverTitle,
  taskHash,
  taskHashMarker,
  type CarryoverKind,
} from './carryover-issue.js';
import { resolveTrackerTarget, type Tracker } from './repo-spec.js';

/** What to file. */
export interface CarryoverRequest {
  /** The repository (working directory of the CLI, source of the `-R` spec). */
  repo: string;
  /** Session Config `vcs:`; undefined: detected from the `origin` remote. */
  tracker: Tracker | undefined;
  kind: CarryoverKind;
  /** The task text (its hash is the dedup key). */
  task: string;
  /** Error context, summaries: the body's "Prior context". */
  context: string;
  priority: 'high' | 'medium';
  signal: AbortSignal;
  /** Environment of the CLI (default: the coordinator's, where `gh`/`glab` find their login). */
  env?: NodeJS.ProcessEnv;
  /** Limit of each CLI call (default 60 s). */
  timeoutMs?: number;
}

/** How the filing went: what `carryover.issue_filed` records. */
export interface IssueFiling {
  tracker: Tracker | null;
  outcome: 'created' | 'existing' | 'failed';
  taskHash: string;
  number?: number;
  url?: string;
  error?: string;
}

interface CliResult {
  ok: boolean;
  stdout: string;
  error: string;
}

function cli(cmd: string, args: string[], req: CarryoverRequest): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      cmd,
      args,
      {
        cwd: req.repo,
        env: req.env ?? process.env,
        signal: req.signal,
        timeout: req.timeoutMs ?? 60_000,
        maxBuffer: 16 * 1024 * 1024,
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (error === null) return resolve({ ok: true, stdout, error: '' });
        const code = (error as NodeJS.ErrnoException).code;
        const why =
          code === 'ENOENT'
            ? `${cmd} is not installed (not found on PATH)`
            : req.signal.aborted
              ? `${cmd} was stopped with the session`
              : stderr.trim() || error.message;
        resolve({ ok: false, stdout, error: why.split('\n').slice(-3).join(' ').slice(0, 500) });
      },
    );
  });
}

/** The issue number and URL in a CLI's output (the last issue URL printed). */
function issueUrlIn(stdout: string): { number: number; url: string } | undefined {
  const lines = stdout
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /(https?:\/\/\S+?\/(?:-\/)?issues\/(\d+))\b/.exec(lines[i] ?? '');
    if (m) return { number: Number(m[2]), url: m[1] ?? '' };
  }
  return undefined;
}

type Found = { number: number; url: string } | null;

/** The open carry-over issue carrying `marker`, null when there is none. */
async function findExisting(
  tracker: Tracker,
  spec: string | undefined,
  marker: string,
  req: CarryoverRequest,
): Promise<Found | { error: string }> {
  const pin = spec === undefined ? [] : ['-R', spec];
  const args =
    tracker === 'github'
      ? [
          'issue',
          'list',
          '--label',
          CARRYOVER_LABEL,
          '--state',
          'open',
          '--limit',
          '100',
          '--json',
          'number,url,body',
          ...pin,
        ]
      : [
          'issue',
          'list',
          '--label',
          CARRYOVER_LABEL,
          '--per-page',
          '100',
          '--output',
          'json',
          ...pin,
        ];
  const cmd = tracker === 'github' ? 'gh' : 'glab';
  const res = await cli(cmd, args, req);
  if (!res.ok) return { error: `searching for an existing issue failed: ${res.error}` };
  let list: unknown;
  try {
    list = JSON.parse(res.stdout);
  } catch (error) {
    return { error: `${cmd} issue list printed no JSON: ${(error as Error).message}` };
  }
  if (!Array.isArray(list)) return { error: `${cmd} issue list printed no JSON list` };
  for (const raw of list as Record<string, unknown>[]) {
    const body = tracker === 'github' ? raw.body : raw.description;
    if (typeof body !== 'string' || !body.includes(marker)) continue;
    const n = Number(tracker === 'github' ? raw.number : (raw.iid ?? raw.id));
    const url = tracker === 'github' ? raw.url : raw.web_url;
    if (Number.isInteger(n) && n > 0) return { number: n, url: typeof url === 'string' ? url : '' };
  }
  return null;
}

/** Files (or finds) the carry-over issue of a task. Never throws. */
export async function fileCarryoverIssue(req: CarryoverRequest): Promise<IssueFiling> {
  const hash = taskHash(req.task);
  const target = await resolveTrackerTarget(req.repo, req.tracker, req.signal).catch(
    (error: unknown) => ({ tracker: null, error: String(error) }) as const,
  );
  if ('error' in target)
    return { tracker: null, outcome: 'failed', taskHash: hash, error: target.error };
  const { tracker, spec } = target;
  if (tracker === null) {
    return {
      tracker,
      outcome: 'failed',
      taskHash: hash,
      error:
        'no issue tracker: set `vcs: github` or `vcs: gitlab` in the Session Config (no GitHub or GitLab origin remote to detect it from)',
    };
  }
  const found = await findExisting(tracker, spec, taskHashMarker(hash), req);
  if (found !== null && 'error' in found)
    return { tracker, outcome: 'failed', taskHash: hash, error: found.error };
  if (found !== null) return { tracker, outcome: 'existing', taskHash: hash, ...found };
  const title = carryoverTitle(req.kind, req.task);
  const body = carryoverBody(req.kind, req.task, req.context);
  const labels = carryoverLabels(req.priority);
  const cmd = tracker === 'github' ? 'gh' : 'glab';
  const args = [
    'issue',
    'create',
    '--title',
    title,
    tracker === 'github' ? '--body' : '--description',
    body,
    '--label',
    labels,
  ];
  if (spec !== undefined) args.push('-R', spec);
  const res = await cli(cmd, args, req);
  if (!res.ok)
    return {
      tracker,
      outcome: 'failed',
      taskHash: hash,
      error: `creating the issue failed: ${res.error}`,
    };
  const created = issueUrlIn(res.stdout);
  if (created === undefined) {
    return {
      tracker,
      outcome: 'failed',
      taskHash: hash,
      error: `${cmd} issue create printed no issue URL: ${res.stdout.trim().slice(0, 200)}`,
    };
  }
  return { tracker, outcome: 'created', taskHash: hash, ...created };
}
