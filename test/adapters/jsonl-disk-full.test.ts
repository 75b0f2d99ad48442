/**
 * Disk full (issue 8, item 7): an append that the disk refuses is rolled back (the log keeps only
 * whole lines, its version is the last durable batch) and, once space is freed, a new process
 * opens the same log and appends after it. The disk is a real 320 KiB tmpfs mounted for the test
 * (the test runs as root here); without the right to mount, a file size limit (`ulimit -f`, the
 * write then fails with EFBIG instead of ENOSPC) refuses the write the same way.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CHILD = resolve('test/support/disk-full-child.mjs');
const mountPoint = mkdtempSync(join(tmpdir(), 'wave-tmpfs-'));

function tryMount(): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=320k', 'tmpfs', mountPoint], {
      stdio: 'pipe',
    });
    return true;
  } catch (_notPermitted) {
    // Not root, or no mount in this sandbox: the file size limit below refuses writes instead.
    return false;
  }
}
const mounted = tryMount();
afterAll(() => {
  if (mounted) execFileSync('umount', [mountPoint]);
});

function child(dir: string, mode: 'fill' | 'one', limitBlocks?: number) {
  const argv = [process.execPath, CHILD, dir, mode];
  const r =
    limitBlocks === undefined
      ? spawnSync(argv[0] as string, argv.slice(1))
      : spawnSync('sh', ['-c', `ulimit -f ${limitBlocks}; trap "" XFSZ; exec "$@"`, 'sh', ...argv]);
  expect(r.status, r.stderr.toString()).toBe(0);
  return JSON.parse(r.stdout.toString()) as { version: number; error: string | null };
}

function seqs(file: string): number[] {
  const text = readFileSync(file, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { seq: number }).seq);
}

describe('disk full', () => {
  it('the failed batch is rolled back; once space is freed, a new process appends after it', () => {
    const dir = join(mountPoint, 'log');
    const filler = join(mountPoint, 'filler');
    if (mounted) writeFileSync(filler, Buffer.alloc(96 * 1024));
    const full = mounted ? child(dir, 'fill') : child(dir, 'fill', 160);
    expect(full.error).toBe(mounted ? 'ENOSPC' : 'EFBIG');
    expect(full.version).toBeGreaterThan(0);
    expect(full.version % 4).toBe(0);
    const file = join(dir, 'disk-full.jsonl');
    expect(seqs(file)).toEqual(Array.from({ length: full.version }, (_, i) => i + 1));

    if (mounted) rmSync(filler);
    const after = child(dir, 'one');
    expect(after).toEqual({ version: full.version + 3, error: null });
    expect(seqs(file)).toEqual(Array.from({ length: full.version + 3 }, (_, i) => i + 1));
  });
});
