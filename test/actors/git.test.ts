import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGit, parsePorcelainZ } from '../../src/actors/git.js';
import { isOwnPath, OWN_PATHS } from '../../src/actors/git-own-files.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Wave Test',
  GIT_AUTHOR_EMAIL: 'wave@example.com',
  GIT_COMMITTER_NAME: 'Wave Test',
  GIT_COMMITTER_EMAIL: 'wave@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

function sh(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8' });
}

function write(repo: string, path: string, text = 'x\n'): void {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
}

/** A fresh repository on branch `main`, optionally with a first commit of `files`. */
function repo(files: string[] = []): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'wave-git-')));
  dirs.push(dir);
  sh(dir, 'init', '-q', '-b', 'main');
  if (files.length > 0) {
    for (const f of files) write(dir, f);
    sh(dir, 'add', '--all');
    sh(dir, 'commit', '-q', '-m', 'first');
  }
  return dir;
}

describe('createGit', () => {
  /** A signal nobody aborts. */
  const live = new AbortController().signal;

  it('tells a repository from a plain or missing directory', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'wave-plain-'));
    dirs.push(plain);
    expect(await createGit(repo()).isRepo(live)).toBe(true);
    expect(await createGit(plain).isRepo(live)).toBe(false);
    expect(await createGit(join(plain, 'missing')).isRepo(live)).toBe(false);
  });

  it('reports head, branch and root, with null head before the first commit', async () => {
    const empty = repo();
    expect(await createGit(empty).head(live)).toBeNull();
    expect(await createGit(empty).branch(live)).toBe('main');

    const dir = repo(['a.txt']);
    const git = createGit(dir);
    expect(await git.head(live)).toBe(sh(dir, 'rev-parse', 'HEAD').trim());
    expect(await git.head(live)).toMatch(/^[0-9a-f]{40}$/);
    expect(await git.root(live)).toBe(dir);
    sh(dir, 'checkout', '-q', '--detach');
    expect(await git.branch(live)).toBeNull();
  });

  it('is clean after a commit and dirty after a modification, a staged file or an untracked file', async () => {
    const dir = repo(['a.txt', 'src/b.ts']);
    const git = createGit(dir);
    expect(await git.isClean(live)).toBe(true);

    write(dir, 'a.txt', 'changed\n');
    expect(await git.isClean(live)).toBe(false);
    sh(dir, 'checkout', '-q', '--', 'a.txt');
    expect(await git.isClean(live)).toBe(true);

    write(dir, 'new/deep/file.ts');
    expect(await git.isClean(live)).toBe(false);
    expect(await git.isClean(live, { ignore: ['new/'] })).toBe(true);
    rmSync(join(dir, 'new'), { recursive: true });

    write(dir, 'staged.ts');
    sh(dir, 'add', 'staged.ts');
    expect(await git.isClean(live)).toBe(false);
  });

  it('never counts the project own files as uncommitted changes', async () => {
    const dir = repo(['a.txt', '.claude/STATE.md']);
    const git = createGit(dir);
    write(dir, '.orchestrator/log/s1.jsonl', '{}\n');
    write(dir, '.orchestrator/session.lock', '{}\n');
    write(dir, '.claude/STATE.md', 'changed\n'); // tracked and modified
    write(dir, '.codex/wave-scope.json', '{}\n');
    write(dir, '.pi/STATE.md');
    write(dir, '.cursor/wave-scope.json');
    // A writer killed between its write and its rename leaves its temporary sibling behind.
    write(dir, '.claude/.STATE.md.4242.7.tmp', 'half\n');
    expect(await git.isClean(live)).toBe(true);
    expect(await git.changedFiles(live)).toEqual([]);

    write(dir, '.claude/settings.json', '{}\n'); // not ours
    expect(await git.isClean(live)).toBe(false);
    expect(await git.changedFiles(live)).toEqual(['.claude/settings.json']);
  });

  it('lists changed files since a ref: committed, modified, deleted, staged and untracked, sorted', async () => {
    const dir = repo(['a.txt', 'b.txt', 'gone.txt']);
    const git = createGit(dir);
    const start = (await git.head(live)) as string;

    write(dir, 'committed.ts');
    sh(dir, 'add', 'committed.ts');
    sh(dir, 'commit', '-q', '-m', 'second');
    write(dir, 'b.txt', 'modified\n');
    unlinkSync(join(dir, 'gone.txt'));
    write(dir, 'staged.ts');
    sh(dir, 'add', 'staged.ts');
    write(dir, 'dir with space/ünïcode.md');
    write(dir, '.orchestrator/metrics/sessions.jsonl');

    expect(await git.changedFiles(live, start)).toEqual([
      'b.txt',
      'committed.ts',
      'dir with space/ünïcode.md',
      'gone.txt',
      'staged.ts',
    ]);
    // Default ref is HEAD: the committed file no longer counts.
    expect(await git.changedFiles(live)).toEqual([
      'b.txt',
      'dir with space/ünïcode.md',
      'gone.txt',
      'staged.ts',
    ]);
  });

  it('reports both sides of a rename', async () => {
    const dir = repo(['old.ts']);
    sh(dir, 'mv', 'old.ts', 'new.ts');
    expect(await createGit(dir).changedFiles(live)).toEqual(['new.ts', 'old.ts']);
  });

  it('lists untracked files of a repository without commits', async () => {
    const dir = repo();
    write(dir, 'src/a.ts');
    write(dir, '.orchestrator/log/x.jsonl');
    expect(await createGit(dir).changedFiles(live)).toEqual(['src/a.ts']);
    expect(await createGit(dir).isClean(live)).toBe(false);
  });

  it('fails loudly on an unknown ref', async () => {
    const dir = repo(['a.txt']);
    await expect(createGit(dir).changedFiles(live, 'no-such-ref')).rejects.toThrow(/no-such-ref/);
  });

  it('given an aborted signal, when asked anything, then it rejects with the reason and runs no git', async () => {
    const dir = repo(['a.txt']);
    const stop = new AbortController();
    stop.abort(new Error('stopped by test'));
    const git = createGit(dir);
    await expect(git.head(stop.signal)).rejects.toThrow('stopped by test');
    await expect(git.isRepo(stop.signal)).rejects.toThrow('stopped by test');
    await expect(git.changedFiles(stop.signal)).rejects.toThrow('stopped by test');
  });

  it('given a question under way, when its signal aborts, then the git process is killed and the call rejects', async () => {
    const dir = repo(['a.txt']);
    // Many untracked files keep `git status` busy long enough to abort it in flight.
    for (let i = 0; i < 3000; i++) write(dir, `many/f-${i}.txt`);
    const stop = new AbortController();
    const pending = createGit(dir).isClean(stop.signal);
    stop.abort(new Error('aborted in flight'));
    await expect(pending).rejects.toThrow('aborted in flight');
  });
});

