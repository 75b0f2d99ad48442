/**
 * Reading commander's parsed options, which arrive as `Record<string, unknown>`: a value-taking
 * option is a string when given, so anything else means "not given".
 */
import { resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';

/** The text of an option, or undefined when it was not given. */
export function textOption(opts: Record<string, unknown>, key: string): string | undefined {
  const value = opts[key];
  return typeof value === 'string' ? value : undefined;
}

/** The absolute repository of a command: `--repo`, else the current directory. */
export function repoOption(opts: Record<string, unknown>): string {
  return resolve(textOption(opts, 'repo') ?? '.');
}

/** commander parser of a number option (`int`: a whole number); a bad value is a usage error. */
export function numberArg(int: boolean) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0 || (int && !Number.isInteger(n))) {
      throw new InvalidArgumentError(int ? 'expected a whole number ≥ 0' : 'expected a number ≥ 0');
    }
    return n;
  };
}
