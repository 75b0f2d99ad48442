/**
 * This process's launcher (see `launcher.client.ts`): one, created on first use, or none when
 * the launcher program is not built (the sources run directly): then git and agents start from
 * this process.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Launcher } from './launcher.client.js';

/** The launcher program, built (`dist/`), whether this module runs from `dist/` or from `src/`. */
function launcherProgram(): string | null {
  const beside = fileURLToPath(new URL('./launcher.child.js', import.meta.url));
  if (existsSync(beside)) return beside;
  const built = fileURLToPath(
    new URL('../../../dist/actors/launcher/launcher.child.js', import.meta.url),
  );
  return existsSync(built) ? built : null;
}

let shared: Launcher | null | undefined;

/** This process's launcher, or null when its program is not built. */
export function sharedLauncher(): Launcher | null {
  if (shared === undefined) {
    const program = launcherProgram();
    shared = program === null ? null : new Launcher(program);
  }
  return shared;
}
