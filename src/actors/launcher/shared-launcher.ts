/**
 * This process's launcher (see `launcher.client.ts`): one, created on first use, or none when
 * the launcher program is not built (the sources run directly): then git and agents start from
 * this process.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtProgram } from '../built-program.js';
import { Launcher } from './launcher.client.js';

/** The launcher program, built (`dist/`), whether this module runs from `dist/` or from `src/`. */
function launcherProgram(): string | null {
  return builtProgram(
    new URL('./launcher.child.js', import.meta.url),
    new URL('../../../dist/actors/launcher/launcher.child.js', import.meta.url),
  );
}

let shared: Launcher | null | undefined;

/**
 * Longest Unix socket path Linux and macOS take (`sun_path` holds 108 and 104 bytes with its NUL);
 * the launcher listens at `<tmpdir>/wave-launch-XXXXXX/sock`.
 */
const SOCKET_PATH_MAX = 103;

/**
 * This process's launcher, or null when its program is not built or the temporary directory's
 * path is too long for the launcher's socket.
 */
export function sharedLauncher(): Launcher | null {
  if (shared === undefined) {
    const socketPath = join(tmpdir(), 'wave-launch-XXXXXX', 'sock');
    const program = Buffer.byteLength(socketPath) > SOCKET_PATH_MAX ? null : launcherProgram();
    shared = program === null ? null : new Launcher(program);
  }
  return shared;
}
