/** Helpers of the crash tests: temp repositories and coordinator processes that can be killed. */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CHILD = resolve('test/support/crash-child.mjs');
// tmpfs when there is one: the suite measures crash recovery, not the disk's fsync latency.
const BASE = readdirSync('/dev').includes('shm') ? '/dev/shm' : tmpdir();

/** A temp git repository with one commit. */
export function makeRepo(): string {
  const repo = mkdtempSync(join(BASE, 'wave-crash-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'crash@example.invalid');
  git('config', 'user.name', 'crash suite');
  execFileSync('sh', ['-c', 'printf "# crash\\n" > README.md'], { cwd: repo });
  git('add', '-A');
  git('commit', '-q', '-m', 'initial');
  return repo;
}

/** How a coordinator process ended. */
export interface ChildEnd {
  killed: boolean;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `crash-child.mjs <repo> <mode> <args>` to its end (or its kill). */
export function child(
  repo: string,
  mode: 'run' | 'resume',
  args: string[] = [],
): Promise<ChildEnd> {
  return new Promise((done) => {
    execFile(process.execPath, [CHILD, repo, mode, ...args], (error, stdout, stderr) => {
      const signal = (error as { signal?: string } | null)?.signal;
      const code = error ? ((error as { code?: number }).code ?? null) : 0;
      done({ killed: signal === 'SIGKILL', code, stdout, stderr });
    });
  });
}
