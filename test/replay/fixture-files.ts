/**
 * Where the replay fixtures live and how their golden renders are produced and compared:
 * test/fixtures/logs/<name>.jsonl (recorded once, never edited) and
 * test/fixtures/golden/<name>/ (the repository-relative files `wave replay --out` writes).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DomainEvent } from '../../src/events.js';
import { readLogFile } from '../../src/adapters/jsonl-reader.js';
import { createProjectionWriter } from '../../src/adapters/projection-writer.js';
import { allProjections } from '../../src/projections/all.projections.js';
import { Projector } from '../../src/projections/projector.js';

/** Repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Directory of the recorded logs. */
export const LOGS_DIR = path.join(ROOT, 'test/fixtures/logs');
/** Directory of the golden renders. */
export const GOLDEN_DIR = path.join(ROOT, 'test/fixtures/golden');

/** Path of a fixture's log. */
export function logPath(name: string): string {
  return path.join(LOGS_DIR, `${name}.jsonl`);
}

/** Path of a fixture's golden directory. */
export function goldenPath(name: string): string {
  return path.join(GOLDEN_DIR, name);
}

/** Directory of the logs recorded from real `wave run`s (`<name>/log.jsonl`). */
const RECORDED_DIR = path.join(ROOT, 'test/fixtures/recorded');

/** Every committed log, scripted and recorded from real runs: `[label, file]`. */
export function everyLogFile(): [string, string][] {
  return [
    ...committedLogNames().map((n): [string, string] => [n, logPath(n)]),
    ...fs
      .readdirSync(RECORDED_DIR)
      .filter((n) => fs.statSync(path.join(RECORDED_DIR, n)).isDirectory())
      .map((n): [string, string] => [`recorded/${n}`, path.join(RECORDED_DIR, n, 'log.jsonl')]),
  ];
}

/** Names of the committed logs (without `.jsonl`), sorted. */
export function committedLogNames(): string[] {
  return fs
    .readdirSync(LOGS_DIR)
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => f.slice(0, -'.jsonl'.length))
    .sort();
}

/** Reads a log the way `wave replay` does (every line validated). */
export async function readLog(file: string): Promise<DomainEvent[]> {
  const events: DomainEvent[] = [];
  const reader = readLogFile(file);
  for await (const batch of reader) events.push(...batch);
  if (reader.tornTail) throw new Error(`${file}: torn tail at line ${reader.tornTail.line}`);
  return events;
}

/** Renders the events into `dir` (an empty directory) with the projection writer. */
export function renderInto(events: readonly DomainEvent[], dir: string): void {
  const projector = new Projector(allProjections());
  projector.evolveAll(events);
  createProjectionWriter({ root: dir }).write(projector.render());
}

/** Every file under `dir`, as repository-relative `/` paths → bytes, sorted by path. */
export function filesUnder(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (abs: string, rel: string) => {
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      const a = path.join(abs, entry.name);
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(a, r);
      else out.set(r, fs.readFileSync(a));
    }
  };
  walk(dir, '');
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A fresh temporary directory. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), prefix));
}
