import { describe, expect, it } from 'vitest';
import type { ToolCallRecord } from '../../../src/actors/runners/edit-tracker.js';
import { filesChanged } from '../../../src/actors/runners/edit-tracker.js';
import {
  classifyError,
  detectStagnation,
  turnKey,
} from '../../../src/actors/runners/stagnation.detector.js';

const CWD = '/repo';
const read = (file: string, offset?: number, tool = 'Read'): ToolCallRecord => ({
  tool,
  input: offset === undefined ? { file_path: file } : { file_path: file, offset, limit: 50 },
});
const edit = (file: string, n: number, error?: string): ToolCallRecord => ({
  tool: 'Edit',
  input: { file_path: file, old_string: `x${n}`, new_string: `y${n}` },
  ...(error !== undefined ? { error } : {}),
});

describe('stagnation detectors', () => {
  it('turn keys strip the paging arguments', () => {
    expect(turnKey(read('a.ts', 10))).toBe(turnKey(read('a.ts', 90)));
    expect(turnKey({ tool: 'Grep', input: { pattern: 'x', path: 'src', number: true } })).toBe(
      'Grep:{"path":"src","pattern":"x"}',
    );
  });

  it('pagination spiral: ≥3 reads of one file differing only in paging', () => {
    expect(
      detectStagnation(
        [read('src/big.ts', 0), read('src/big.ts', 50), read('src/big.ts', 100)],
        CWD,
      ),
    ).toEqual([{ pattern: 'pagination-spiral', file: 'src/big.ts', occurrences: 3 }]);
  });

  it('paging that ends in an edit of that file is not a spiral', () => {
    const calls = [
      read('src/big.ts', 0),
      read('src/big.ts', 50),
      read('src/big.ts', 100),
      edit('src/big.ts', 1),
    ];
    expect(detectStagnation(calls, CWD)).toEqual([]);
  });

  it('other tools in between do not break a pagination spiral', () => {
    const calls = [
      read('/repo/src/big.ts', 0),
      { tool: 'Bash', input: { command: 'ls' } },
      read('/repo/src/big.ts', 50),
      read('/repo/src/big.ts', 100),
      read('/repo/src/big.ts', 150),
    ];
    expect(detectStagnation(calls, CWD)).toEqual([
      { pattern: 'pagination-spiral', file: 'src/big.ts', occurrences: 4 },
    ]);
  });

  it('turn-key repetition: 3 identical consecutive calls', () => {
    const bash = { tool: 'Bash', input: { command: 'npm test' } };
    expect(detectStagnation([bash, bash, bash], CWD)).toEqual([
      { pattern: 'turn-key-repetition', file: null, occurrences: 3 },
    ]);
    expect(
      detectStagnation([bash, bash, { tool: 'Bash', input: { command: 'ls' } }, bash], CWD),
    ).toEqual([]);
  });

  it('the same call failing 3 times is an error echo, not a repetition', () => {
    const failing = { tool: 'Bash', input: { command: 'npm test' }, error: 'Cannot find module x' };
    expect(detectStagnation([failing, failing, failing], CWD)).toEqual([
      { pattern: 'error-echo', errorClass: 'other', file: null, occurrences: 3 },
    ]);
  });

  it('identical reads are repetition, not pagination', () => {
    expect(detectStagnation([read('a.ts'), read('a.ts'), read('a.ts')], CWD)).toEqual([
      { pattern: 'turn-key-repetition', file: 'a.ts', occurrences: 3 },
    ]);
  });

  it('edit spiral counts successful edits per file only', () => {
    const calls = [
      edit('a.ts', 1),
      edit('a.ts', 2, 'String to replace not found in file.'),
      edit('a.ts', 3),
    ];
    expect(detectStagnation(calls, CWD)).toEqual([]);
    expect(detectStagnation([...calls, edit('/repo/a.ts', 4)], CWD)).toEqual([
      { pattern: 'edit-spiral', file: 'a.ts', occurrences: 3 },
    ]);
  });

  it('error echo: the same error 3 times, with its class', () => {
    const err = 'String to replace not found in file.\nString: foo(';
    const calls = [
      edit('src/e.ts', 1, err),
      edit('src/e.ts', 2, err),
      edit('src/e.ts', 3, `${err}  `),
    ];
    expect(detectStagnation(calls, CWD)).toEqual([
      {
        pattern: 'error-echo',
        errorClass: 'edit-format-friction',
        file: 'src/e.ts',
        occurrences: 3,
      },
    ]);
  });

  it.each([
    ['String to replace not found in file.', 'edit-format-friction'],
    ['Found 3 matches of the string to replace, but replace_all is false', 'edit-format-friction'],
    ['Write denied: src/x.ts is outside the wave scope', 'scope-denied'],
    ['Command blocked by policy: git push --force', 'command-blocked'],
    ['ENOENT: no such file', 'other'],
  ])('classifies %s', (error, cls) => {
    expect(classifyError(error)).toBe(cls);
  });
});

