/** Given a stream of tool facts, when the live detectors fold it, then these verdicts come (once). */
import { describe, expect, it } from 'vitest';
import {
  finishLoopWatch,
  newLoopWatch,
  observeFact,
  observeFactAll,
} from '../../../src/domain/supervision/loop-watch.js';
import type {
  LoopVerdict,
  SpiralRule,
  ToolFact,
} from '../../../src/domain/supervision/loop-watch.types.js';
import { classifyError } from '../../../src/domain/supervision/error-class.js';
import { turnKey } from '../../../src/domain/supervision/turn-key.js';
import { bash, call, edit, fail, read } from './tool-facts.helpers.js';

const CWD = '/repo';

/** Folds facts (a `fail` answers the call before it) and returns every verdict, in order. */
function watch(facts: ToolFact[], spiralRule: SpiralRule = 'default'): LoopVerdict[] {
  const state = newLoopWatch({ spiralRule, cwd: CWD });
  const out: LoopVerdict[] = [];
  let last: Extract<ToolFact, { kind: 'call' }> | undefined;
  for (const f of facts) {
    if (f.kind === 'call') last = f;
    const fact: ToolFact =
      f.kind === 'failure' && last ? { ...f, tool: last.tool, callId: last.callId as string } : f;
    out.push(...observeFactAll(state, fact));
  }
  out.push(...finishLoopWatch(state));
  // Plain data: the state survives a JSON round trip unchanged.
  expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  return out;
}
const patterns = (v: LoopVerdict[]): string[] => v.map((x) => `${x.pattern}:${x.file ?? '-'}`);

describe('turn keys and error classes', () => {
  it('turn keys strip the paging arguments', () => {
    expect(turnKey({ tool: 'Read', input: { file_path: 'a', offset: 1 } })).toBe(
      turnKey({ tool: 'Read', input: { file_path: 'a', offset: 90 } }),
    );
    expect(turnKey({ tool: 'Grep', input: { pattern: 'x', path: 'src', number: true } })).toBe(
      'Grep:{"path":"src","pattern":"x"}',
    );
  });

  it.each([
    ['String to replace not found in file.', 'edit-format-friction'],
    ['Found 3 matches of the string to replace, but replace_all is false', 'edit-format-friction'],
    ['Write denied: src/x.ts is outside the wave scope', 'scope-denied'],
    ['Command blocked by policy: git push --force', 'command-blocked'],
    ['This command requires approval', 'command-blocked'],
    [
      "Claude requested permissions to use Bash, but you haven't granted it yet.",
      'command-blocked',
    ],
    ['ENOENT: no such file', 'other'],
  ])('classifies %s as %s', (error, cls) => {
    expect(classifyError(error)).toBe(cls);
  });
});

describe('pagination spiral', () => {
  it('given pages of one file that come back to a page already read, then stagnant', () => {
    const v = watch([read('src/big.ts', 0), read('src/big.ts', 50), read('src/big.ts', 0)]);
    expect(v).toEqual([
      expect.objectContaining({
        pattern: 'pagination-spiral',
        verdict: 'stagnant',
        file: 'src/big.ts',
        occurrences: 3,
      }),
    ]);
  });

  it('given three distinct pages then an edit, then nothing by default (paging is work)', () => {
    const v = watch([
      read('src/big.ts', 0),
      read('src/big.ts', 50),
      read('src/big.ts', 100),
      edit('src/big.ts', 'a', 'b'),
    ]);
    expect(v).toEqual([]);
  });

  it('given three distinct pages under the reference rule, then stagnant at the third', () => {
    const state = newLoopWatch({ spiralRule: 'reference', cwd: CWD });
    observeFact(state, read('/repo/src/big.ts', 0));
    observeFact(state, read('/repo/src/big.ts', 50));
    observeFact(state, read('/repo/src/big.ts', 100));
    // The third read settles when the next call comes.
    expect(observeFact(state, bash('ls'))).toMatchObject({
      pattern: 'pagination-spiral',
      file: 'src/big.ts',
    });
  });

  it('given eight distinct pages without an edit, then stagnant by default too', () => {
    const v = watch(Array.from({ length: 8 }, (_, i) => read('src/big.ts', i * 50)));
    expect(patterns(v)).toEqual(['pagination-spiral:src/big.ts']);
  });

  it('given an edit of the file between pages, then the streak starts again', () => {
    const v = watch([
      read('src/big.ts', 0),
      read('src/big.ts', 50),
      edit('src/big.ts', 'a', 'b'),
      read('src/big.ts', 0),
      read('src/big.ts', 50),
    ]);
    expect(v).toEqual([]);
  });
});

