/**
 * Reading commander's parsed options, which arrive as `Record<string, unknown>`: a value-taking
 * option is a string when given, so anything else means "not given".
 */
import { resolve } from 'node:path';

/** The text of an option, or undefined when it was not given. */
export function textOption(opts: Record<string, unknown>, key: string): string | undefined {
  const value = opts[key];
  return typeof value === 'string' ? value : undefined;
}

/** The absolute repository of a command: `--repo`, else the current directory. */
export function repoOption(opts: Record<string, unknown>): string {
  return resolve(textOption(opts, 'repo') ?? '.');
}
