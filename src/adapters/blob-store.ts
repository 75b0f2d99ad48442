/**
 * Content-addressed blob store for large payloads (transcripts, tool inputs and outputs): each
 * blob is the file `<dir>/<sha256 hex>`, written tmp + fsync + rename so it is never half there,
 * and verified against its hash when read. Events carry only the hash.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { BlobError } from '../errors.js';

/** The blob store port. */
export interface BlobStore {
  /** The directory of the blobs. */
  readonly dir: string;
  /** Stores content (idempotent) and returns its sha256 hex. */
  put(content: string | Buffer): Promise<string>;
  /** The content of a blob, verified against its hash; {@link BlobError} when missing or corrupt. */
  get(hash: string): Promise<Buffer>;
  /** The content of a blob as UTF-8 text. */
  getText(hash: string): Promise<string>;
  /** True when the blob exists. */
  has(hash: string): Promise<boolean>;
}

const HASH = /^[0-9a-f]{64}$/;

/** The sha256 hex of some content. */
export function sha256Hex(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

class FileBlobStore implements BlobStore {
  constructor(readonly dir: string) {}

  private path(hash: string): string {
    if (!HASH.test(hash)) {
      throw new BlobError(this.dir, hash, 'not a sha256 hex hash (64 lowercase hex digits)');
    }
    return join(this.dir, hash);
  }

  async put(content: string | Buffer): Promise<string> {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const hash = sha256Hex(bytes);
    const target = this.path(hash);
    if (await this.has(hash)) return hash;
    await mkdir(this.dir, { recursive: true });
    const tmp = join(this.dir, `.tmp-${hash}-${process.pid}-${randomBytes(4).toString('hex')}`);
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.datasync();
    } catch (error) {
      await handle.close();
      await unlink(tmp);
      throw error;
    }
    await handle.close();
    await rename(tmp, target);
    const dirHandle = await open(this.dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
    return hash;
  }

  async get(hash: string): Promise<Buffer> {
    const file = this.path(hash);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') throw new BlobError(file, hash, 'missing');
      throw error;
    }
    const actual = sha256Hex(bytes);
    if (actual !== hash) {
      throw new BlobError(file, hash, `corrupt: its content hashes to ${actual}`);
    }
    return bytes;
  }

  async getText(hash: string): Promise<string> {
    return (await this.get(hash)).toString('utf8');
  }

  async has(hash: string): Promise<boolean> {
    try {
      return (await stat(this.path(hash))).isFile();
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return false;
      throw error;
    }
  }
}

/** Creates the blob store over `dir` (e.g. `.orchestrator/log/blobs`). */
export function createBlobStore(dir: string): BlobStore {
  return new FileBlobStore(dir);
}

/** The longest prefix of `text` whose UTF-8 encoding fits in `limitBytes` (never splits a char). */
export function truncateUtf8(text: string, limitBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= limitBytes) return text;
  let end = Math.max(0, limitBytes);
  while (end > 0 && ((bytes[end] as number) & 0xc0) === 0x80) end--;
  return bytes.toString('utf8', 0, end);
}

/** A payload as an event carries it: inline text, plus the blob hash when it was too large. */
export interface InlineOrBlob {
  /** The full text, or a preview of at most `limitBytes` bytes when `blob` is set. */
  text: string;
  /** sha256 of the full text in the blob store, when it did not fit inline. */
  blob?: string;
}

/**
 * Keeps `text` inline when it fits in `limitBytes` (UTF-8); otherwise stores it in the blob store
 * and returns a preview (its first `limitBytes` bytes, on a character boundary) and the hash.
 */
export async function inlineOrBlob(
  text: string,
  limitBytes: number,
  store: BlobStore,
): Promise<InlineOrBlob> {
  if (Buffer.byteLength(text, 'utf8') <= limitBytes) return { text };
  const blob = await store.put(text);
  return { text: truncateUtf8(text, limitBytes), blob };
}

/**
 * A synchronous sink into the same store, for the agent stream parsers, which hand over long
 * outputs and tool inputs while they parse: returns the sha256 at once. Written atomically (temp +
 * rename) but not fsynced one by one — nothing in replay reads blobs, and an fsync per payload
 * would cost more than the coordinator's whole budget per agent.
 */
export function createBlobSink(dir: string): (content: string) => string {
  let made = false;
  return (content) => {
    const hash = sha256Hex(content);
    const target = join(dir, hash);
    if (existsSync(target)) return hash;
    if (!made) {
      mkdirSync(dir, { recursive: true });
      made = true;
    }
    const tmp = join(dir, `.tmp-${hash}-${process.pid}-${randomBytes(4).toString('hex')}`);
    writeFileSync(tmp, content);
    renameSync(tmp, target);
    return hash;
  };
}
