import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
  existsSync,
  mkdirSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createProjectionWriter,
  firstDifference,
  mergeOwnedLines,
} from '../../src/adapters/projection-writer.js';
import { PreconditionError } from '../../src/errors.js';
import type { OwnedLinesOutput } from '../../src/projections/projection.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pw-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const file = (path: string, content: string | null) => ({ kind: 'file' as const, path, content });
const mine = (lines: string[]): OwnedLinesOutput => ({
  kind: 'owned-lines',
  path: '.orchestrator/metrics/sessions.jsonl',
  owns: (l) => l.includes('"session_id":"me"'),
  lines,
});
/** Sets an old mtime so that any rewrite is visible whatever the clock resolution. */
function age(path: string): number {
  utimesSync(path, new Date('2020-01-01T00:00:00Z'), new Date('2020-01-01T00:00:00Z'));
  return statSync(path).mtimeMs;
}
const tmpLeft = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('projection writer: whole files', () => {
  it('creates parent dirs, writes complete content and leaves no .tmp behind', () => {
    const w = createProjectionWriter({ root });
    const big = 'x'.repeat(1 << 20) + '\n';
    const report = w.write([
      file('.claude/STATE.md', big),
      file('.orchestrator/session.lock', '{}\n'),
    ]);
    expect(report).toEqual({
      written: ['.claude/STATE.md', '.orchestrator/session.lock'],
      deleted: [],
      unchanged: [],
    });
    expect(readFileSync(join(root, '.claude/STATE.md'), 'utf8')).toBe(big);
    expect(tmpLeft(join(root, '.claude'))).toEqual([]);
    expect(tmpLeft(join(root, '.orchestrator'))).toEqual([]);
  });

  it('sweeps the temporary siblings a killed writer left, and only those of a dead process', () => {
    const dead = spawnSync('true').pid;
    mkdirSync(join(root, '.claude'));
    writeFileSync(join(root, `.claude/.STATE.md.${dead}.3.tmp`), 'half');
    writeFileSync(join(root, `.claude/.STATE.md.${process.ppid}.1.tmp`), 'a live writer');
    writeFileSync(join(root, `.claude/.notes.md.${dead}.1.tmp`), 'not a sibling of ours');
    createProjectionWriter({ root }).write([file('.claude/STATE.md', 'whole\n')]);
    expect(tmpLeft(join(root, '.claude')).sort()).toEqual(
      [`.STATE.md.${process.ppid}.1.tmp`, `.notes.md.${dead}.1.tmp`].sort(),
    );
  });

  it('does not touch a file whose render is unchanged (mtime stays), also for a fresh writer', () => {
    const w = createProjectionWriter({ root });
    w.write([file('a/b.json', '1\n')]);
    const p = join(root, 'a/b.json');
    const before = age(p);
    expect(w.write([file('a/b.json', '1\n')]).unchanged).toEqual(['a/b.json']);
    expect(statSync(p).mtimeMs).toBe(before);
    const fresh = createProjectionWriter({ root });
    expect(fresh.write([file('a/b.json', '1\n')]).unchanged).toEqual(['a/b.json']);
    expect(statSync(p).mtimeMs).toBe(before);
    w.write([file('a/b.json', '2\n')]);
    expect(readFileSync(p, 'utf8')).toBe('2\n');
    expect(statSync(p).mtimeMs).not.toBe(before);
  });

  it('rewrites a file changed behind its back even when the render equals its last write', () => {
    const w = createProjectionWriter({ root });
    w.write([file('s.lock', 'ours\n')]);
    writeFileSync(join(root, 's.lock'), 'tampered, longer\n');
    expect(w.write([file('s.lock', 'ours\n')]).written).toEqual(['s.lock']);
    expect(readFileSync(join(root, 's.lock'), 'utf8')).toBe('ours\n');
  });

  it('deletes on null, and null on a missing file is a no-op', () => {
    const w = createProjectionWriter({ root });
    w.write([file('.claude/wave-scope.json', '{}\n')]);
    expect(w.write([file('.claude/wave-scope.json', null)]).deleted).toEqual([
      '.claude/wave-scope.json',
    ]);
    expect(existsSync(join(root, '.claude/wave-scope.json'))).toBe(false);
    expect(w.write([file('.claude/wave-scope.json', null)]).unchanged).toEqual([
      '.claude/wave-scope.json',
    ]);
  });

  it('refuses paths outside the root', () => {
    const w = createProjectionWriter({ root });
    expect(() => w.write([file('../escape.txt', 'x')])).toThrow(PreconditionError);
    expect(() => w.write([file('/etc/x', 'x')])).toThrow(/must stay inside/);
  });
});

