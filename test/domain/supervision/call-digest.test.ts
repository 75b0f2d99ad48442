/**
 * Given tool inputs, when the detectors digest them (one pass, no text built), then equal inputs
 * get equal turn keys whatever their key order, the paging arguments only change the raw digest,
 * a string cut before logging counts as the whole string, and distinct inputs stay distinct.
 */
import { describe, expect, it } from 'vitest';
import { callDigests, keptDigest } from '../../../src/domain/supervision/call-digest.js';
import { textDigest } from '../../../src/domain/supervision/text-digest.js';

const digest = (input: Record<string, unknown>, tool = 'Read', digests?: Record<string, string>) =>
  callDigests(tool, input, digests);

describe('call digests', () => {
  it('ignore key order, tell the tool apart, and keep paging out of the turn key only', () => {
    const a = digest({ file_path: '/r/a.ts', offset: 0, limit: 200 });
    expect(digest({ limit: 200, offset: 0, file_path: '/r/a.ts' })).toEqual(a);
    expect(digest({ file_path: '/r/a.ts', offset: 0, limit: 200 }, 'Grep')).not.toEqual(a);
    const paged = digest({ file_path: '/r/a.ts', offset: 200, limit: 200 });
    expect(paged.key).toBe(a.key);
    expect(paged.raw).not.toBe(a.raw);
    expect(digest({ file_path: '/r/b.ts', offset: 0, limit: 200 }).key).not.toBe(a.key);
  });

  it('a number and its decimal text are one value; nested arrays keep their order', () => {
    expect(digest({ offset: 12 })).toEqual(digest({ offset: '12' }));
    expect(digest({ x: 1.5 })).toEqual(digest({ x: '1.5' }));
    expect(digest({ x: null })).not.toEqual(digest({ x: 'nul' }));
    const edits = (xs: string[]) => ({
      edits: xs.map((s) => ({ old_string: s, new_string: 'n' })),
    });
    expect(digest(edits(['a', 'b']), 'MultiEdit')).not.toEqual(
      digest(edits(['b', 'a']), 'MultiEdit'),
    );
    expect(digest({ a: { b: 1, c: [2] } })).toEqual(digest({ a: { c: [2], b: 1 } }));
    expect(digest({ a: [] })).not.toEqual(digest({ a: {} }));
  });

  it('a string cut before logging counts by its digest, as the whole string', () => {
    const long = `${'x'.repeat(300)} end`;
    const whole = digest({ file_path: '/r/a.ts', content: long }, 'Write');
    const cut = digest({ file_path: '/r/a.ts', content: long.slice(0, 256) }, 'Write', {
      content: textDigest(long),
    });
    expect(cut).toEqual(whole);
  });

  it('keeps the text digests of the edit strings it hashed', () => {
    const input = { file_path: '/r/a.ts', old_string: 'before', new_string: 'after' };
    digest(input, 'Edit');
    expect(keptDigest('old_string', input.old_string)).toBe(textDigest('before'));
    expect(keptDigest('new_string', input.new_string)).toBe(textDigest('after'));
    expect(keptDigest('content', 'other')).toBeUndefined();
  });

  it('20,000 distinct inputs get 20,000 distinct keys', () => {
    const keys = new Set<string>();
    for (let i = 0; i < 20_000; i += 1) {
      const input = i % 2 === 0 ? { command: `echo ${i}` } : { file_path: `/r/${i}.ts`, n: i };
      keys.add(digest(input, 'Bash').key);
    }
    expect(keys.size).toBe(20_000);
  });
});
