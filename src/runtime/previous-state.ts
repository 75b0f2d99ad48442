/**
 * Session setup, the reference's Idle Reset: what the repository's STATE.md of the previous
 * session hands to the next one. Read before anything is written; the new session logs it in
 * `state.carried_over` and the STATE.md projection renders it (Wave History under
 * `## Previous Session`; What Not To Retry and Open Questions kept byte for byte).
 */
import { join } from 'node:path';
import { readTextIfPresent } from '../adapters/optional-files.js';
import { stateDirOf, type Platform } from '../domain/plan.schema.js';

/** What a previous STATE.md holds for the next session. */
export interface PreviousState {
  path: string;
  /** Frontmatter `session:` ('' when absent). */
  session: string;
  /** Frontmatter `status:` ('' when absent). */
  status: string;
  waveHistory: string;
  /** What Not To Retry entries: a `- ` line and its indented continuation lines. */
  whatNotToRetry: string[];
  /** Open Questions lines (`- [ ] …` / `- [x] …`). */
  openQuestions: string[];
}

/** The `## <name>` sections of a body: heading → content lines (without the heading). */
function sections(body: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of body.split('\n')) {
    const m = /^## (.+?)\s*$/.exec(line);
    if (m) {
      current = [];
      out.set(m[1] as string, current);
    } else current?.push(line);
  }
  return out;
}

const trimBlank = (lines: string[]): string[] => {
  let a = 0;
  let b = lines.length;
  while (a < b && (lines[a] as string).trim() === '') a++;
  while (b > a && (lines[b - 1] as string).trim() === '') b--;
  return lines.slice(a, b);
};

/** Splits list content into entries: each `- ` line with the indented lines under it. */
function entries(lines: string[]): string[] {
  const out: string[][] = [];
  for (const line of trimBlank(lines)) {
    if (line.startsWith('- ')) out.push([line]);
    else if (line.trim() !== '' && out.length > 0) (out.at(-1) as string[]).push(line);
  }
  return out.map((e) => e.join('\n'));
}

/** Parses a STATE.md text (frontmatter scalars `session`, `status`; the three sections). */
export function parsePreviousState(text: string, path: string): PreviousState {
  const normal = text.replace(/\r\n/g, '\n');
  let body = normal;
  let front = '';
  const fm = /^---\n([\s\S]*?)\n---\n?/.exec(normal);
  if (fm) {
    front = fm[1] as string;
    body = normal.slice(fm[0].length);
  }
  const scalar = (key: string) => {
    const m = new RegExp(`^${key}:[ \\t]*(.*)$`, 'm').exec(front);
    return (m?.[1] ?? '').trim().replace(/^(["'])(.*)\1$/, '$2');
  };
  const s = sections(body);
  return {
    path,
    session: scalar('session'),
    status: scalar('status'),
    waveHistory: trimBlank(s.get('Wave History') ?? []).join('\n'),
    whatNotToRetry: entries(s.get('What Not To Retry') ?? []),
    openQuestions: entries(s.get('Open Questions') ?? []),
  };
}

/** The previous STATE.md of the platform's state directory, or null when there is none. */
export async function readPreviousState(
  repo: string,
  platform: Platform,
): Promise<PreviousState | null> {
  const path = join(repo, stateDirOf(platform), 'STATE.md');
  const text = await readTextIfPresent(path);
  return text === undefined ? null : parsePreviousState(text, path);
}
