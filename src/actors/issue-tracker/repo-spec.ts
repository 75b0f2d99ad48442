/**
 * Which tracker and which repository a carry-over issue goes to. The `-R` spec comes from the git
 * remotes, as the reference resolves it: for GitHub the remote `github`, else `origin`, normalised
 * to `HOST/OWNER/REPO` (the only form `gh -R` documents); for GitLab the remote `gitlab`, else
 * `origin`, as the URL (`glab -R` takes one; groups nest). Credentials in a URL are dropped, so
 * no token reaches an argv. No tracker configured: detected from the remote's host.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** An issue tracker. */
export type Tracker = 'github' | 'gitlab';

/** The URL of a git remote, or undefined when it does not exist. */
async function remoteUrl(
  repo: string,
  name: string,
  signal: AbortSignal,
): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['-C', repo, 'remote', 'get-url', name], { signal });
    const url = stdout.trim();
    return url === '' ? undefined : url;
  } catch (error) {
    if (signal.aborted) throw error;
    return undefined; // no such remote (git exits 2): nothing to pin to
  }
}

/** `https://user:token@host/…` → `https://host/…`; scp-like `git@host:path` is kept. */
function stripCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/\s]*@/i, (m, scheme: string) =>
    /^https?:\/\/$/i.test(scheme) || m.slice(scheme.length).includes(':') ? scheme : m,
  );
}

function hostOf(url: string): string | undefined {
  return (/^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:]+)/i.exec(url) ??
    /^[^@\s]+@([^:\s]+):/.exec(url))?.[1]?.toLowerCase();
}

/** `HOST/OWNER/REPO` of a GitHub remote URL (HTTPS or SSH), else the URL unchanged. */
function githubSpec(url: string): string {
  const m =
    /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:]+)(?::\d+)?\/([^/]+)\/([^/]+?)(?:\.git)?\/?$/i.exec(
      url,
    ) ?? /^[^@\s]+@([^:\s]+):([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url);
  return m ? `${(m[1] ?? '').toLowerCase()}/${m[2]}/${m[3]}` : url;
}

/** The tracker and `-R` spec for a repository. */
export interface TrackerTarget {
  tracker: Tracker | null;
  /** Undefined: no remote to pin to; the CLI's own default repository applies. */
  spec?: string;
}

/** Resolves the tracker (configured, else from the remote's host) and the `-R` spec. */
export async function resolveTrackerTarget(
  repo: string,
  configured: Tracker | undefined,
  signal: AbortSignal,
): Promise<TrackerTarget> {
  let tracker = configured;
  if (tracker === undefined) {
    const origin = await remoteUrl(repo, 'origin', signal);
    const host = origin === undefined ? undefined : hostOf(origin);
    tracker = host?.includes('github') ? 'github' : host?.includes('gitlab') ? 'gitlab' : undefined;
    if (tracker === undefined) return { tracker: null };
  }
  for (const name of [tracker, 'origin']) {
    const url = await remoteUrl(repo, name, signal);
    if (url === undefined) continue;
    const clean = stripCredentials(url);
    const wrongFamily = tracker === 'github' ? 'gitlab.com' : 'github.com';
    if (hostOf(clean) === wrongFamily) continue;
    const spec = tracker === 'github' ? githubSpec(clean) : clean;
    // A remote URL never holds whitespace or control characters; such a value is not an argv.
    if ([...spec].some((c) => c <= ' ')) continue;
    return { tracker, spec };
  }
  return { tracker };
}
