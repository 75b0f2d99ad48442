/**
 * Shared JSONL files merged incrementally (issue 12): while the file is the one the writer left,
 * this session's block is replaced around the remembered foreign text; a line another process
 * adds in between is seen (the file's identity changed) and kept.
 */
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProjectionWriter } from '../../src/adapters/projection-writer.js';
import { lineHasField } from '../../src/projections/sessions-jsonl/sessions-jsonl.projection.js';

const line = (session: string, n: number) => JSON.stringify({ session_id: session, n });
const mine = (lines: string[]) => ({
  kind: 'owned-lines' as const,
  path: 'm/events.jsonl',
  owns: (l: string) => lineHasField(l, 'session_id', 'me'),
  lines,
});

describe('owned lines, incremental', () => {
  it('keeps foreign lines around the block, sees lines added by others, writes nothing unchanged', () => {
    const root = mkdtempSync(join(tmpdir(), 'wave-owned-'));
    const file = join(root, 'm/events.jsonl');
    const w = createProjectionWriter({ root });
    expect(w.write([mine([line('me', 1)])]).written).toEqual(['m/events.jsonl']);
    writeFileSync(file, `${line('a', 1)}\n${line('me', 1)}\n${line('b', 1)}\n`);
    w.write([mine([line('me', 1), line('me', 2)])]);
    expect(readFileSync(file, 'utf8')).toBe(
      `${line('a', 1)}\n${line('me', 1)}\n${line('me', 2)}\n${line('b', 1)}\n`,
    );
    expect(w.write([mine([line('me', 1), line('me', 2)])]).unchanged).toEqual(['m/events.jsonl']);
    w.write([mine([line('me', 3)])]);
    expect(readFileSync(file, 'utf8')).toBe(`${line('a', 1)}\n${line('me', 3)}\n${line('b', 1)}\n`);
    appendFileSync(file, `${line('c', 1)}\n`);
    w.write([mine([line('me', 4)])]);
    expect(readFileSync(file, 'utf8')).toBe(
      `${line('a', 1)}\n${line('me', 4)}\n${line('b', 1)}\n${line('c', 1)}\n`,
    );
    expect(w.check([mine([line('me', 4)])])).toEqual([]);
  });

  it('appends to a file without a line of ours (markers), then extends the block in place', () => {
    const root = mkdtempSync(join(tmpdir(), 'wave-owned-'));
    const file = join(root, 'm/events.jsonl');
    const w = createProjectionWriter({ root });
    const marked = (lines: string[]) => ({ ...mine(lines), markers: ['"me"'] });
    w.write([marked([])]); // no file, nothing to write
    mkdirSync(join(root, 'm'));
    writeFileSync(file, `${line('a', 1)}\n${line('b', 1)}`); // last line without its newline
    expect(w.write([marked([line('me', 1)])]).written).toEqual(['m/events.jsonl']);
    expect(readFileSync(file, 'utf8')).toBe(`${line('a', 1)}\n${line('b', 1)}\n${line('me', 1)}\n`);
    w.write([marked([line('me', 1), line('me', 2)])]);
    expect(readFileSync(file, 'utf8')).toBe(
      `${line('a', 1)}\n${line('b', 1)}\n${line('me', 1)}\n${line('me', 2)}\n`,
    );
    w.write([marked([line('me', 9)])]);
    expect(readFileSync(file, 'utf8')).toBe(`${line('a', 1)}\n${line('b', 1)}\n${line('me', 9)}\n`);
    expect(w.check([marked([line('me', 9)])])).toEqual([]);
  });
});
