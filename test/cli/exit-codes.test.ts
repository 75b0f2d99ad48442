import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { WriterClosedError } from '../../src/errors.js';
import {
  EXIT_ABORTED,
  EXIT_INTERNAL,
  diskFullCode,
  reportError,
} from '../../src/cli/report-error.js';
import { makeRepo } from '../support/git-repo.js';
import { wave, writePlan } from '../support/wave-cli.js';

const PLAN = `session: { type: feature, intent: x }
waves:
  - role: Impl-Core
    tasks: [{ id: m-1, task: a, files: [a.txt] }]
`;

/** A real ENOSPC, as the kernel reports a full disk (writing to /dev/full). */
function realEnospc(): Error {
  try {
    writeFileSync('/dev/full', 'x');
  } catch (error) {
    return error as Error;
  }
  throw new Error('/dev/full accepted a write');
}

function captureStderr(fn: () => number): { code: number; text: string } {
  let text = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    text += String(chunk);
    return true;
  });
  try {
    return { code: fn(), text };
  } finally {
    spy.mockRestore();
  }
}

describe('exit codes of every command (built CLI)', () => {
  it('every usage error exits 2', async () => {
    const repo = makeRepo();
    writePlan(repo, PLAN);
    const file = join(repo, 'README.md');
    const cases: string[][] = [
      [],
      ['frobnicate'],
      ['run'],
      ['run', 'plan.yaml', '--bogus'],
      ['run', 'plan.yaml', '--platform', 'foo'],
      ['run', 'plan.yaml', '--repo', file],
      ['run', 'plan.yaml', '--repo', join(repo, 'missing')],
      ['resume', '--bogus'],
      ['resume', 'extra-arg'],
      ['status', '--bogus'],
      ['status', '--repo', file],
      ['validate'],
      ['validate', 'plan.yaml', '--bogus'],
      ['validate', 'plan.yaml', '--repo', file],
      ['replay'],
      ['replay', 'x.jsonl', '--bogus'],
      ['replay', 'test/fixtures/logs/happy-3-waves.jsonl', '--out', file],
      ['replay', 'test/fixtures/logs/happy-3-waves.jsonl', '--at', 'zero', '--out', repo],
      ['replay', join(repo, 'no-such.jsonl')],
    ];
    const results = await Promise.all(
      cases.map(async (args) => ({
        args,
        r: await wave(
          args.map((a) => (a.startsWith('test/') ? join(process.cwd(), a) : a)),
          { cwd: repo },
        ),
      })),
    );
    for (const { args, r } of results) {
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  }, 120_000);

  it('--version prints the version of package.json; --help exits 0', async () => {
    const repo = makeRepo();
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const v = await wave(['--version'], { cwd: repo });
    expect(v).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    expect((await wave(['run', '--help'], { cwd: repo })).code).toBe(0);
  });
});

describe('reportError', () => {
  it('an unexpected error: its own code, one line with the log path, no stack', () => {
    const { code, text } = captureStderr(() =>
      reportError('run', new TypeError('x is not a function'), { logPath: '/r/log.jsonl' }),
    );
    expect(code).toBe(EXIT_INTERNAL);
    expect(code).not.toBe(1);
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(text).toContain('internal error: x is not a function');
    expect(text).toContain('/r/log.jsonl');
    expect(text).toContain('WAVE_DEBUG=1');
  });

  it('with debug on, the stack follows the line', () => {
    const { text } = captureStderr(() => reportError('run', new Error('boom'), { debug: true }));
    expect(text).toMatch(/\n\s+at /);
  });

  it('a full disk is one line and the exit code of an aborted session', () => {
    const enospc = realEnospc();
    expect(diskFullCode(enospc)).toBe('ENOSPC');
    for (const error of [
      enospc,
      new AggregateError([enospc, new Error('truncate failed')], 'write failed'),
      new WriterClosedError(`writer of x.jsonl failed earlier: ${String(enospc)}`),
      new Error('projection write failed', { cause: enospc }),
    ]) {
      const { code, text } = captureStderr(() =>
        reportError('run', error, { logPath: '/r/.orchestrator/log/s.jsonl' }),
      );
      expect(code).toBe(EXIT_ABORTED);
      expect(text.trim().split('\n')).toHaveLength(1);
      expect(text).toContain('disk full (ENOSPC)');
      expect(text).toContain('the log is intact');
      expect(text).toContain('/r/.orchestrator/log/s.jsonl');
      expect(text).toContain('wave resume');
    }
  });
});
