/** A script written as a module file, for tests that run it in a process of its own. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The path of a new `.mjs` file holding `script`. Run it as a file, not with
 * `node --input-type=module -e`: that exits once the script is done even while a worker thread
 * or a child process would keep a program running, so it cannot show a process that hangs.
 */
export function moduleFile(script: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'wave-script-')), 'script.mjs');
  writeFileSync(file, script);
  return file;
}