describe('files changed', () => {
  it('are repository-relative, sorted, unique; outside paths and failed edits are dropped', () => {
    const calls: ToolCallRecord[] = [
      { tool: 'Write', input: { file_path: '/repo/src/b.ts', content: '' } },
      { tool: 'MultiEdit', input: { file_path: '/repo/src/a.ts', edits: [] } },
      { tool: 'NotebookEdit', input: { notebook_path: 'nb/x.ipynb', new_source: '' } },
      { tool: 'Edit', input: { file_path: './src/b.ts' } },
      { tool: 'Edit', input: { file_path: '/elsewhere/c.ts' } },
      { tool: 'Edit', input: { file_path: '/repo/src/failed.ts' }, error: 'nope' },
      { tool: 'Read', input: { file_path: '/repo/src/read.ts' } },
      { tool: 'file_change', input: { changes: [{ path: '/repo/src/c.ts', kind: 'add' }] } },
    ];
    expect(filesChanged(calls, CWD)).toEqual(['nb/x.ipynb', 'src/a.ts', 'src/b.ts', 'src/c.ts']);
  });
});

describe('error echo groups by tool, target and error', () => {
  it('four reads of four missing files ("File does not exist." omits the path) are no echo', () => {
    const calls = ['a', 'b', 'c', 'd'].map((f): ToolCallRecord => ({
      ...read(`/repo/src/${f}.ts`),
      error: 'File does not exist.',
    }));
    expect(detectStagnation(calls, CWD)).toEqual([]);
  });

  it('the same error of the same tool on the same file three times is an echo', () => {
    const calls = [1, 2, 3].map((n) =>
      edit('/repo/src/a.ts', n, 'String to replace not found in file.'),
    );
    expect(detectStagnation(calls, CWD)).toContainEqual({
      pattern: 'error-echo',
      errorClass: 'edit-format-friction',
      file: 'src/a.ts',
      occurrences: 3,
    });
  });

  it.each([
    ['This command requires approval', 'command-blocked'],
    [
      "Claude requested permissions to use Bash, but you haven't granted it yet.",
      'command-blocked',
    ],
  ])('classifies a permission refusal %s as %s', (error, cls) => {
    expect(classifyError(error)).toBe(cls);
  });
});

describe('Codex file_change items without diffs', () => {
  const patch = (): ToolCallRecord => ({
    tool: 'file_change',
    input: { changes: [{ path: '/repo/docs/a.md', kind: 'update' }] },
  });

  it('three identical-looking patches of one document make no verdict', () => {
    expect(detectStagnation([patch(), patch(), patch()], CWD)).toEqual([]);
    expect(filesChanged([patch(), patch(), patch()], CWD)).toEqual(['docs/a.md']);
  });

  it('with diffs they are edits like any other', () => {
    const diffed = (n: number): ToolCallRecord => ({
      tool: 'file_change',
      input: {
        changes: [
          { path: '/repo/docs/a.md', kind: 'update', diff: `@@ -1 +1 @@\n-${n}\n+${n + 1}` },
        ],
      },
    });
    expect(detectStagnation([diffed(1), diffed(2), diffed(3)], CWD)).toContainEqual({
      pattern: 'edit-spiral',
      file: 'docs/a.md',
      occurrences: 3,
    });
  });
});
