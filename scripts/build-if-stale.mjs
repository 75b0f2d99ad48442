#!/usr/bin/env node
// Builds dist/ with `npm run build` (tsc, incremental) only when a source or a tsconfig is newer
// than the last successful build; otherwise it says so and returns at once. Used by `npm run demo`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The package root (argument 1, for tests), by default the one this script belongs to.
const root = resolve(process.argv[2] ?? resolve(fileURLToPath(import.meta.url), '../..'));
const stamp = join(root, 'dist', '.build-stamp');

function newest(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let max = info.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

const sources = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json'].map((p) =>
  join(root, p),
);
const built = existsSync(stamp) ? statSync(stamp).mtimeMs : -1;
if (built >= 0 && Math.max(...sources.map(newest)) <= built) {
  console.log('dist/ is up to date (no source newer than the last build)');
} else {
  const started = Date.now();
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  // The stamp carries the time the build started: a source saved during the build is newer.
  writeFileSync(stamp, `${new Date(started).toISOString()}\n`);
  utimesSync(stamp, started / 1000, started / 1000);
  console.log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
