import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileOutput } from '../../src/projections/projection.js';
import { isLockLive, parseLock } from '../../src/formats/session-lock.liveness.js';
import { sessionLockProjection } from '../../src/projections/session-lock.projection.js';
import { createStamper, foldRender, sessionStarted } from './event-stamper.js';

const REF = join(import.meta.dirname, '../fixtures/reference/generated/locks');
const fixture = (name: string): string => readFileSync(join(REF, name), 'utf8');

function lockAt(
  start: string,
  ...more: ((s: ReturnType<typeof createStamper>) => Parameters<typeof foldRender>[1][number])[]
): FileOutput {
  const s = createStamper(start);
  const events = [sessionStarted(s), ...more.map((f) => f(s))];
  const outs = foldRender(sessionLockProjection, events);
  expect(outs).toHaveLength(1);
  return outs[0] as FileOutput;
}

describe('session.lock projection', () => {
  it('renders the v2 body byte for byte like the reference', () => {
    const out = lockAt('2026-11-24T09:12:33.319Z');
    expect(out).toEqual({
      kind: 'file',
      path: '.orchestrator/session.lock',
      content: fixture('session.lock.v2.json'),
    });
  });

  it('moves only last_heartbeat on heartbeat.recorded', () => {
    const out = lockAt('2026-11-24T09:12:33.319Z', (s) => s('heartbeat.recorded', {}, 22));
    expect(out.content).toBe(fixture('session.lock.after-heartbeat.json'));
  });

  it('takes pid and host from session.resumed', () => {
    const out = lockAt('2026-11-24T09:12:33.319Z', (s) =>
      s('session.resumed', { pid: 99, host: 'other', inFlight: [], policy: 'redispatch' }),
    );
    expect(JSON.parse(out.content as string)).toMatchObject({
      pid: 99,
      host: 'other',
      last_heartbeat: '2026-11-24T09:12:33.319Z',
    });
  });

  it('is removed after session.completed and session.aborted; absent before session.started', () => {
    expect(
      lockAt('2026-11-24T09:12:33.319Z', (s) => s('session.completed', { outcome: 'success' }))
        .content,
    ).toBeNull();
    expect(
      lockAt('2026-11-24T09:12:33.319Z', (s) =>
        s('session.aborted', { cause: 'error', reason: 'x' }),
      ).content,
    ).toBeNull();
    expect(foldRender(sessionLockProjection, [])).toEqual([]);
  });
});

describe('parseLock / isLockLive', () => {
  it('parses v2 and tolerates the v1 legacy shape', () => {
    const v2 = parseLock(fixture('session.lock.v2.json'));
    expect(v2).toMatchObject({
      ok: true,
      lock: { version: 2, semantic_session_id: 'main-2026-08-22-deep-1', ttl_hours: 4 },
    });
    const v1 = parseLock(fixture('session.lock.v1-legacy.json'));
    expect(v1).toMatchObject({
      ok: true,
      lock: { version: 1, session_id: 'legacy-v1', pid: 4242 },
    });
    expect(v1.ok && v1.lock.last_heartbeat).toBeUndefined();
  });

  it('explains what is wrong with a bad lock', () => {
    expect(parseLock('{oops')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^not JSON/) as unknown,
    });
    expect(parseLock('[]')).toEqual({ ok: false, reason: 'not a JSON object' });
    expect(parseLock('{"started_at":"2026-01-01T00:00:00Z"}')).toEqual({
      ok: false,
      reason: 'session_id must be a non-empty string',
    });
    expect(parseLock('{"session_id":"x","started_at":"nope"}')).toEqual({
      ok: false,
      reason: 'started_at must be an ISO timestamp',
    });
  });

  it('applies the reference liveness rule (last_heartbeat ?? started_at, ttl hours)', () => {
    const v2 = parseLock(fixture('session.lock.after-heartbeat.json'));
    const v1 = parseLock(fixture('session.lock.v1-legacy.json'));
    if (!v2.ok || !v1.ok) throw new Error('fixtures must parse');
    expect(isLockLive(v2.lock, '2026-11-24T09:12:33.400Z')).toBe(true);
    expect(isLockLive(v2.lock, '2026-11-24T13:12:33.340Z')).toBe(true);
    expect(isLockLive(v2.lock, '2026-11-24T13:12:33.341Z')).toBe(false);
    // The reference's lock-api-results: isLockLive(v1 legacy, now) === false.
    expect(isLockLive(v1.lock, '2026-11-24T09:12:33.341Z')).toBe(false);
    expect(isLockLive(v1.lock, '2026-05-01T13:59:59.999Z')).toBe(true);
    expect(isLockLive(v1.lock, 'garbage')).toBe(false);
  });
});
