/**
 * Finds the file a program name starts, as `spawn` would: a name with a slash is a path (relative
 * to the working directory), any other name is looked up in the `PATH` directories in order. Only
 * executable regular files count. Asks the version of a found program with `--version`.
 */
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

async function executable(file: string): Promise<boolean> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return false;
    await access(file, constants.X_OK);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'ENOTDIR') return false;
    throw error;
  }
}

/** The absolute file `program` resolves to, or null when nothing executable is found. */
export async function resolveProgram(
  program: string,
  cwd: string,
  pathVar: string | undefined,
): Promise<string | null> {
  if (program.includes('/')) {
    const file = isAbsolute(program) ? program : resolve(cwd, program);
    return (await executable(file)) ? file : null;
  }
  for (const dir of (pathVar ?? '').split(delimiter)) {
    if (dir === '') continue;
    const file = join(isAbsolute(dir) ? dir : resolve(cwd, dir), program);
    if (await executable(file)) return file;
  }
  return null;
}

const VERSION_TIMEOUT_MS = 5000;
const versions = new Map<string, Promise<string | null>>();

/**
 * The first line of `<file> --version` (run in an empty temp directory, stdin closed, 5 s at
 * most), or null when the program gives none. Cached per file for the process.
 */
export function programVersion(file: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  let known = versions.get(file);
  if (!known) {
    known = probe(file, env);
    versions.set(file, known);
  }
  return known;
}

async function probe(file: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  const dir = await mkdtemp(join(tmpdir(), 'wave-preflight-'));
  try {
    const out = await new Promise<string | null>((done) => {
      const child = execFile(
        file,
        ['--version'],
        { cwd: dir, env, timeout: VERSION_TIMEOUT_MS, maxBuffer: 64 * 1024 },
        (error, stdout, stderr) => done(error ? null : `${stdout}\n${stderr}`),
      );
      child.stdin?.end();
    });
    const line = (out ?? '')
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '');
    return line !== undefined && line.length <= 120 && !line.startsWith('{') ? line : null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
