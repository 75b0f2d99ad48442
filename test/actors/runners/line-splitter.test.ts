import { describe, expect, it } from 'vitest';
import {
  detachText,
  LineSplitter,
  truncationMarker,
} from '../../../src/actors/runners/line-splitter.js';

function split(chunks: (string | Buffer)[], max?: number): { lines: string[]; s: LineSplitter } {
  const lines: string[] = [];
  const s = new LineSplitter((l) => lines.push(l), max);
  for (const c of chunks) s.push(typeof c === 'string' ? Buffer.from(c) : c);
  s.end();
  return { lines, s };
}

describe('line splitter', () => {
  it('splits across chunks: CRLF, a UTF-8 character cut in two, a last line without newline', () => {
    const euro = Buffer.from('€');
    const { lines } = split([
      'a\r',
      '\nb',
      Buffer.concat([Buffer.from('\n'), euro.subarray(0, 2)]),
      euro.subarray(2),
      '\n\nend',
    ]);
    expect(lines).toEqual(['a', 'b', '€', '', 'end']);
  });

  it('many lines per chunk are decoded at once and read as if one by one', () => {
    const euro = Buffer.from('€ and \u{1F600}');
    const bad = Buffer.from([0x61, 0xe2, 0x82, 0x0a]);
    const { lines } = split([
      Buffer.concat([Buffer.from('a\r\nb '), euro, Buffer.from('\n\n\r\nc')]),
      'd\ne\nf\r\n',
      Buffer.concat([bad, Buffer.from('g\n')]),
    ]);
    expect(lines).toEqual(['a', 'b € and \u{1F600}', '', '', 'cd', 'e', 'f', 'a\ufffd', 'g']);
    // Decoded line by line (a limit below the chunk, above every line), the same lines.
    const whole = Buffer.concat([
      Buffer.from('a\r\nb '),
      euro,
      Buffer.from('\n\n\r\ncd\ne\nf\r\n'),
      bad,
      Buffer.from('g\n'),
    ]);
    expect(split([whole], 20).lines).toEqual(lines);
  });

  it('a chunk mixing short lines and one past the limit: only that one is cut', () => {
    const { lines, s } = split(['ab\n0123456789\ncd\n'], 8);
    expect(lines).toEqual(['ab', `01234567${truncationMarker(2)}`, 'cd']);
    expect(s.bounds).toEqual({ truncatedLines: 1, droppedBytes: 2 });
  });

  it('a detached line reads the same', () => {
    const line = `${'x'.repeat(40)}\n`.repeat(3).slice(41, 81);
    expect(detachText(line)).toBe(line);
    expect(detachText('')).toBe('');
  });

  it('cuts a line past the limit with a marker and counts what it dropped', () => {
    const { lines, s } = split(['0123456789', 'abcdef\nshort\n', 'x'.repeat(30)], 8);
    expect(lines).toEqual([
      `01234567${truncationMarker(8)}`,
      'short',
      `xxxxxxxx${truncationMarker(22)}`,
    ]);
    expect(s.bounds).toEqual({ truncatedLines: 2, droppedBytes: 30 });
  });

  it('20 MB in 64 KiB chunks without a newline, then one: keeps the limit, counts the rest (speed: bench/agent-output.bench.mjs)', () => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const lines: string[] = [];
    const s = new LineSplitter((l) => lines.push(l), 1024);
    for (let i = 0; i < 320; i++) s.push(chunk);
    s.push(Buffer.from('\n'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe('a'.repeat(1024) + truncationMarker(320 * 64 * 1024 - 1024));
  });
});