describe('own files', () => {
  it('covers .orchestrator/ and STATE.md / wave-scope.json of every state dir', () => {
    expect(OWN_PATHS).toEqual([
      '.orchestrator/',
      '.claude/STATE.md',
      '.claude/wave-scope.json',
      '.codex/STATE.md',
      '.codex/wave-scope.json',
      '.cursor/STATE.md',
      '.cursor/wave-scope.json',
      '.pi/STATE.md',
      '.pi/wave-scope.json',
    ]);
    expect(isOwnPath('.orchestrator')).toBe(true);
    expect(isOwnPath('.orchestrator/x/y')).toBe(true);
    expect(isOwnPath('.orchestratorx/y')).toBe(false);
    expect(isOwnPath('.claude/STATE.md.bak')).toBe(false);
    expect(isOwnPath('sub/.claude/STATE.md')).toBe(false);
    expect(isOwnPath('.claude/.STATE.md.4242.7.tmp')).toBe(true);
    expect(isOwnPath('.pi/.wave-scope.json.1.1.tmp')).toBe(true);
    expect(isOwnPath('.claude/.STATE.md.x.7.tmp')).toBe(false);
    expect(isOwnPath('.claude/.settings.json.4242.7.tmp')).toBe(false);
    expect(isOwnPath('.claude/sub/.STATE.md.4242.7.tmp')).toBe(false);
  });

  it('parses NUL-separated porcelain entries', () => {
    expect(parsePorcelainZ(' M a.txt\0?? dir/b c.ts\0D  gone\0')).toEqual([
      'a.txt',
      'dir/b c.ts',
      'gone',
    ]);
    expect(parsePorcelainZ('')).toEqual([]);
  });
});
