/**
 * The replay fixtures of test/fixtures/logs/: one simulator script per recorded session. This is
 * the provenance of those logs (they were generated from here once and are never regenerated).
 */
import type { FixtureSpec } from './fixture-builder.js';
import { happy, skipped } from './clean-sessions.fixture.js';
import { crashed, journal } from './journal-sessions.fixture.js';
import { aborted, gateFixed, spiral } from './recovery-sessions.fixture.js';

/** Every recorded fixture, in README order. */
export const FIXTURES: readonly FixtureSpec[] = [
  happy,
  skipped,
  spiral,
  gateFixed,
  aborted,
  journal,
  crashed,
];
