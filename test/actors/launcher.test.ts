/**
 * The launcher process (the built `dist/actors/launcher/launcher.child.js`, as a session uses it):
 * given git commands, when run through it, then they answer as in this process; an abort kills
 * the git process there; a launcher that dies fails what it held and a new one serves the next
 * call; a process that used it still exits on its own. Given agent processes, their output
 * arrives whole through the sockets, stdin is delivered, exit codes and failed starts are
 * reported, and a launcher that dies takes its agents' process groups with it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { minimalGitEnv } from '../../src/actors/git-exec.js';
import { Launcher } from '../../src/actors/launcher/launcher.client.js';
import type { LaunchedChild } from '../../src/actors/launcher/launched-child.js';
import { runGitHere, type GitRequest } from '../../src/actors/git-run.js';
import { git } from '../support/git-repo.js';
import { moduleFile } from '../support/module-file.js';
import { tempRepos, writeIn } from '../support/temp-repos.js';

const PROGRAM = resolve('dist/actors/launcher/launcher.child.js');
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

/** A git command that takes seconds: an alias running `sleep`. */
const waits = (dir: string) => request(dir, ['wait'], { config: ['alias.wait=!sleep 3'] });

describe('launcher process: git', () => {
  it('is built (npm test builds before it runs)', () => {
    expect(existsSync(PROGRAM)).toBe(true);
  });

  it('given read and write commands, when run through the launcher, then they answer as in this process', async () => {
    const dir = repo({ 'a.txt': '1\n' });
    writeIn(dir, 'b.txt', 'b\n');
    const launcher = new Launcher(PROGRAM);
    try {
      for (const args of [
        ['rev-parse', 'HEAD'],
        ['status', '--porcelain=v1', '-z', '--untracked-files=all'],
        ['rev-parse', '--verify', '--quiet', 'no-such-ref'],
      ]) {
        const r = request(dir, args, { okExitCodes: [0, 1] });
        expect(await launcher.runGit(live, r)).toEqual(await runGitHere(live, r));
      }
      const input = request(dir, ['hash-object', '-w', '--stdin'], { input: 'stdin text\n' });
      const sha = (await launcher.runGit(live, input)).stdout.trim();
      expect(git(dir, 'cat-file', '-p', sha)).toBe('stdin text\n');
      await expect(launcher.runGit(live, request(dir, ['rev-parse', 'nope']))).rejects.toThrow(
        /git rev-parse nope exited 128: .*nope/,
      );
    } finally {
      launcher.stop();
    }
  });

  it('given a git command that waits, when its signal aborts, then the call rejects with the reason and the launcher serves the next one', async () => {
    const dir = repo({ 'a.txt': '1\n' });
    const launcher = new Launcher(PROGRAM);
    try {
      const stop = new AbortController();
      const waiting = launcher.runGit(stop.signal, waits(dir));
      setTimeout(() => stop.abort(new Error('stopped by test')), 50);
      await expect(waiting).rejects.toThrow('stopped by test');
      expect((await launcher.runGit(live, request(dir, ['rev-parse', 'HEAD']))).exitCode).toBe(0);
    } finally {
      launcher.stop();
    }
  });

  it('given a launcher killed while it runs a request, when the request is waiting, then it fails naming the command, and the next call starts a new launcher', async () => {
    const dir = repo({ 'a.txt': '1\n' });
    const launcher = new Launcher(PROGRAM);
    try {
      const waiting = launcher.runGit(live, waits(dir));
      setTimeout(() => launcher.stop(), 50);
      await expect(waiting).rejects.toThrow(/git wait: the launcher process exited \(SIGTERM\)/);
      const head = git(dir, 'rev-parse', 'HEAD');
      expect((await launcher.runGit(live, request(dir, ['rev-parse', 'HEAD']))).stdout).toBe(head);
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
    const run = spawnSync(process.execPath, [moduleFile(script)], {
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

/** Collects a launched child's output and end. */
function ended(child: LaunchedChild) {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let pid: number | undefined;
  let error: Error | undefined;
  let exit: [number | null, string | null] | undefined;
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => err.push(c));
  child.on('spawn', () => (pid = child.pid));
  child.on('error', (e: Error) => (error = e));
  child.on('exit', (code: number | null, signal: string | null) => (exit = [code, signal]));
  return new Promise<{
    out: string;
    err: string;
    pid?: number;
    error?: Error;
    exit?: [number | null, string | null];
  }>((done) =>
    child.on('close', () =>
      done({
        out: Buffer.concat(out).toString('utf8'),
        err: Buffer.concat(err).toString('utf8'),
        ...(pid === undefined ? {} : { pid }),
        ...(error === undefined ? {} : { error }),
        ...(exit === undefined ? {} : { exit }),
      }),
    ),
  );
}

const nodeArgs = (code: string) => ['-e', code];

describe('launcher process: where it is not used', () => {
  it('given a temporary directory too long for a Unix socket path, when asked, then there is no launcher (git and agents start from the process)', () => {
    const script = (tmp: string) => `
      process.env.TMPDIR = ${JSON.stringify(tmp)};
      const { sharedLauncher } = await import(${JSON.stringify(resolve('dist/actors/launcher/shared-launcher.js'))});
      console.log(sharedLauncher() === null ? 'none' : 'launcher');`;
    const ask = (tmp: string) =>
      spawnSync(process.execPath, ['--input-type=module', '-e', script(tmp)], {
        encoding: 'utf8',
      }).stdout.trim();
    expect(ask('/tmp')).toBe('launcher');
    expect(ask(`/tmp/${'d'.repeat(90)}`)).toBe('none');
  });
});

describe('launcher process: agents', () => {
  it('given an agent reading its prompt, when it writes 8 MB to stdout and a line to stderr, then everything arrives through the sockets with its exit code', async () => {
    const launcher = new Launcher(PROGRAM);
    try {
      const code = `let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const line='x'.repeat(1023)+'\\n';for(let i=0;i<8192;i++)process.stdout.write(line);console.error('prompt:'+s);process.exitCode=3;});`;
      const child = launcher.spawn(process.execPath, nodeArgs(code), {
        cwd: process.cwd(),
        env: { PATH: process.env.PATH ?? '' },
        stdin: 'the prompt',
      });
      const r = await ended(child);
      expect(r.out.length).toBe(8 * 1024 * 1024);
      expect(r.err).toBe('prompt:the prompt\n');
      expect(r.exit).toEqual([3, null]);
      expect(typeof r.pid).toBe('number');
    } finally {
      launcher.stop();
    }
  });

  it('given a program that does not exist, when started, then the start fails with the reason and no pid', async () => {
    const launcher = new Launcher(PROGRAM);
    try {
      const r = await ended(
        launcher.spawn('/nonexistent/agent-cli', [], { cwd: process.cwd(), env: {} }),
      );
      expect(r.pid).toBeUndefined();
      expect(r.error?.message).toMatch(/ENOENT/);
    } finally {
      launcher.stop();
    }
  });

  it('given a running agent, when its process group is killed, then its signal is reported', async () => {
    const launcher = new Launcher(PROGRAM);
    try {
      const child = launcher.spawn(process.execPath, nodeArgs('setInterval(()=>{},1000)'), {
        cwd: process.cwd(),
        env: {},
      });
      child.on('spawn', () => process.kill(-(child.pid as number), 'SIGTERM'));
      expect((await ended(child)).exit).toEqual([null, 'SIGTERM']);
    } finally {
      launcher.stop();
    }
  });

  it('given a running agent, when the launcher dies, then the agent group is killed and its end reported', async () => {
    const launcher = new Launcher(PROGRAM);
    const child = launcher.spawn(process.execPath, nodeArgs('setInterval(()=>{},1000)'), {
      cwd: process.cwd(),
      env: {},
    });
    child.on('spawn', () => launcher.stop());
    const r = await ended(child);
    expect(r.exit).toEqual([null, 'SIGKILL']);
    // Killed, then reaped by whoever adopted it (the launcher is gone): the pid disappears.
    const gone = async () => {
      for (let i = 0; i < 100; i++) {
        try {
          process.kill(r.pid as number, 0);
        } catch (error) {
          return (error as NodeJS.ErrnoException).code;
        }
        await new Promise((wake) => setTimeout(wake, 50));
      }
      return 'still there';
    };
    expect(await gone()).toBe('ESRCH');
  });
});
