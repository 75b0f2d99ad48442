/**
 * The git launcher process (the built `dist/actors/git-launcher.child.js`, as a session uses it):
 * given git commands, when run through it, then they answer as in this process; an abort kills
 * the git process there; a launcher that dies fails what it held and a new one serves the next
 * call; and a process that ran git through it still exits on its own.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { minimalGitEnv } from '../../src/actors/git-exec.js';
import { GitLauncher } from '../../src/actors/git-launcher.js';
import { runGitHere, type GitRequest } from '../../src/actors/git-run.js';
import { git } from '../support/git-repo.js';
import { tempRepos, writeIn } from '../support/temp-repos.js';

const PROGRAM = resolve('dist/actors/git-launcher.child.js');
const live = new AbortController().signal;
const { repo } = tempRepos();

const request = (cwd: string, args: string[], more: Partial<GitRequest> = {}): GitRequest => ({
  args,
  cwd,
  env: minimalGitEnv(),
  okExitCodes: [0],
  config: [],
  ...more,
});

describe('git launcher process', () => {
  it('is built (npm test builds before it runs)', () => {
    expect(existsSync(PROGRAM)).toBe(true);
  });

  it('given read and write commands, when run through the launcher, then they answer as in this process', async () => {
    const dir = repo({ 'a.txt': '1\n' });
    writeIn(dir, 'b.txt', 'b\n');
    const launcher = new GitLauncher(PROGRAM);
    try {
      for (const args of [
        ['rev-parse', 'HEAD'],
        ['status', '--porcelain=v1', '-z', '--untracked-files=all'],
        ['rev-parse', '--verify', '--quiet', 'no-such-ref'],
      ]) {
        const r = request(dir, args, { okExitCodes: [0, 1] });
        expect(await launcher.run(live, r)).toEqual(await runGitHere(live, r));
      }
      const input = request(dir, ['hash-object', '-w', '--stdin'], { input: 'stdin text\n' });
      const sha = (await launcher.run(live, input)).stdout.trim();
      expect(git(dir, 'cat-file', '-p', sha)).toBe('stdin text\n');
      await expect(launcher.run(live, request(dir, ['rev-parse', 'nope']))).rejects.toThrow(
        /git rev-parse nope exited 128: .*nope/,
      );
    } finally {
      launcher.stop();
    }
  });

  it('given a git command that waits, when its signal aborts, then the call rejects with the reason and the launcher serves the next one', async () => {
    const dir = repo({ 'a.txt': '1\n' });
    const launcher = new GitLauncher(PROGRAM);
    try {
      const stop = new AbortController();
      // `cat-file --batch` reads requests from standard input until it closes: it never ends here.
      const waiting = launcher.run(
        stop.signal,
        request(dir, ['cat-file', '--batch'], { input: '' }),
      );
      setTimeout(() => stop.abort(new Error('stopped by test')), 50);
      await expect(waiting).rejects.toThrow('stopped by test');
      expect((await launcher.run(live, request(dir, ['rev-parse', 'HEAD']))).exitCode).toBe(0);
    } finally {
      launcher.stop();
    }
  });

  it('given a launcher killed while it runs a request, when the request is waiting, then it fails naming the command, and the next call starts a new launcher', async () => {
    const dir = repo({ 'a.txt': '1\n' });
    const launcher = new GitLauncher(PROGRAM);
    try {
      const waiting = launcher.run(live, request(dir, ['cat-file', '--batch'], { input: '' }));
      setTimeout(() => launcher.stop(), 50);
      await expect(waiting).rejects.toThrow(
        /git cat-file --batch: the git launcher process exited \(SIGTERM\)/,
      );
      const head = git(dir, 'rev-parse', 'HEAD');
      expect((await launcher.run(live, request(dir, ['rev-parse', 'HEAD']))).stdout).toBe(head);
    } finally {
      launcher.stop();
    }
  });

  it('given a process that ran git through the launcher, when its work is done, then it exits on its own', () => {
    const dir = repo({ 'a.txt': '1\n' });
    const script = `
      const { gitExec } = await import(${JSON.stringify(resolve('dist/actors/git-exec.js'))});
      const out = await gitExec(new AbortController().signal, ['rev-parse', 'HEAD'], { cwd: ${JSON.stringify(dir)} });
      console.log(out.stdout.trim());`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(
      execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim(),
    );
  });
});
