/** Real temporary git repositories for end-to-end tests. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** Absolute path of the scripted agent program. */
export const SCRIPTED_AGENT = resolve('test/fixtures/agents/scripted-agent.mjs');

/** Runs git in a repository. */
function git(repo: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
}

/** Creates a repository with one commit holding `files`. */
export function makeRepo(files: Record<string, string> = { 'README.md': '# demo\n' }): string {
  const repo = mkdtempSync(join(tmpdir(), 'wave-e2e-'));
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.email', 'test@example.invalid');
  git(repo, 'config', 'user.name', 'wave test');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), content);
  }
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'initial');
  return repo;
}
