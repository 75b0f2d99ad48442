/**
 * The autopilot's kill switches, pure, given/when/then: their order before and after a session,
 * the reference's detail wording (generated/autopilot fixtures), its bounds, and the two
 * reference behaviours not copied (the inert token switch, the stall timer on a file mtime).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AUTOPILOT_DEFAULTS as D,
  autopilotRunId,
  checkAfter,
  checkBefore,
  clampBounds,
} from '../../src/domain/autopilot/kill-switches.js';
import { REFERENCE_DIR } from '../support/reference.js';

const scenarios = JSON.parse(
  readFileSync(join(REFERENCE_DIR, 'generated/autopilot/runLoop-scenarios.json'), 'utf8'),
) as Record<string, { kill_switch: string | null; kill_switch_detail: string }>;

const fresh = { aborted: false, iterations: 0, elapsedMs: 0, tokensUsed: 0 };
const clean = {
  silentSeconds: 1,
  marker: 'log.jsonl',
  agentSummary: { spiral: 0, failed: 0 },
  effectiveness: { planned_issues: 4, carryover: 1 },
};

describe('before each session', () => {
  it('given everything tripping at once, the order is abort, max sessions, max hours, tokens', () => {
    const bounds = { ...D, maxSessions: 2, tokenBudget: 1000 };
    const all = { aborted: true, iterations: 2, elapsedMs: 5 * 3_600_000, tokensUsed: 1200 };
    expect(checkBefore(all, bounds)?.switch).toBe('user-abort');
    expect(checkBefore({ ...all, aborted: false }, bounds)?.switch).toBe('max-sessions-reached');
    expect(checkBefore({ ...all, aborted: false, iterations: 1 }, bounds)?.switch).toBe(
      'max-hours-exceeded',
    );
    expect(checkBefore({ ...all, aborted: false, iterations: 1, elapsedMs: 0 }, bounds)).toEqual({
      switch: 'token-budget-exceeded',
      detail: scenarios.tokenBudget?.kill_switch_detail,
    });
    expect(checkBefore(fresh, bounds)).toBeUndefined();
  });

  it('words abort and max sessions as the reference does', () => {
    expect(checkBefore({ ...fresh, aborted: true }, D)?.detail).toBe(
      scenarios.userAbort?.kill_switch_detail,
    );
    expect(checkBefore({ ...fresh, iterations: 2 }, { ...D, maxSessions: 2 })?.detail).toBe(
      scenarios.maxSessions?.kill_switch_detail,
    );
  });

  it('the token switch is live: a budget counts every session’s tokens (the reference’s never trips)', () => {
    expect(
      checkBefore({ ...fresh, iterations: 1, tokensUsed: 999 }, { ...D, tokenBudget: 1000 }),
    ).toBeUndefined();
    expect(
      checkBefore({ ...fresh, iterations: 1, tokensUsed: 1000 }, { ...D, tokenBudget: 1000 })
        ?.switch,
    ).toBe('token-budget-exceeded');
    expect(checkBefore({ ...fresh, tokensUsed: 10 ** 9 }, D)).toBeUndefined(); // 0 = off
  });
});

describe('after each session', () => {
  it('given everything tripping at once, the order is broken, stall, spiral, failed, carry-over', () => {
    const all = {
      broken: 'session could not run: locked',
      silentSeconds: 1200,
      marker: 'log.jsonl',
      agentSummary: { spiral: 1, failed: 1 },
      effectiveness: { planned_issues: 4, carryover: 3 },
    };
    expect(checkAfter(all, D)?.switch).toBe('failed-wave');
    const { broken: _, ...rest } = all;
    expect(checkAfter(rest, D)).toEqual({
      switch: 'stall-timeout',
      detail: 'stalled 1200s ≥ threshold 600s (marker=log.jsonl)',
    });
    expect(checkAfter({ ...rest, silentSeconds: 1 }, D)?.detail).toBe(
      scenarios.spiral?.kill_switch_detail,
    );
    expect(
      checkAfter({ ...rest, silentSeconds: 1, agentSummary: { spiral: 0, failed: 1 } }, D)?.detail,
    ).toBe(scenarios.failedWave?.kill_switch_detail);
    expect(
      checkAfter({ ...rest, silentSeconds: 1, agentSummary: { spiral: 0, failed: 0 } }, D)?.detail,
    ).toBe(scenarios.carryover?.kill_switch_detail);
  });

  it('a carry-over ratio of exactly 0.5 does not trip (strict), no planned issues is no signal', () => {
    expect(
      checkAfter({ ...clean, effectiveness: { planned_issues: 4, carryover: 2 } }, D),
    ).toBeUndefined();
    expect(
      checkAfter({ ...clean, effectiveness: { planned_issues: 0, carryover: 0 } }, D),
    ).toBeUndefined();
    const { effectiveness: _, ...none } = clean;
    expect(checkAfter(none, D)).toBeUndefined();
  });
});

describe('bounds and run id', () => {
  it('clamps silently into the reference ranges', () => {
    expect(clampBounds({ maxSessions: 99, maxHours: 0.1, tokenBudget: -5 })).toMatchObject({
      maxSessions: 50,
      maxHours: 0.5,
      tokenBudget: 0,
    });
    expect(clampBounds({})).toEqual(D);
  });

  it('names a run <branch>-<date>-<HHmm>-autopilot', () => {
    expect(autopilotRunId('feature/x y', '2026-08-22T07:05:09.000Z')).toBe(
      'feature-x-y-2026-08-22-0705-autopilot',
    );
  });
});
