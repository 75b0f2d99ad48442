/**
 * Nothing is written outside the repository (issue 8, item 8): symlinked `.claude`,
 * `.orchestrator` or `sessions.jsonl` are refused before anything is written, the projection
 * writer refuses to write through a link, and `wave replay` of a log from elsewhere does not write
 * into the directory the log names.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProjectionWriter } from '../../src/adapters/projection-writer.js';
import { makeRepo } from '../support/git-repo.js';
import { logFiles, wave, writePlan } from '../support/wave-cli.js';

const PLAN = `session: { type: feature, intent: Stay inside }
waves:
  - role: Impl-Core
    tasks: [{ id: m-1, task: Write greet, files: [src/greet.js] }]
`;

const outside = () => mkdtempSync(join(tmpdir(), 'wave-outside-'));

describe('writes stay inside the repository', () => {
  it.each([['.claude'], ['.orchestrator']])(
    'a symlinked %s is refused before anything is written (exit 2)',
    async (dir) => {
      const repo = makeRepo();
      writePlan(repo, PLAN);
      const target = outside();
      symlinkSync(target, join(repo, dir));
      const r = await wave(['run', 'plan.yaml', '--allow-dirty'], { cwd: repo });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${dir} is a symbolic link (to ${target})`);
      expect(readdirSync(target)).toEqual([]);
    },
  );

  it('a symlinked sessions.jsonl is refused: the private file is neither read into the repo nor written', async () => {
    const repo = makeRepo();
    writePlan(repo, PLAN);
    const secret = join(outside(), 'private.txt');
    writeFileSync(secret, 'SECRET=hunter2\n');
    mkdirSync(join(repo, '.orchestrator/metrics'), { recursive: true });
    symlinkSync(secret, join(repo, '.orchestrator/metrics/sessions.jsonl'));
    const r = await wave(['run', 'plan.yaml', '--allow-dirty'], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.orchestrator/metrics/sessions.jsonl is a symbolic link');
    expect(readFileSync(secret, 'utf8')).toBe('SECRET=hunter2\n');
    expect(existsSync(join(repo, '.orchestrator/log'))).toBe(false);
  });

  it('the projection writer refuses a link that appears mid-session', () => {
    const root = outside();
    const target = outside();
    symlinkSync(target, join(root, '.claude'));
    const writer = createProjectionWriter({ root });
    expect(() => writer.write([{ kind: 'file', path: '.claude/STATE.md', content: 'x' }])).toThrow(
      '.claude is a symbolic link',
    );
    expect(readdirSync(target)).toEqual([]);
  });

  it('wave replay of a log from elsewhere asks for --out instead of writing where the log says', async () => {
    const repo = makeRepo();
    writePlan(repo, PLAN);
    expect((await wave(['run', 'plan.yaml', '--allow-dirty'], { cwd: repo })).code).toBe(0);
    const victim = outside();
    const text = readFileSync(logFiles(repo)[0] as string, 'utf8').replaceAll(
      JSON.stringify(repo),
      JSON.stringify(victim),
    );
    const elsewhere = join(outside(), 'session.jsonl');
    writeFileSync(elsewhere, text);
    const r = await wave(['replay', elsewhere], { cwd: outside() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pass --out DIR');
    expect(readdirSync(victim)).toEqual([]);
    const out = outside();
    expect((await wave(['replay', elsewhere, '--out', out], { cwd: out })).code).toBe(0);
    expect(existsSync(join(out, '.claude/STATE.md'))).toBe(true);
    expect(readdirSync(victim)).toEqual([]);
  });
});

describe('lone surrogates in projections', () => {
  it('a render holding a lone surrogate (a log recorded before agent text was made well-formed) checks clean after it is written', () => {
    const root = outside();
    const writer = createProjectionWriter({ root });
    const outputs = [
      { kind: 'file' as const, path: '.claude/STATE.md', content: 'summary: \ud83d half\n' },
    ];
    writer.write(outputs);
    expect(readFileSync(join(root, '.claude/STATE.md'), 'utf8')).toBe('summary: \uFFFD half\n');
    expect(createProjectionWriter({ root }).check(outputs)).toEqual([]);
  });
});
