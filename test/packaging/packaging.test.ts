import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SCRIPT = resolve('scripts/build-if-stale.mjs');

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? allFiles(join(dir, d.name)) : [join(dir, d.name)],
  );
}

describe('packaging', () => {
  it('ships an MIT LICENSE matching package.json', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      license: string;
      files: string[];
    };
    expect(pkg.license).toBe('MIT');
    expect(readFileSync('LICENSE', 'utf8')).toMatch(/^MIT License\n/);
    expect(pkg.files).toContain('LICENSE');
  });

  it('dist holds no source maps pointing at sources that are not shipped', () => {
    expect(allFiles('dist').filter((f) => f.endsWith('.map'))).toEqual([]);
  });

  it('the demo build step compiles only when a source is newer than the last build', () => {
    const root = mkdtempSync(join(tmpdir(), 'wave-build-'));
    mkdirSync(join(root, 'src'));
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 1;\n');
    writeFileSync(join(root, 'tsconfig.json'), '{}\n');
    writeFileSync(join(root, 'tsconfig.build.json'), '{}\n');
    writeFileSync(
      join(root, 'package.json'),
      JSON.stringify({
        name: 'x',
        scripts: { build: "node -e \"require('fs').appendFileSync('builds.txt','b\\\\n')\"" },
      }),
    );
    const old = new Date(Date.now() - 60_000);
    for (const f of ['src/a.ts', 'src', 'tsconfig.json', 'tsconfig.build.json', 'package.json'])
      utimesSync(join(root, f), old, old);
    const build = () => execFileSync(process.execPath, [SCRIPT, root], { encoding: 'utf8' });
    const builds = () => readFileSync(join(root, 'builds.txt'), 'utf8').split('\n').length - 1;
    expect(build()).toContain('built dist/');
    expect(builds()).toBe(1);
    expect(build()).toContain('up to date');
    expect(builds()).toBe(1);
    const later = new Date(Date.now() + 5_000);
    utimesSync(join(root, 'src', 'a.ts'), later, later);
    expect(build()).toContain('built dist/');
    expect(builds()).toBe(2);
  });
});
