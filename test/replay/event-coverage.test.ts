/**
 * Every event type of the catalogue appears in at least one recorded log, or is listed below with
 * the reason it is not covered yet. The list must stay honest: an entry that a log now covers fails.
 */
import { describe, expect, it } from 'vitest';
import { eventCatalog } from '../../src/events.js';
import { FIXTURES } from '../support/fixture-catalogue.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, logPath, readLog } from './fixture-files.js';

const RECORDED = path.join(ROOT, 'test/fixtures/recorded');

/** Event types no recorded log holds yet, and why. */
const NOT_COVERED: Record<string, string> = {
  'agent.loop_detected': 'live supervision is new: no recorded session has a looping agent yet',
  'agent.limit_reached':
    'live supervision is new: no recorded session has an agent past its turns yet',
  'agent.turn_started': 'turns are new in the log: no recorded session has them yet',
  'worktree.created':
    'no recorded session ran worktree isolation yet (test/runtime/isolation-effects.test.ts runs the handlers on real repositories)',
  'worktree.failed':
    'no recorded session ran worktree isolation yet (test/runtime/isolation-effects.test.ts runs the handlers on real repositories)',
  'worktree.stale_base':
    'no recorded session ran worktree isolation yet (test/runtime/isolation-effects.test.ts runs the handlers on real repositories)',
  'worktree.merged':
    'no recorded session ran worktree isolation yet (test/runtime/isolation-effects.test.ts runs the handlers on real repositories)',
  'worktree.conflicted':
    'no recorded session ran worktree isolation yet (test/runtime/isolation-effects.test.ts runs the handlers on real repositories)',
  'worktree.removed':
    'no recorded session ran worktree isolation yet (test/runtime/isolation-effects.test.ts runs the handlers on real repositories)',
  'budget.exceeded':
    'no recorded session overspent yet (the decision: test/machines/budgets.spec.test.ts)',
  'carryover.issue_filed':
    'no recorded session spiralled twice yet (the decision: test/machines/decisions.spec.test.ts; the actor: test/actors/issue-tracker)',
  'autopilot.started':
    'written to the autopilot log, never a session log (test/e2e/autopilot.test.ts)',
  'autopilot.session_finished':
    'written to the autopilot log, never a session log (test/e2e/autopilot.test.ts)',
  'autopilot.kill_switch':
    'written to the autopilot log, never a session log (test/e2e/autopilot.test.ts)',
  'autopilot.completed':
    'written to the autopilot log, never a session log (test/e2e/autopilot.test.ts)',
};

describe('event coverage of the replay fixtures', () => {
  it('holds every event type of the catalogue, except the listed ones', async () => {
    const seen = new Set<string>();
    for (const spec of FIXTURES)
      for (const e of await readLog(logPath(spec.name))) seen.add(e.type);
    // Logs recorded by real `wave run` / `wave resume` processes (resume, torn tail).
    for (const dir of fs.readdirSync(RECORDED).filter((n) => !n.endsWith('.md')))
      for (const e of await readLog(path.join(RECORDED, dir, 'log.jsonl'))) seen.add(e.type);
    const missing = Object.keys(eventCatalog).filter((t) => !seen.has(t));
    expect(missing.sort()).toEqual(Object.keys(NOT_COVERED).sort());
    for (const t of Object.keys(NOT_COVERED)) expect(eventCatalog).toHaveProperty([t]);
  });
});
