import { describe, expect, it } from 'vitest';
import { LineSplitter, truncationMarker } from '../../../src/actors/runners/line-splitter.js';

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
