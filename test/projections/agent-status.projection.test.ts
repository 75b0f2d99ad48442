import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  agentStatusProjection,
  rollupBucket,
} from '../../src/projections/agent-status.projection.js';
import type { FileOutput } from '../../src/projections/projection.js';
import {
  createStamper,
  dispatched,
  finished,
  foldRender,
  sessionStarted,
} from './event-stamper.js';
import { buildSessionLog } from './session-log.fixture.js';

const REF = join(import.meta.dirname, '../fixtures/reference/generated/agent-status');

describe('agent-status projection', () => {
  it('renders the reference shapes: dispatch, end and wave rollup; LWW map of last records', () => {
    const s = createStamper('2026-11-24T09:12:33.381Z');
    const a0 = 'wave2-0-session-orchestrator:code-implementer';
    const a1 = 'wave2-1-session-orchestrator:code-implementer';
    const outs = foldRender(agentStatusProjection, [
      sessionStarted(s),
      dispatched(s, 2, a1, 'm-1'),
      dispatched(s, 2, a0, 'm-2'),
      finished(s, a0, 'done'),
      finished(s, a1, 'failed'),
      s('wave.completed', { wave: 2, role: 'Impl-Core', quality: 'pass', filesChanged: 1 }),
    ]) as FileOutput[];
    expect(outs.map((o) => o.path)).toEqual([
      '.orchestrator/runtime/agent-status.jsonl',
      '.orchestrator/runtime/agent-status-current.json',
    ]);
    const log = (outs[0]?.content ?? '')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(log.map((r) => r.text)).toEqual([
      'dispatched — session-orchestrator:code-implementer',
      'dispatched — session-orchestrator:code-implementer',
      'done',
      'failed',
      'wave 2 complete — 1 done, 0 partial, 1 failed',
    ]);
    // Same shape and texts as the reference's files (timestamps differ by design).
    const refLog = readFileSync(join(REF, 'agent-status.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean);
    const refStatus = refLog
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((r) => r.kind === 'status');
    for (const r of [...log, ...refStatus])
      expect(Object.keys(r)).toEqual(['agentId', 'kind', 'text', 'ts']);
    // The reference reported a0's dispatch as progress, not status: compare the other records.
    expect([log[0], ...log.slice(2)].map((r) => [r?.agentId, r?.text])).toEqual(
      refStatus.map((r) => [r.agentId, r.text]),
    );
    const current = JSON.parse(outs[1]?.content ?? '') as Record<string, { text: string }>;
    const refCurrent = JSON.parse(
      readFileSync(join(REF, 'agent-status-current.json'), 'utf8'),
    ) as Record<string, { text: string }>;
    expect(Object.keys(current)).toEqual([a1, a0, 'wave2']);
    for (const k of Object.keys(refCurrent)) expect(current[k]?.text).toBe(refCurrent[k]?.text);
    expect(outs[1]?.content?.endsWith('}\n')).toBe(true);
  });

  it('maps outcomes into the three rollup buckets', () => {
    expect(
      ['done', 'partial', 'stagnant', 'failed', 'spiral', 'crashed', 'timed_out', null].map((o) =>
        rollupBucket(o as never),
      ),
    ).toEqual(['done', 'partial', 'partial', 'failed', 'failed', 'failed', 'failed', 'failed']);
    const outs = foldRender(agentStatusProjection, buildSessionLog('completed')) as FileOutput[];
    expect(outs[0]?.content).toContain('"text":"wave 2 complete — 1 done, 0 partial, 2 failed"');
    expect(outs[0]?.content).toContain('"text":"wave 3 complete — 1 done, 1 partial, 0 failed"');
    expect(outs[0]?.content).toContain('"agentId":"wave2-2-impl","kind":"status","text":"crashed"');
  });

  it('renders nothing before session.started and the same bytes twice', () => {
    expect(foldRender(agentStatusProjection, [])).toEqual([]);
    expect(foldRender(agentStatusProjection, buildSessionLog('completed'))).toEqual(
      foldRender(agentStatusProjection, buildSessionLog('completed')),
    );
  });
});
