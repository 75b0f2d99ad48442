/**
 * Every event type of the catalogue appears in at least one recorded log, or is listed below with
 * the reason it is not covered yet. The list must stay honest: an entry that a log now covers fails.
 */
import { describe, expect, it } from 'vitest';
import { eventCatalog } from '../../src/events.js';
import { FIXTURES } from '../support/fixture-catalogue.js';
import { logPath, readLog } from './fixture-files.js';

/** Event types no recorded log holds yet, and why. */
const NOT_COVERED: Record<string, string> = {
  'session.resumed':
    'only a second process taking over a crashed session writes it (`wave resume`); the simulator cannot resume, test/e2e/wave-resume.test.ts covers it live',
  'log.truncated':
    'recorded by the runtime after the file store cut a torn tail when reopening a log to resume; the simulator cannot resume (test/adapters/jsonl-recovery.test.ts covers the cut itself)',
  'session.paused':
    'no machine or runtime path emits it yet (only the projections and displays read it)',
};

describe('event coverage of the replay fixtures', () => {
  it('holds every event type of the catalogue, except the listed ones', async () => {
    const seen = new Set<string>();
    for (const spec of FIXTURES)
      for (const e of await readLog(logPath(spec.name))) seen.add(e.type);
    const missing = Object.keys(eventCatalog).filter((t) => !seen.has(t));
    expect(missing.sort()).toEqual(Object.keys(NOT_COVERED).sort());
    for (const t of Object.keys(NOT_COVERED)) expect(eventCatalog).toHaveProperty([t]);
  });
});
