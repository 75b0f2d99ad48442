/**
 * A synchronous sink into the content-addressed blob store, for the agent runners (they hand over
 * large texts and tool inputs while parsing a stream). Same layout as the blob store:
 * `<dir>/<sha256>`, written to a temp file and renamed, idempotent.
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
