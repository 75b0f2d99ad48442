/**
 * Limits a plan file must respect before it is parsed, so a hostile plan is refused in
 * milliseconds: at most {@link MAX_PLAN_BYTES} bytes, and flow collections (`[`, `{`) nested at
 * most {@link MAX_PLAN_DEPTH} deep (a real plan nests about 5 deep; 2 MB of `[` took a YAML parser
 * 20 s and 1 GB).
 */
import type { Issue } from '../../errors.js';
import { positionAt } from './source-positions.js';

/** Largest plan file read (1 MiB). */
const MAX_PLAN_BYTES = 1024 * 1024;

/** Deepest nesting of `[` / `{` collections. */
export const MAX_PLAN_DEPTH = 64;

/** The size issue of a plan of `bytes` bytes, or undefined. */
export function planSizeProblem(bytes: number, file: string): Issue | undefined {
  if (bytes <= MAX_PLAN_BYTES) return undefined;
  return {
    file,
    message: `the plan is ${bytes} bytes; a plan file may have at most ${MAX_PLAN_BYTES} bytes`,
  };
}

/**
 * The first place where `[` / `{` nest deeper than the limit, outside quoted strings and
 * comments, as an issue; undefined when the text is within the limit. One linear scan.
 */
export function planDepthProblem(text: string, file: string): Issue | undefined {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== '') {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    // A quote opens a string only where a scalar starts (not the apostrophe of "don't").
    if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:]/.test(text[i - 1] as string))) quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] as string))) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === '[' || c === '{') {
      depth++;
      if (depth > MAX_PLAN_DEPTH) {
        const at = positionAt(text, i);
        return {
          file,
          line: at.line,
          column: at.column,
          message: `collections nest deeper than ${MAX_PLAN_DEPTH} levels; a plan is not that deep`,
        };
      }
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return undefined;
}
