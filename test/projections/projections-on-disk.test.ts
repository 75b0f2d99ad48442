import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProjectionWriter } from '../../src/adapters/projection-writer.js';
import type { DomainEvent } from '../../src/events.js';
import { agentStatusProjection } from '../../src/projections/agent-status.projection.js';
import { eventsJsonlProjection } from '../../src/projections/events-jsonl.projection.js';
import type { Projection, ProjectionOutput } from '../../src/projections/projection.js';
import { sessionLockProjection } from '../../src/projections/session-lock.projection.js';
import { sessionsJsonlProjection } from '../../src/projections/sessions-jsonl/sessions-jsonl.projection.js';
import { validateSession } from '../../src/formats/validate-session.js';
import { waveScopeProjection } from '../../src/projections/wave-scope.projection.js';
import { buildSessionLog } from './session-log.fixture.js';

const projections = [
  sessionsJsonlProjection,
  sessionLockProjection,
  eventsJsonlProjection,
  agentStatusProjection,
  waveScopeProjection,
] as Projection<unknown>[];

/** Folds the log in commit batches of `batch` events, writing after each batch. */
function replay(root: string, log: DomainEvent[], batch: number): void {
  const writer = createProjectionWriter({ root });
  const views = projections.map((p) => p.init());
  for (let i = 0; i < log.length; i += batch) {
    const outs: ProjectionOutput[] = [];
    projections.forEach((p, k) => {
      for (const e of log.slice(i, i + batch)) views[k] = p.evolve(views[k], e);
      outs.push(...p.render(views[k]));
    });
    writer.write(outs);
  }
}

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'proj-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('projections written through the writer', () => {
  it('produce the same bytes whatever the batching, next to foreign ledger lines', () => {
    const foreign = '{"session_id":"someone-else","session_type":"deep"}\n';
    const snapshot = (batch: number): Record<string, string | null> => {
      rmSync(root, { recursive: true, force: true });
      mkdirSync(join(root, '.orchestrator/metrics'), { recursive: true });
      writeFileSync(join(root, '.orchestrator/metrics/sessions.jsonl'), foreign);
      replay(root, buildSessionLog('completed'), batch);
      const read = (p: string): string | null =>
        existsSync(join(root, p)) ? readFileSync(join(root, p), 'utf8') : null;
      return Object.fromEntries(
        [
          '.orchestrator/metrics/sessions.jsonl',
          '.orchestrator/metrics/events.jsonl',
          '.orchestrator/session.lock',
          '.orchestrator/runtime/agent-status.jsonl',
          '.orchestrator/runtime/agent-status-current.json',
          '.claude/wave-scope.json',
        ].map((p) => [p, read(p)]),
      );
    };
    const one = snapshot(1);
    expect(snapshot(7)).toEqual(one);
    expect(snapshot(1000)).toEqual(one);
    expect(one['.orchestrator/session.lock']).toBeNull();
    expect(one['.claude/wave-scope.json']).toBeNull();
    const ledger = (one['.orchestrator/metrics/sessions.jsonl'] ?? '').split('\n').filter(Boolean);
    expect(ledger).toHaveLength(2);
    expect(`${ledger[0]}\n`).toBe(foreign);
    expect(validateSession(JSON.parse(ledger[1] as string)).ok).toBe(true);
  });
});
