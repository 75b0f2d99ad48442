/**
 * Where a program this package starts in another process or thread is: the built JavaScript
 * beside the calling module when that module runs from `dist/`, else its copy under `dist/` when
 * the sources run directly (tests, `tsx`), else nowhere (null: not built).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * @param beside the program beside the caller (`new URL('./launcher.child.js', import.meta.url)`:
 *   written out at the call site, so tools that follow imports see the program)
 * @param inDist the same program under `dist/`, relative to the caller in `src/`
 */
export function builtProgram(beside: URL, inDist: URL): string | null {
  const here = fileURLToPath(beside);
  if (existsSync(here)) return here;
  const built = fileURLToPath(inDist);
  return existsSync(built) ? built : null;
}
