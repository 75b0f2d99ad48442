import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createBlobSink,
  createBlobStore,
  inlineOrBlob,
  truncateUtf8,
} from '../../src/adapters/blob-store.js';
import { BlobError } from '../../src/errors.js';

let root: string;
let dir: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wave-blobs-'));
  dir = join(root, 'log', 'blobs');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

describe('blob store', () => {
  it('stores content under its sha256, idempotently, leaving no temp files', async () => {
    const store = createBlobStore(dir);
    const text = 'a transcript ü€😀\n'.repeat(100);
    const hash = await store.put(text);
    expect(hash).toBe(sha(text));
    expect(await store.put(Buffer.from(text, 'utf8'))).toBe(hash);
    expect(readdirSync(dir)).toEqual([hash]);
    expect(readFileSync(join(dir, hash), 'utf8')).toBe(text);
    expect(await store.has(hash)).toBe(true);
    expect(await store.getText(hash)).toBe(text);
    expect((await store.get(hash)).equals(Buffer.from(text, 'utf8'))).toBe(true);
  });

  it('stores binary content and the empty blob', async () => {
    const store = createBlobStore(dir);
    const bytes = Buffer.from([0, 255, 10, 13, 0]);
    expect(await store.get(await store.put(bytes))).toEqual(bytes);
    expect(await store.getText(await store.put(''))).toBe('');
  });

  it('detects a corrupt blob on get', async () => {
    const store = createBlobStore(dir);
    const hash = await store.put('original');
    writeFileSync(join(dir, hash), 'tampered');
    await expect(store.get(hash)).rejects.toThrow(BlobError);
    await expect(store.get(hash)).rejects.toThrow(
      `${join(dir, hash)}: blob ${hash}: corrupt: its content hashes to ${sha('tampered')}`,
    );
  });

  it('reports a missing blob and refuses malformed hashes', async () => {
    const store = createBlobStore(dir);
    const missing = sha('never stored');
    expect(await store.has(missing)).toBe(false);
    await expect(store.get(missing)).rejects.toMatchObject({ tag: 'BlobError', reason: 'missing' });
    await expect(store.get('../../etc/passwd')).rejects.toThrow(/not a sha256 hex hash/);
    await expect(store.has('ABC')).rejects.toThrow(BlobError);
  });
});

describe('inlineOrBlob', () => {
  it('keeps small text inline without touching the store', async () => {
    const store = createBlobStore(dir);
    expect(await inlineOrBlob('short', 5, store)).toEqual({ text: 'short' });
    expect(await store.has(sha('short'))).toBe(false);
  });

  it('keeps a preview inline and the full text in a blob when over the limit', async () => {
    const store = createBlobStore(dir);
    const text = '€'.repeat(10); // 30 bytes
    const result = await inlineOrBlob(text, 8, store);
    expect(result).toEqual({ text: '€€', blob: sha(text) });
    expect(await store.getText(result.blob as string)).toBe(text);
  });

  it('cuts UTF-8 text on a character boundary', () => {
    expect(truncateUtf8('a😀b', 1)).toBe('a');
    expect(truncateUtf8('a😀b', 4)).toBe('a');
    expect(truncateUtf8('a😀b', 5)).toBe('a😀');
    expect(truncateUtf8('abc', 0)).toBe('');
    expect(truncateUtf8('abc', 10)).toBe('abc');
  });
});

describe('createBlobSink', () => {
  it('writes synchronously into the same store the async API reads and verifies', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'wave-sink-')), 'blobs');
    const sink = createBlobSink(dir);
    const text = 'x'.repeat(10_000);
    const hash = sink(text);
    expect(sink(text)).toBe(hash);
    expect(readdirSync(dir)).toEqual([hash]);
    expect(await createBlobStore(dir).getText(hash)).toBe(text);
  });
});
