/**
 * `wave hook install [--repo DIR]`: adds the wave scope hook (`wave hook pre-tool-use`, run by this
 * node with this CLI) to the project's `.claude/settings.json`, keeping every other setting and
 * hook. Idempotent. Exit 0; 2 on a `--repo` that is not a directory or a malformed settings file
 * (`file:line:col: message`, the file left as it was).
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { installScopeHook, scopeHookCommand } from '../adapters/claude-settings.js';

/** Runs `wave hook install`; returns the exit code. */
export async function hookInstallCommand(opts: Record<string, unknown>): Promise<number> {
  const repo = resolve(typeof opts.repo === 'string' ? opts.repo : '.');
  if (!statSync(repo, { throwIfNoEntry: false })?.isDirectory()) {
    process.stderr.write(`wave hook install: --repo ${repo} is not a directory\n`);
    return 2;
  }
  const file = join(repo, '.claude', 'settings.json');
  const { changed } = installScopeHook(file, scopeHookCommand());
  process.stdout.write(
    changed
      ? `wave hook install: added the PreToolUse scope hook to ${file}\n`
      : `wave hook install: the PreToolUse scope hook is already in ${file}\n`,
  );
  return 0;
}
