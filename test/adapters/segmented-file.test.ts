/**
 * The projection writer with a segmented whole file (STATE.md): written from the segments' bytes,
 * unchanged when the bytes are, whatever the split, and correct after another process touched
 * the file, after a whole-text write of the same path, and with a lone surrogate.
 */
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProjectionWriter } from '../../src/adapters/projection-writer.js';
import { writeAllSync } from '../../src/adapters/write-all.js';
import type { FileOutput } from '../../src/projections/projection.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'seg-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const PATH = '.claude/STATE.md';
const abs = (): string => join(root, PATH);
const seg = (...segments: string[]): FileOutput => ({
  kind: 'file',
  path: PATH,
  content: segments.join(''),
  segments,
});
/** Sets an old mtime so that any rewrite is visible whatever the clock resolution. */
function age(): number {
  utimesSync(abs(), new Date('2020-01-01T00:00:00Z'), new Date('2020-01-01T00:00:00Z'));
  return statSync(abs()).mtimeMs;
}

describe('projection writer: a file given in segments', () => {
  it('writes the concatenation (multi-byte text included) and leaves no tmp file', () => {
    const w = createProjectionWriter({ root });
    const blocks = Array.from(
      { length: 300 },
      (_, i) => `- t-${i}: in-dev — ✓ ${'é'.repeat(i % 7)}`,
    );
    const out = seg('---\n', ...blocks.flatMap((b) => [b, '\n']), '---\n');
    expect(w.write([out]).written).toEqual([PATH]);
    expect(readFileSync(abs(), 'utf8')).toBe(out.content);
    expect(readdirSync(join(root, '.claude'))).toEqual(['STATE.md']);
  });

  it('leaves the file alone when its bytes do not change, whatever the split', () => {
    const w = createProjectionWriter({ root });
    w.write([seg('head\n', 'block one\n', 'block two\n')]);
    const mtime = age();
    const again = w.write([seg('head\n', 'block one\n', 'block two\n')]);
    const resplit = w.write([seg('head\nblock', ' one\nblock two', '\n')]);
    expect([again.unchanged, resplit.unchanged]).toEqual([[PATH], [PATH]]);
    expect(statSync(abs()).mtimeMs).toBe(mtime);
  });

  it('rewrites a change of the same byte length', () => {
    const w = createProjectionWriter({ root });
    w.write([seg('- t-1: in-dev\n', '- t-2: in-dev\n')]);
    age();
    expect(w.write([seg('- t-1: in-dev\n', '- t-2: failed\n')]).written).toEqual([PATH]);
    expect(readFileSync(abs(), 'utf8')).toBe('- t-1: in-dev\n- t-2: failed\n');
  });

  it('compares with the disk once another process wrote the file', () => {
    const w = createProjectionWriter({ root });
    w.write([seg('alpha\n', 'beta\n')]);
    writeFileSync(abs(), 'alpha\nBETA\n'); // same size, other bytes, same inode
    age(); // a distinct mtime even within one tick of the kernel's clock
    expect(w.write([seg('alpha\n', 'beta\n')]).written).toEqual([PATH]);
    expect(readFileSync(abs(), 'utf8')).toBe('alpha\nbeta\n');
    writeFileSync(abs(), 'alpha\nbeta\n'); // same bytes, new inode or mtime
    const mtime = age();
    expect(w.write([seg('alpha\n', 'beta\n')]).unchanged).toEqual([PATH]);
    expect(statSync(abs()).mtimeMs).toBe(mtime);
    rmSync(abs());
    expect(w.write([seg('alpha\n', 'beta\n')]).written).toEqual([PATH]);
    expect(readFileSync(abs(), 'utf8')).toBe('alpha\nbeta\n');
  });

  it('follows whole-text writes of the same path', () => {
    const w = createProjectionWriter({ root });
    w.write([seg('one\n', 'two\n')]);
    w.write([{ kind: 'file', path: PATH, content: 'one\nthree\n' }]);
    expect(w.write([seg('one\n', 'two\n')]).written).toEqual([PATH]);
    expect(readFileSync(abs(), 'utf8')).toBe('one\ntwo\n');
    w.write([{ kind: 'file', path: PATH, content: null }]);
    expect(w.write([seg('one\n', 'two\n')]).written).toEqual([PATH]);
    expect(readFileSync(abs(), 'utf8')).toBe('one\ntwo\n');
  });

  it('writes a lone surrogate as U+FFFD, as a whole text is written', () => {
    const w = createProjectionWriter({ root });
    const out = seg('note: ', 'bad \ud800 half\n');
    expect(w.write([out]).written).toEqual([PATH]);
    expect(readFileSync(abs(), 'utf8')).toBe('note: bad \ufffd half\n');
    expect(w.write([out]).unchanged).toEqual([PATH]);
  });
});

describe('writeAllSync', () => {
  it('writes more buffers than one writev takes, empty ones included, in order', () => {
    const file = join(root, 'many');
    const buffers = Array.from({ length: 2500 }, (_, i) =>
      Buffer.from(i % 10 === 0 ? '' : `${i},`),
    );
    const fd = openSync(file, 'w');
    try {
      writeAllSync(fd, buffers);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(file, 'utf8')).toBe(Buffer.concat(buffers).toString('utf8'));
  });
});