describe('turn-key repetition', () => {
  it('given three identical consecutive calls, then a spiral, once', () => {
    const v = watch([bash('npm test'), bash('npm test'), bash('npm test'), bash('npm test')]);
    expect(v).toEqual([
      {
        pattern: 'turn-key-repetition',
        verdict: 'spiral',
        occurrences: 3,
        evidence: ['Bash:npm test', 'Bash:npm test', 'Bash:npm test'],
      },
    ]);
  });

  it('given another call in between, then no repetition', () => {
    expect(watch([bash('npm test'), bash('npm test'), bash('ls'), bash('npm test')])).toEqual([]);
  });

  it('given identical reads (no paging), then a repetition, not a pagination', () => {
    expect(patterns(watch([read('a.ts'), read('a.ts'), read('a.ts')]))).toEqual([
      'turn-key-repetition:a.ts',
    ]);
  });

  it('given the same call failing three times, then an error echo, not a repetition', () => {
    const v = watch([
      bash('npm test'),
      fail('Cannot find module x'),
      bash('npm test'),
      fail('Cannot find module x'),
      bash('npm test'),
      fail('Cannot find module x'),
    ]);
    expect(v).toEqual([
      expect.objectContaining({ pattern: 'error-echo', verdict: 'failed', errorClass: 'other' }),
    ]);
  });
});

describe('oscillation', () => {
  it('given A-B-A-B between two turn keys, then a spiral', () => {
    const v = watch([bash('npm test'), bash('git stash'), bash('npm test'), bash('git stash')]);
    expect(v).toEqual([expect.objectContaining({ pattern: 'oscillation', verdict: 'spiral' })]);
    expect(v[0]?.evidence).toEqual([
      'Bash:npm test',
      'Bash:git stash',
      'Bash:npm test',
      'Bash:git stash',
    ]);
  });

  it('given two files read page by page in turns, then no oscillation (different pages)', () => {
    expect(watch([read('a.ts', 0), read('b.ts', 0), read('a.ts', 50), read('b.ts', 50)])).toEqual(
      [],
    );
  });

  it('given Codex patches without diffs between test runs, then no oscillation', () => {
    const patch = (): ToolFact =>
      call('file_change', { changes: [{ path: '/repo/src/a.ts', kind: 'update' }] });
    const test = (): ToolFact => call('command_execution', { command: 'npm test' });
    expect(watch([patch(), test(), patch(), test(), patch(), test()])).toEqual([]);
  });
});

describe('error echo', () => {
  it('given the same edit error three times on one file, then failed with its class', () => {
    const err = 'String to replace not found in file.\nString: foo(';
    const v = watch([
      edit('src/e.ts', 'foo(', 'bar('),
      fail(err),
      edit('src/e.ts', 'foo(', 'baz('),
      fail(err),
      edit('src/e.ts', 'foo(', 'qux('),
      fail(`${err}  `),
    ]);
    expect(v).toEqual([
      {
        pattern: 'error-echo',
        verdict: 'failed',
        errorClass: 'edit-format-friction',
        file: 'src/e.ts',
        occurrences: 3,
        evidence: ['Edit:src/e.ts', 'Edit:src/e.ts', 'Edit:src/e.ts'],
      },
    ]);
  });

  it('given "File does not exist." for four different files, then no echo', () => {
    const facts = ['a', 'b', 'c', 'd'].flatMap((f) => [
      read(`/repo/src/${f}.ts`),
      fail('File does not exist.'),
    ]);
    expect(watch(facts)).toEqual([]);
  });

  it('given a failure reported after a later parallel call, then it still counts', () => {
    const state = newLoopWatch({ spiralRule: 'default', cwd: CWD });
    const verdicts: LoopVerdict[] = [];
    for (let i = 0; i < 3; i += 1) {
      const a = bash('npm run build') as Extract<ToolFact, { kind: 'call' }>;
      const b = read(`src/f${i}.ts`);
      verdicts.push(...observeFactAll(state, a), ...observeFactAll(state, b));
      verdicts.push(
        ...observeFactAll(state, {
          kind: 'failure',
          tool: 'Bash',
          error: 'tsc: error TS2322',
          callId: a.callId as string,
        }),
      );
    }
    expect(patterns(verdicts)).toEqual(['error-echo:-']);
  });
});

