import { REFERENCE_DIR } from '../../support/reference.js';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseScalar,
  parseStateMd,
  serializeScalar,
  serializeStateMd,
} from '../../../src/formats/frontmatter.codec.js';

const REF = REFERENCE_DIR;
const GEN = join(REF, 'generated/state-md');
const COPIED = join(REF, 'copied/state-md');
const read = (p: string): string => readFileSync(p, 'utf8');

describe('frontmatter codec: golden files', () => {
  it('serialize(parse(01 raw)) equals 02 serialized byte for byte', () => {
    const parsed = parseStateMd(read(join(GEN, '01-prewave-1b-init.raw.md')));
    expect(parsed).not.toBeNull();
    expect(serializeStateMd(parsed!)).toBe(read(join(GEN, '02-prewave-1b-init.serialized.md')));
  });

  const files = [
    ...readdirSync(GEN)
      .filter((f) => f.endsWith('.md') && !f.includes('.raw.'))
      .map((f) => join(GEN, f)),
    ...readdirSync(COPIED)
      .filter((f) => !f.endsWith('.template'))
      .map((f) => join(COPIED, f)),
  ];
  it.each(files)('%s is a fixpoint of parse → serialize', (file) => {
    const text = read(file);
    const parsed = parseStateMd(text);
    expect(parsed).not.toBeNull();
    expect(serializeStateMd(parsed!)).toBe(text);
  });

  it('the bootstrap template (with <ISO> placeholders) normalises once, then is a fixpoint', () => {
    // `<` is not a bare character, so the reference's serializer quotes the placeholders too.
    const text = read(join(COPIED, 'bootstrap-STATE.md.template'));
    const once = serializeStateMd(parseStateMd(text)!);
    expect(once).toBe(text.replaceAll(': <ISO>', ': "<ISO>"'));
    expect(serializeStateMd(parseStateMd(once)!)).toBe(once);
  });

  it('parses 06 into the frontmatter of its readback', () => {
    const readback = JSON.parse(read(join(GEN, '06-session-end-completed.readback.json'))) as {
      frontmatter: Record<string, unknown>;
    };
    const parsed = parseStateMd(read(join(GEN, '06-session-end-completed.md')));
    expect(parsed!.frontmatter).toEqual(readback.frontmatter);
    expect(Object.keys(parsed!.frontmatter)).toEqual(Object.keys(readback.frontmatter));
  });
});

describe('frontmatter codec: scalars', () => {
  it.each([
    ['', null],
    ['null', null],
    ['~', null],
    ['true', true],
    ['false', false],
    ['42', 42],
    ['-7', -7],
    ['0.5', 0.5],
    ['[1, 2]', [1, 2]],
    ['[]', []],
    ['"a \\"b\\""', 'a "b"'],
    ['"broken \\x"', 'broken \\x'],
    ["'single'", 'single'],
    ['"', ''],
    ['plain text', 'plain text'],
  ])('parseScalar(%j)', (raw, value) => {
    expect(parseScalar(raw)).toEqual(value);
  });

  it.each([
    ['main', 'main'],
    ['docs/**/*.md', '"docs/**/*.md"'],
    ['true', '"true"'],
    ['42', '"42"'],
    ['1.0', '"1.0"'],
    ['null', '"null"'],
    ['a b', '"a b"'],
    ['', '""'],
    ['2026-08-22T09:15:00+02:00', '2026-08-22T09:15:00+02:00'],
    ['line\nbreak', '"line\\nbreak"'],
  ])('serializeScalar(%j) = %s and re-parses to the same string', (value, text) => {
    expect(serializeScalar(value)).toBe(text);
    expect(parseScalar(serializeScalar(value))).toBe(value);
  });

  it('serializes null, undefined, booleans, numbers and arrays', () => {
    expect(serializeScalar(null)).toBe('null');
    expect(serializeScalar(undefined)).toBe('null');
    expect(serializeScalar(false)).toBe('false');
    expect(serializeScalar(3)).toBe('3');
    expect(serializeScalar([101, 'a b'])).toBe('[101, "a b"]');
  });
});

describe('frontmatter codec: bad input gives null, never throws', () => {
  it.each([
    ['no fence', 'schema-version: 1\n'],
    ['unclosed fence', '---\nstatus: active\n'],
    ['indented top-level line', '---\n  status: active\n---\n'],
    ['missing colon', '---\nstatus active\n---\n'],
    ['empty key', '---\n: x\n---\n'],
    ['bullet without colon', '---\nlist:\n  - oops\n---\n'],
    ['continuation without colon', '---\nlist:\n  - id: a\n    oops\n---\n'],
    ['over-indented continuation', '---\nlist:\n  - id: a\n      deep: x\n---\n'],
  ])('%s', (_name, text) => {
    expect(parseStateMd(text)).toBeNull();
  });

  it('non-string input', () => {
    expect(parseStateMd(undefined)).toBeNull();
    expect(parseStateMd(42)).toBeNull();
  });
});

describe('frontmatter codec: structure', () => {
  it('handles CRLF, comments, empty keys and __proto__ as data', () => {
    const doc = parseStateMd('---\r\n# c\r\na: 1\r\nempty:\r\n__proto__: x\r\n---\r\nbody\r\n');
    expect(doc).not.toBeNull();
    expect(doc!.frontmatter.a).toBe(1);
    expect(doc!.frontmatter.empty).toBeNull();
    expect(Object.keys(doc!.frontmatter)).toEqual(['a', 'empty', '__proto__']);
    expect(Object.getPrototypeOf(doc!.frontmatter)).toBe(Object.prototype);
    expect(doc!.body).toBe('body\r\n');
  });

  it('writes exactly one blank line after the fence and keeps key order', () => {
    const text = serializeStateMd({
      frontmatter: { b: 'x', a: [{ id: 'm-1', task: 'do it' }], e: [] },
      body: '## H\n',
    });
    expect(text).toBe('---\nb: x\na:\n  - id: m-1\n    task: "do it"\ne: []\n---\n\n## H\n');
    expect(serializeStateMd(parseStateMd(text)!)).toBe(text);
  });
});
