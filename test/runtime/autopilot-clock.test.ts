/**
 * The autopilot's time switches with injected clocks and real sessions (temp git repository,
 * scripted agent processes through `runSession`): max hours reads only the autopilot's clock;
 * stall reads the session's own log, so a session whose events lie 10+ minutes apart trips it
 * (the reference reads the mtime of a file it writes only at the end of the loop).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { steppingClock } from '../../src/adapters/clock.js';
import { clampBounds } from '../../src/domain/autopilot/kill-switches.js';
import { ResolvedPlanSchema } from '../../src/domain/plan.schema.js';
import { runSession } from '../../src/runtime.js';
import { AUTOPILOT_LOG_DIR, runAutopilot } from '../../src/runtime/autopilot.js';
import type { Clock } from '../../src/ports.js';
import { SCRIPTED_AGENT, makeRepo } from '../support/git-repo.js';

const plan = (id: string) =>
  ResolvedPlanSchema.parse({
    session: { type: 'feature', intent: `Autopilot ${id}` },
    config: {},
    runners: {
      default: { kind: 'command', argv: ['node', SCRIPTED_AGENT], format: 'claude-stream-json' },
    },
    waves: [{ wave: 1, role: 'Impl-Core', tasks: [{ id, task: `Task ${id}`, files: [] }] }],
  });

const T0 = Date.parse('2026-11-30T08:00:00.000Z');

async function autopilot(repo: string, clock: Clock, sessionClock: () => Clock) {
  const plans = { 'a.yaml': plan('m-1'), 'b.yaml': plan('m-2') };
  return runAutopilot({
    repo,
    runId: 'main-2026-11-30-0800-autopilot',
    plans: [{ source: 'a.yaml' }, { source: 'b.yaml' }],
    bounds: clampBounds({}),
    clock,
    signal: new AbortController().signal,
    runSession: (p, runId) =>
      runSession({
        repo,
        plan: plans[p.source as keyof typeof plans],
        allowDirty: true,
        autopilotRunId: runId,
        clock: sessionClock(),
      }),
  });
}

const logTypes = (repo: string) =>
  readFileSync(
    join(repo, AUTOPILOT_LOG_DIR, readdirSync(join(repo, AUTOPILOT_LOG_DIR))[0] as string),
    'utf8',
  )
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string; data: { switch?: string } });

describe('autopilot time switches (injected clocks)', () => {
  it('given an autopilot clock one hour further at each read, stops before the second session: max-hours-exceeded', async () => {
    const repo = makeRepo();
    const out = await autopilot(repo, steppingClock(T0, 3_600_000), () =>
      steppingClock(Date.now(), 1),
    );
    expect(out.sessions).toHaveLength(1);
    expect(out.killSwitch?.switch).toBe('max-hours-exceeded');
    expect(out.killSwitch?.detail).toMatch(/^elapsed_hours=[45]\.00 >= max-hours=4$/);
    const events = logTypes(repo);
    expect(events.find((e) => e.type === 'autopilot.kill_switch')?.data.switch).toBe(
      'max-hours-exceeded',
    );
    // The sessions' own clocks do not count: only the autopilot's clock measures its hours.
  });

  it('given a session whose events lie 11 minutes apart, stops after it: stall-timeout, marker = its log', async () => {
    const repo = makeRepo();
    const out = await autopilot(repo, steppingClock(T0, 1000), () =>
      steppingClock(T0, 11 * 60_000),
    );
    expect(out.sessions).toHaveLength(1);
    expect(out.killSwitch?.switch).toBe('stall-timeout');
    expect(out.killSwitch?.detail).toMatch(
      /^stalled 660s ≥ threshold 600s \(marker=.*\.orchestrator\/log\/.*\.jsonl\)$/,
    );
    const rec = JSON.parse(
      readFileSync(join(repo, '.orchestrator/metrics/sessions.jsonl'), 'utf8'),
    ) as Record<string, unknown>;
    expect(rec.autopilot_run_id).toBe('main-2026-11-30-0800-autopilot');
  });

  it('given ordinary sessions (events seconds apart), neither switch trips and both plans run', async () => {
    const repo = makeRepo();
    const out = await autopilot(repo, steppingClock(T0, 1000), () => steppingClock(T0, 1000));
    expect(out.killSwitch).toBeNull();
    expect(out.sessions).toHaveLength(2);
  });
});
