/**
 * The replay fixtures and their provenance agree: every session of test/support/fixture-catalogue.ts
 * has a committed log, a golden directory and a README entry, and nothing is committed without one.
 *
 * Recording (once): `WAVE_WRITE_FIXTURES=1 npx vitest run test/replay/fixture-catalogue.test.ts`
 * writes the logs that do not exist yet (an existing log is NEVER rewritten) and renders every
 * golden directory again from its committed log. Review the golden diff before committing it.
 * Without the variable this file only checks.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFixtureLog, logText } from '../support/fixture-builder.js';
import { FIXTURES } from '../support/fixture-catalogue.js';
import {
  GOLDEN_DIR,
  LOGS_DIR,
  committedLogNames,
  goldenPath,
  logPath,
  readLog,
  renderInto,
} from './fixture-files.js';

async function record(): Promise<void> {
  fs.mkdirSync(LOGS_DIR, { recursive: true });
  for (const spec of FIXTURES) {
    const file = logPath(spec.name);
    if (!fs.existsSync(file))
      fs.writeFileSync(file, logText(buildFixtureLog(spec)), { flag: 'wx' });
    const dir = goldenPath(spec.name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    renderInto(await readLog(file), dir);
  }
}

describe('replay fixture catalogue', () => {
  it('has a committed log, a golden directory and a README entry for every catalogued session', async () => {
    if (process.env.WAVE_WRITE_FIXTURES === '1') await record();
    const readme = fs.readFileSync(path.join(LOGS_DIR, 'README.md'), 'utf8');
    expect(FIXTURES.length).toBeGreaterThanOrEqual(5);
    for (const spec of FIXTURES) {
      expect(fs.existsSync(logPath(spec.name)), `${spec.name}.jsonl`).toBe(true);
      expect(fs.statSync(goldenPath(spec.name)).isDirectory(), `golden/${spec.name}`).toBe(true);
      expect(readme, `README entry for ${spec.name}`).toContain(`\`${spec.name}.jsonl\``);
    }
  });

  it('commits no log or golden directory that the catalogue does not explain', () => {
    const names = FIXTURES.map((f) => f.name).sort();
    expect(committedLogNames()).toEqual(names);
    expect(fs.readdirSync(GOLDEN_DIR).sort()).toEqual(names);
  });
});