describe('projection writer: owned lines in shared files', () => {
  const path = '.orchestrator/metrics/sessions.jsonl';

  it('keeps foreign lines in order and replaces ours in place', () => {
    mkdirSync(join(root, '.orchestrator/metrics'), { recursive: true });
    writeFileSync(
      join(root, path),
      '{"session_id":"a"}\n{"session_id":"me","old":1}\n{"session_id":"b"}\n',
    );
    const w = createProjectionWriter({ root });
    w.write([mine(['{"session_id":"me","new":2}'])]);
    expect(readFileSync(join(root, path), 'utf8')).toBe(
      '{"session_id":"a"}\n{"session_id":"me","new":2}\n{"session_id":"b"}\n',
    );
    expect(tmpLeft(join(root, '.orchestrator/metrics'))).toEqual([]);
  });

  it('appends when the file has none of ours, creates the file when missing, and skips empty renders', () => {
    const w = createProjectionWriter({ root });
    expect(w.write([mine([])]).unchanged).toEqual([path]);
    expect(existsSync(join(root, path))).toBe(false);
    w.write([mine(['{"session_id":"me"}'])]);
    expect(readFileSync(join(root, path), 'utf8')).toBe('{"session_id":"me"}\n');
    writeFileSync(join(root, path), '{"session_id":"x"}\n');
    w.write([mine(['{"session_id":"me"}'])]);
    expect(readFileSync(join(root, path), 'utf8')).toBe(
      '{"session_id":"x"}\n{"session_id":"me"}\n',
    );
  });

  it('leaves the file untouched (mtime, even a missing final newline) when our lines are unchanged', () => {
    mkdirSync(join(root, '.orchestrator/metrics'), { recursive: true });
    writeFileSync(join(root, path), '{"session_id":"x"}\n{"session_id":"me"}\n{"torn":');
    const before = age(join(root, path));
    const w = createProjectionWriter({ root });
    expect(w.write([mine(['{"session_id":"me"}'])]).unchanged).toEqual([path]);
    expect(statSync(join(root, path)).mtimeMs).toBe(before);
    expect(readFileSync(join(root, path), 'utf8')).toBe(
      '{"session_id":"x"}\n{"session_id":"me"}\n{"torn":',
    );
  });

  it('removes our lines when the render has none (time travel before the end)', () => {
    expect(mergeOwnedLines('{"session_id":"me"}\n{"session_id":"x"}\n', mine([]))).toBe(
      '{"session_id":"x"}\n',
    );
    expect(mergeOwnedLines('{"session_id":"me"}\n', mine([]))).toBe('');
    expect(mergeOwnedLines(null, mine([]))).toBeNull();
  });
});

describe('projection writer: check', () => {
  it('lists missing, unexpected and different files with the first differing line', () => {
    const w = createProjectionWriter({ root });
    w.write([file('x.md', 'a\nb\nc\n'), file('gone.lock', '{}\n')]);
    const diffs = w.check([
      file('x.md', 'a\nB\nc\n'),
      file('gone.lock', null),
      file('new.json', '{}\n'),
      mine(['{"session_id":"me"}']),
      file('x.md', 'a\nb\nc\n'),
    ]);
    expect(diffs).toEqual([
      { path: 'x.md', kind: 'different', detail: 'line 2: expected "B", found "b"' },
      { path: 'gone.lock', kind: 'unexpected', detail: 'file exists but should not' },
      { path: 'new.json', kind: 'missing', detail: 'file does not exist' },
      {
        path: '.orchestrator/metrics/sessions.jsonl',
        kind: 'missing',
        detail: 'file does not exist',
      },
    ]);
    expect(existsSync(join(root, 'new.json'))).toBe(false);
    expect(w.check([file('x.md', 'a\nb\nc\n'), file('nothing', null)])).toEqual([]);
  });

  it('reports a shorter file as ending early', () => {
    expect(firstDifference('a\nb\n', 'a\n')).toBe('line 2: expected "b", found ""');
    expect(firstDifference('a', 'a\nb')).toBe('line 2: expected <end of file>, found "b"');
  });
});
