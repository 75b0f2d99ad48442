/**
 * Logs recorded by real `wave run` / `wave resume` processes (test/fixtures/recorded/) replay into
 * exactly the files they produced, and the machines, replaying them, decide exactly what was
 * logged: no divergence, nothing left proposed or open.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Coordinator } from '../../src/machines/coordinator.js';
import { ROOT, readLog, renderInto } from './fixture-files.js';

const DIR = path.join(ROOT, 'test/fixtures/recorded');
const names = fs.readdirSync(DIR).filter((n) => fs.statSync(path.join(DIR, n)).isDirectory());

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
    .sort();
}

describe.each(names)('recorded session %s', (name) => {
  it('replays into its golden files byte for byte', async () => {
    const events = await readLog(path.join(DIR, name, 'log.jsonl'));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'wave-recorded-'));
    try {
      renderInto(events, out);
      const golden = path.join(DIR, name, 'golden');
      expect(filesUnder(out)).toEqual(filesUnder(golden));
      for (const f of filesUnder(golden)) {
        expect(fs.readFileSync(path.join(out, f), 'utf8'), f).toBe(
          fs.readFileSync(path.join(golden, f), 'utf8'),
        );
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('replays through the machines without divergence, to a finished session', async () => {
    const events = await readLog(path.join(DIR, name, 'log.jsonl'));
    const c = new Coordinator();
    for (const e of events) c.apply(e);
    expect(c.divergences).toEqual([]);
    expect(c.finished).toBe(true);
    expect(c.pendingEvents()).toEqual([]);
    expect(c.pendingEffects()).toEqual([]);
  });
});
