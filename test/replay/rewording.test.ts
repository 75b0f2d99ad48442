/**
 * Rewording is not a change of decision. With every deviation sentence and What Not To Retry
 * reason reworded (the wording module replaced by one that says things differently), every
 * recorded log still replays through the machines with no divergence and nothing left proposed,
 * while the STATE.md it renders does show the new words.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Coordinator } from '../../src/machines/coordinator.js';
import { FIXTURES } from '../support/fixture-catalogue.js';
import {
  ROOT,
  filesUnder,
  goldenPath,
  logPath,
  readLog,
  renderInto,
  tempDir,
} from './fixture-files.js';

vi.mock('../../src/domain/wording.js', async (original) => {
  const real = await original<typeof import('../../src/domain/wording.js')>();
  const reword = (s: string) => `(reworded) ${s.toLowerCase()}`;
  return {
    ...real,
    deviationText: (d: Parameters<typeof real.deviationText>[0]) => reword(real.deviationText(d)),
    whatNotToRetryText: (e: Parameters<typeof real.whatNotToRetryText>[0]) => {
      const t = real.whatNotToRetryText(e);
      return { approach: t.approach, why: reword(t.why) };
    },
  };
});

const recorded = path.join(ROOT, 'test/fixtures/recorded');
const logs = [
  ...FIXTURES.map((f) => [f.name, logPath(f.name), goldenPath(f.name)] as const),
  ...fs
    .readdirSync(recorded)
    .filter((n) => fs.statSync(path.join(recorded, n)).isDirectory())
    .map(
      (n) => [n, path.join(recorded, n, 'log.jsonl'), path.join(recorded, n, 'golden')] as const,
    ),
];

describe.each(logs)('recorded log %s, every sentence reworded', (_name, log, golden) => {
  it('replays with no divergence', async () => {
    const events = await readLog(log);
    const c = new Coordinator();
    for (const e of events) c.apply(e);
    expect(c.divergences).toEqual([]);
    if (c.finished) expect(c.pendingEvents()).toEqual([]);
  });

  it('renders the new words where the log has deviations', async () => {
    const events = await readLog(log);
    if (!events.some((e) => e.type === 'deviation.recorded')) return;
    const out = tempDir('reworded-');
    renderInto(events, out);
    const state = (dir: string) =>
      (filesUnder(dir).get('.claude/STATE.md') ?? Buffer.from('')).toString('utf8');
    expect(state(out)).toContain('(reworded) ');
    expect(state(out)).not.toBe(state(golden));
  });
});
