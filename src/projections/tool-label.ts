/**
 * A short label for a tool call: the tool name and its primary argument, e.g. `Edit src/a.ts`,
 * `Bash npm test`, `Grep retry`. Paths under the repository are shown repository-relative.
 */

/** Input keys holding a tool's primary argument, in order of preference. */
const PRIMARY_KEYS = [
  'file_path',
  'path',
  'notebook_path',
  'command',
  'cmd',
  'pattern',
  'url',
  'query',
  'description',
  'prompt',
] as const;

/** Longest primary argument shown, in characters. */
const TOOL_ARG_MAX = 48;

function primaryArg(input: Readonly<Record<string, unknown>>): string | null {
  for (const key of PRIMARY_KEYS) {
    const v = input[key];
    if (typeof v === 'string' && v.trim() !== '') return v;
    if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) {
      return v.join(' ');
    }
  }
  return null;
}

function relativeTo(repo: string | null, arg: string): string {
  if (!repo) return arg;
  const root = repo.endsWith('/') ? repo : `${repo}/`;
  return arg.startsWith(root) ? arg.slice(root.length) : arg;
}

/** Collapses whitespace and cuts `text` to `max` characters with an ellipsis. */
function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, Math.max(0, max - 1))}…`;
}

/** `<tool> <primary arg>` (or just the tool name when it has none). */
export function toolLabel(
  tool: string,
  input: Readonly<Record<string, unknown>>,
  repo: string | null,
): string {
  const arg = primaryArg(input);
  if (arg === null) return tool;
  return `${tool} ${oneLine(relativeTo(repo, arg), TOOL_ARG_MAX)}`;
}
