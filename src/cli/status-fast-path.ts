/**
 * The arguments of a plain `wave status` (`[--repo DIR | --repo=DIR] [--json]`), read without
 * commander so the command starts about as fast as node itself. Anything else (help, an unknown
 * flag, a missing value, `--`) is left to commander, which owns usage errors and help.
 */

/** The options of a plain `wave status`, as commander would give them; null: not a plain one. */
export function plainStatusArgs(args: readonly string[]): Record<string, unknown> | null {
  if (args[0] !== 'status') return null;
  const opts: Record<string, unknown> = { repo: '.' };
  for (let i = 1; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--json') opts.json = true;
    else if (arg === '--repo') {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('-')) return null;
      opts.repo = value;
      i += 1;
    } else if (arg.startsWith('--repo=')) opts.repo = arg.slice('--repo='.length);
    else return null;
  }
  return opts;
}