describe('edit spiral, reference rule', () => {
  it('given three successful edits of one file, then a spiral (the literal rule)', () => {
    const facts = [
      edit('a.ts', 'x1', 'y1'),
      edit('a.ts', 'x2', 'y2'),
      edit('/repo/a.ts', 'x3', 'y3'),
    ];
    expect(watch(facts, 'reference')).toEqual([
      expect.objectContaining({ pattern: 'edit-spiral', file: 'a.ts', occurrences: 3 }),
    ]);
  });

  it('given a failed edit among them, then it does not count', () => {
    const facts = [
      edit('a.ts', 'x1', 'y1'),
      edit('a.ts', 'x2', 'y2'),
      fail('String to replace not found in file.'),
      edit('a.ts', 'x3', 'y3'),
    ];
    expect(watch(facts, 'reference')).toEqual([]);
  });
});

describe('edit spiral, default rule', () => {
  it('given twelve edits of distinct regions of one file, then no spiral', () => {
    const facts = Array.from({ length: 12 }, (_, i) => edit('src/f.ts', `old ${i}`, `new ${i}`));
    expect(watch(facts)).toEqual([]);
  });

  it('given edits that undo each other (A→B→A→B), then a spiral', () => {
    const v = watch([
      edit('src/f.ts', 'retry(3)', 'retry(5)'),
      edit('src/f.ts', 'retry(5)', 'retry(3)'),
      edit('src/f.ts', 'retry(3)', 'retry(5)'),
    ]);
    expect(v).toEqual([
      expect.objectContaining({ pattern: 'edit-spiral', verdict: 'spiral', file: 'src/f.ts' }),
    ]);
  });

  it('given one undo only (a tried and reverted change), then no spiral', () => {
    const v = watch([
      edit('src/f.ts', 'a', 'b'),
      edit('src/f.ts', 'b', 'a'),
      edit('src/f.ts', 'c', 'd'),
    ]);
    expect(v).toEqual([]);
  });

  it('given whole-file writes returning to earlier contents twice, then a spiral', () => {
    const write = (content: string): ToolFact =>
      call('Write', { file_path: '/repo/x.md', content });
    expect(patterns(watch([write('A'), write('B'), write('A'), write('B')]))).toEqual([
      'edit-spiral:x.md',
      'oscillation:x.md',
    ]);
    expect(watch([write('A'), write('B'), write('C'), write('D')])).toEqual([]);
  });

  it('given patches that are each the inverse of the one before, then a spiral', () => {
    const patch = (from: string, to: string): ToolFact =>
      call('file_change', {
        changes: [
          { path: '/repo/docs/a.md', kind: 'update', diff: `@@ -1 +1 @@\n-${from}\n+${to}` },
        ],
      });
    expect(patterns(watch([patch('1', '2'), patch('2', '1'), patch('1', '2')]))).toEqual([
      'edit-spiral:docs/a.md',
    ]);
    expect(watch([patch('1', '2'), patch('2', '3'), patch('3', '4')])).toEqual([]);
  });

  it('given one region rewritten four times in a row, then a spiral (churn)', () => {
    const v = watch([
      edit('src/f.ts', 'v0', 'v1'),
      edit('src/f.ts', 'v1', 'v2'),
      edit('src/f.ts', 'v2', 'v3'),
      edit('src/f.ts', 'v3', 'v4'),
    ]);
    expect(v).toEqual([
      expect.objectContaining({ pattern: 'edit-spiral', file: 'src/f.ts', occurrences: 4 }),
    ]);
  });

  it('given a fix that converges in three attempts on one region, then no spiral', () => {
    const v = watch([
      edit('src/f.ts', 'v0', 'v1'),
      bash('npm test'),
      fail('1 failed: expected 3, got 2'),
      edit('src/f.ts', 'v1', 'v2'),
      bash('npm test'),
      fail('1 failed: expected 3, got 4'),
      edit('src/f.ts', 'v2', 'v3'),
      bash('npm test'),
    ]);
    expect(v).toEqual([]);
  });

  it('given edit → same failure → edit on one spot three times, then a spiral', () => {
    const v = watch([
      edit('src/f.ts', 'a0', 'a1'),
      bash('npm test'),
      fail('FAIL src/f.test.ts > parses (12 ms)\nexpected 1'),
      edit('src/g.ts', 'other', 'thing'),
      edit('src/f.ts', 'a1', 'a2'),
      bash('npm test'),
      fail('FAIL src/f.test.ts > parses (15 ms)\nexpected 1'),
      call('Write', { file_path: '/repo/src/f.ts', content: 'whole file' }),
      bash('npm test'),
      fail('FAIL src/f.test.ts > parses (9 ms)\nexpected 1'),
    ]);
    // g.ts was edited in between: the spot is the last edit before the failure.
    expect(v).toEqual([]);
    const loop = watch([
      call('Write', { file_path: '/repo/src/f.ts', content: 'v1' }),
      bash('npm test'),
      fail('FAIL (12 ms) expected 1'),
      call('Write', { file_path: '/repo/src/f.ts', content: 'v2' }),
      bash('npm test'),
      fail('FAIL (15 ms) expected 1'),
      call('Write', { file_path: '/repo/src/f.ts', content: 'v3' }),
      bash('npm test'),
      fail('FAIL (9 ms) expected 1'),
    ]);
    expect(loop).toEqual([
      expect.objectContaining({ pattern: 'edit-spiral', file: 'src/f.ts', occurrences: 3 }),
    ]);
  });

  it('given the verdict already given for a file, then it never comes twice', () => {
    const facts = Array.from({ length: 10 }, (_, i) =>
      edit('src/f.ts', i % 2 === 0 ? 'A' : 'B', i % 2 === 0 ? 'B' : 'A'),
    );
    const v = patterns(watch(facts));
    expect(v.filter((p) => p === 'edit-spiral:src/f.ts')).toHaveLength(1);
    // A-B-A-B between two edits is also an oscillation (once).
    expect(v).toEqual(['edit-spiral:src/f.ts', 'oscillation:src/f.ts']);
  });
});

