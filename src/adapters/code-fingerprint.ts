/**
 * A fingerprint of the code that folds a log: the SHA-256 of every module file of this package
 * (the built `dist/` when installed, `src/` under the tests; sorted relative paths and contents)
 * and of the exact dependency versions in `package.json`. Derived data computed by one build (a
 * replay checkpoint) is only reused by the very same code: any change of a machine, projection,
 * schema or upcaster, or of a dependency, gives another fingerprint. About 20 ms for the whole
 * package; computed once per process.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CODE = /\.(?:js|ts)$/;

function collect(dir: string, rel: string, out: string[]): void {
  const entries = readdirSync(join(dir, rel), { withFileTypes: true });
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) collect(dir, path, out);
    else if (e.isFile() && CODE.test(e.name) && !e.name.endsWith('.d.ts')) out.push(path);
  }
}

let cached: string | undefined;

/** The fingerprint of the code of this process (hex). */
export function codeFingerprint(): string {
  if (cached !== undefined) return cached;
  // This file is <code root>/adapters/code-fingerprint.(js|ts).
  const root = fileURLToPath(new URL('..', import.meta.url));
  const hash = createHash('sha256');
  const pkg = JSON.parse(readFileSync(join(root, '..', 'package.json'), 'utf8')) as {
    version?: unknown;
    dependencies?: unknown;
  };
  hash.update(JSON.stringify([pkg.version, pkg.dependencies]));
  const files: string[] = [];
  collect(root, '', files);
  for (const path of files) {
    hash.update(`\0${path}\0`);
    hash.update(readFileSync(join(root, path)));
  }
  cached = hash.digest('hex');
  return cached;
}
