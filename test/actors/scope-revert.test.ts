/** The strict-mode revert on a real temporary git repository: exactly the listed files change. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { revertAgentFiles } from '../../src/actors/scope-revert.js';
import { PreconditionError } from '../../src/errors.js';
import { git, makeRepo } from '../support/git-repo.js';

const read = (repo: string, f: string): string => readFileSync(join(repo, f), 'utf8');

function scenario() {
  const repo = makeRepo({
    'src/a.ts': 'a0\n',
    'src/b.ts': 'b0\n',
    'src/keep.ts': 'k0\n',
    'src/other.ts': 'o0\n',
    'docs/*.md': 'literal star\n',
  });
  const base = git(repo, 'rev-parse', 'HEAD').trim();
  // The agent: edits a.ts, deletes b.ts, creates new/x.ts, adds c.ts to the index, edits the
  // file literally named `docs/*.md`, and its in-scope keep.ts. Another agent edits other.ts.
  writeFileSync(join(repo, 'src/a.ts'), 'a1\n');
  git(repo, 'rm', '-q', 'src/b.ts');
  mkdirSync(join(repo, 'new'));
  writeFileSync(join(repo, 'new/x.ts'), 'x\n');
  writeFileSync(join(repo, 'src/c.ts'), 'c\n');
  git(repo, 'add', 'src/c.ts');
  writeFileSync(join(repo, 'docs/*.md'), 'changed\n');
  writeFileSync(join(repo, 'src/keep.ts'), 'k1\n');
  writeFileSync(join(repo, 'src/other.ts'), 'o1\n');
  return { repo, base };
}

describe('revertAgentFiles', () => {
  it('restores tracked files, removes new ones, touches nothing else', async () => {
    const { repo, base } = scenario();
    const result = await revertAgentFiles({
      cwd: repo,
      baseRef: base,
      files: ['src/a.ts', 'src/b.ts', 'new/x.ts', 'src/c.ts', 'docs/*.md'],
      signal: new AbortController().signal,
    });
    expect(result).toEqual({
      restored: ['docs/*.md', 'src/a.ts', 'src/b.ts'],
      removed: ['new/x.ts', 'src/c.ts'],
    });
    expect(read(repo, 'src/a.ts')).toBe('a0\n');
    expect(read(repo, 'src/b.ts')).toBe('b0\n');
    expect(read(repo, 'docs/*.md')).toBe('literal star\n');
    expect(existsSync(join(repo, 'new/x.ts'))).toBe(false);
    expect(existsSync(join(repo, 'src/c.ts'))).toBe(false);
    // Only the in-scope file and the other agent's file are still changed, unstaged.
    expect(git(repo, 'status', '--porcelain=v1', '--untracked-files=all')).toBe(
      ' M src/keep.ts\n M src/other.ts\n',
    );
    expect(git(repo, 'rev-parse', 'HEAD').trim()).toBe(base);
  });

  it('refuses paths outside the working tree and a base that is not a commit', async () => {
    const { repo, base } = scenario();
    const signal = new AbortController().signal;
    for (const bad of ['../x', '/etc/passwd', 'src/../../x', '.git/config']) {
      await expect(
        revertAgentFiles({ cwd: repo, baseRef: base, files: [bad], signal }),
      ).rejects.toThrow(PreconditionError);
    }
    await expect(
      revertAgentFiles({ cwd: repo, baseRef: 'no-such-ref', files: ['src/a.ts'], signal }),
    ).rejects.toThrow(/no-such-ref is not a commit/);
    expect(read(repo, 'src/a.ts')).toBe('a1\n');
  });

  it('an aborted signal rejects before anything changes', async () => {
    const { repo, base } = scenario();
    const controller = new AbortController();
    controller.abort(new Error('session aborted'));
    await expect(
      revertAgentFiles({
        cwd: repo,
        baseRef: base,
        files: ['src/a.ts'],
        signal: controller.signal,
      }),
    ).rejects.toThrow('session aborted');
    expect(read(repo, 'src/a.ts')).toBe('a1\n');
  });
});