describe('bounded state', () => {
  it('given 20,000 distinct calls, then the state stays small', () => {
    const state = newLoopWatch({ spiralRule: 'default', cwd: CWD });
    for (let i = 0; i < 20_000; i += 1) {
      observeFact(state, read(`src/f${i % 500}.ts`, i));
      observeFact(state, edit(`src/f${i}.ts`, `a${i}`, `b${i}`));
      observeFact(state, { kind: 'failure', tool: 'Bash', error: `error ${i}` });
    }
    expect(JSON.stringify(state).length).toBeLessThan(200_000);
  });
});

describe('shell reads (Codex reads files with sed/cat)', () => {
  it('given sed pages of one file coming back to a page, then a pagination spiral', () => {
    const sed = (a: number, b: number): ToolFact =>
      call('command_execution', { command: `bash -lc 'sed -n '"'"'${a},${b}p'"'"' src/big.ts'` });
    expect(patterns(watch([sed(1, 200), sed(201, 400), sed(1, 200)]))).toEqual([
      'pagination-spiral:src/big.ts',
    ]);
  });

  it('given cat of the same file three times, then a repetition', () => {
    const cat = (): ToolFact => call('command_execution', { command: "bash -lc 'cat src/a.ts'" });
    expect(patterns(watch([cat(), cat(), cat()]))).toEqual(['turn-key-repetition:src/a.ts']);
  });
});
