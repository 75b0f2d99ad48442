/**
 * A synchronous sink into the content-addressed blob store (`<dir>/<sha256>`, written to a temp
 * file and renamed, idempotent), for the stream parsers, which hand over long outputs and tool
 * inputs while they parse. Blobs are written atomically but not fsynced one by one: nothing in
 * replay needs them (they are for people and the inspector).
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../adapters/blob-store.js';

/** Returns a sink that stores content and returns its sha256. */
export function blobSinkFor(dir: string): (content: string) => string {
  let made = false;
  return (content) => {
    const hash = sha256Hex(content);
    const path = join(dir, hash);
    if (existsSync(path)) return hash;
    if (!made) {
      mkdirSync(dir, { recursive: true });
      made = true;
    }
    const tmp = `${path}.tmp.${process.pid}`;
    writeFileSync(tmp, content);
    renameSync(tmp, path);
    return hash;
  };
}
