/**
 * The status snapshot (issue 12): `wave status` folds a verified snapshot plus the log's tail, and
 * that equals a fold of the whole log; a torn, foreign, stale or outdated snapshot is detected,
 * ignored (the whole log is folded) and written again. Uses copies of recorded session logs.
 */
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStatus, statusSnapshotPath } from '../../src/adapters/status-snapshot.js';
import { trustEvent, type DomainEvent } from '../../src/events.js';
import { encodeProgress, evolveMissions } from '../../src/projections/progress.codec.js';
import { foldProgress } from '../../src/projections/progress.view.js';

const RECORDED = 'test/fixtures/recorded';
const logs = readdirSync(RECORDED, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => join(RECORDED, d.name, 'log.jsonl'));

function fullFold(text: string): unknown {
  const events = text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l): DomainEvent => trustEvent(JSON.parse(l)));
  const missions = {};
  for (const e of events) evolveMissions(missions, e);
  return JSON.parse(JSON.stringify({ view: encodeProgress(foldProgress(events)), missions }));
}

const plain = (s: Awaited<ReturnType<typeof loadStatus>>): unknown =>
  JSON.parse(JSON.stringify({ view: encodeProgress(s.view), missions: s.missions }));

/** A repo holding the first `lines` lines of `source` as its log; returns repo, log, all lines. */
function repoWith(source: string, lines: number) {
  const repo = mkdtempSync(join(tmpdir(), 'wave-snapshot-'));
  const dir = join(repo, '.orchestrator', 'log');
  mkdirSync(dir, { recursive: true });
  const log = join(dir, 's-1.jsonl');
  const all = readFileSync(source, 'utf8').split('\n').filter(Boolean);
  writeFileSync(log, `${all.slice(0, lines).join('\n')}\n`);
  return { repo, log, all };
}

describe('status snapshot', () => {
  it.each(logs)('snapshot + tail equals the full fold (%s)', async (source) => {
    const half = Math.floor(readFileSync(source, 'utf8').split('\n').length / 2);
    const { repo, log, all } = repoWith(source, half);
    const first = await loadStatus(repo, log, { writeAfterBytes: 0 });
    expect(first).toMatchObject({ from: 'log', wrote: true });
    writeFileSync(log, `${all.join('\n')}\n`);
    const second = await loadStatus(repo, log, { writeAfterBytes: Number.POSITIVE_INFINITY });
    expect(second.from).toBe('snapshot');
    expect(second.rejected).toBeUndefined();
    expect(second.foldedBytes).toBe(Buffer.byteLength(`${all.slice(half).join('\n')}\n`));
    expect(plain(second)).toEqual(fullFold(readFileSync(log, 'utf8')));
  });

  it('a small fold leaves no snapshot behind', async () => {
    const source = logs[0] as string;
    const { repo, log } = repoWith(source, 10);
    const s = await loadStatus(repo, log);
    expect(s).toMatchObject({ from: 'log', wrote: false });
    expect(() => readFileSync(statusSnapshotPath(repo, log))).toThrow(/ENOENT/);
  });

  const corruptions: [string, (snap: string, log: string) => void, RegExp][] = [
    ['a torn snapshot', (snap) => writeFileSync(snap, '{"format":1,"log":'), /not JSON/],
    ['a snapshot without fields', (snap) => writeFileSync(snap, '{"format":1}'), /lacks fields/],
    [
      'a snapshot of another fold version',
      (snap) => {
        const j = JSON.parse(readFileSync(snap, 'utf8')) as Record<string, unknown>;
        writeFileSync(snap, JSON.stringify({ ...j, format: 999 }));
      },
      /format 999/,
    ],
    [
      'a log cut below the offset',
      (_snap, log) => {
        const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
        writeFileSync(log, `${lines.slice(0, 3).join('\n')}\n`);
      },
      /outside the log/,
    ],
    [
      'a log whose line at the offset changed',
      (snap, log) => {
        const { offset } = JSON.parse(readFileSync(snap, 'utf8')) as { offset: number };
        const bytes = readFileSync(log);
        // Change the timestamp's millennium in the last line before the offset (same length).
        const i = bytes.lastIndexOf('"ts":"2', offset);
        bytes[i + 6] = '3'.charCodeAt(0);
        writeFileSync(log, bytes);
      },
      /line before byte \d+ differs/,
    ],
    [
      'another session’s log under the same name',
      (_snap, log) => {
        const other = logs[1] as string;
        copyFileSync(other, log);
      },
      /first line differs|outside the log|line before byte/,
    ],
  ];

  it.each(corruptions)('%s is detected, ignored and rewritten', async (_name, corrupt, why) => {
    const { repo, log } = repoWith(logs[0] as string, 1_000_000);
    await loadStatus(repo, log, { writeAfterBytes: 0 });
    corrupt(statusSnapshotPath(repo, log), log);
    const expected = fullFold(readFileSync(log, 'utf8'));
    const s = await loadStatus(repo, log, { writeAfterBytes: 0 });
    expect(s.from).toBe('log');
    expect(s.rejected).toMatch(why);
    expect(s.wrote).toBe(true);
    expect(plain(s)).toEqual(expected);
    const again = await loadStatus(repo, log, { writeAfterBytes: 0 });
    expect(again).toMatchObject({ from: 'snapshot', foldedBytes: 0 });
    expect(again.rejected).toBeUndefined();
    expect(plain(again)).toEqual(expected);
  });
});
