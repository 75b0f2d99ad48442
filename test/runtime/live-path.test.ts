/**
 * The live path of issue 12: the engine's soft-bounded queue pauses a producer and resumes it
 * without losing an event; after a real session whose agents burst events (pausing on the
 * engine's backpressure), the files equal a full rebuild from the log and foreign lines of the
 * shared JSONL files are kept; one abort listener serves every agent.
 */
import { getEventListeners } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJsonlEventStore } from '../../src/adapters/jsonl-event-store.js';
import { createProjectionWriter } from '../../src/adapters/projection-writer.js';
import { systemClock } from '../../src/adapters/clock.js';
import { loadStatus, statusSnapshotPath } from '../../src/adapters/status-snapshot.js';
import { encodeProgress } from '../../src/projections/progress.codec.js';
import { ResolvedPlanSchema } from '../../src/domain/plan.schema.js';
import { newEvent, type DomainEvent } from '../../src/events.js';
import { allProjections } from '../../src/projections/all.projections.js';
import { Projector } from '../../src/projections/projector.js';
import { AbortFanout } from '../../src/runtime/abort-fanout.js';
import { Engine } from '../../src/runtime/engine.js';
import { createWaveExecutor } from '../../src/runtime.js';
import type { Coordinator } from '../../src/machines/coordinator.js';
import { burstRunner } from '../support/burst-runner.js';
import { makeRepo } from '../support/git-repo.js';

/** Accepts every logged event and proposes nothing (the engine's loop alone is under test). */
const passThrough = {
  apply: () => [],
  finished: true,
  sessionState: 'running',
} as unknown as Coordinator;

describe('engine backpressure', () => {
  it('pauses a producer at maxQueue and resumes it; every event is logged once, in order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wave-backpressure-'));
    const store = createJsonlEventStore({ dir });
    const engine = new Engine({
      stream: 's-bp',
      store,
      clock: systemClock(),
      coordinator: passThrough,
      projector: new Projector([]),
      writer: null,
      version: 0,
      maxQueue: 100,
      maxBatch: 30,
    });
    const N = 2_000;
    let pauses = 0;
    let peak = 0;
    let queued = 0;
    engine.subscribe((batch) => (queued -= batch.length));
    const producer = (async () => {
      for (let i = 0; i < N; i++) {
        engine.enqueue(newEvent('agent.output', { agentId: 'a-1', text: `line ${i}` }));
        queued += 1;
        peak = Math.max(peak, queued);
        if (engine.saturated) {
          pauses += 1;
          await engine.drained();
          expect(engine.saturated).toBe(false);
        }
      }
    })();
    engine.track(producer);
    await engine.run();
    await store.close();
    expect(pauses).toBeGreaterThan(5);
    expect(peak).toBeLessThanOrEqual(100);
    const lines = readFileSync(join(dir, 's-bp.jsonl'), 'utf8').trim().split('\n');
    const events = lines.map((l) => JSON.parse(l) as DomainEvent);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.map((e) => (e.data as { text: string }).text)).toEqual(
      Array.from({ length: N }, (_, i) => `line ${i}`),
    );
  });
});

describe('abort fan-out', () => {
  it('one listener on the parent for any number of children; all abort with it', () => {
    const parent = new AbortController();
    const fanout = new AbortFanout(parent.signal);
    const children = Array.from({ length: 25 }, () => fanout.child());
    expect(getEventListeners(parent.signal, 'abort')).toHaveLength(1);
    fanout.release(children[0] as AbortController);
    expect(fanout.size).toBe(24);
    parent.abort(new Error('stop'));
    expect(children.slice(1).every((c) => c.signal.aborted)).toBe(true);
    expect((children[0] as AbortController).signal.aborted).toBe(false);
    expect(fanout.child().signal.aborted).toBe(true);
  });
});

describe('projection files after a live session', () => {
  it('equal a full rebuild from the log, foreign lines of the shared files kept', async () => {
    const repo = makeRepo();
    const foreign = (i: number) =>
      JSON.stringify({ session_id: `other-${i}`, event: 'orchestrator.wave.started', wave: 1 });
    mkdirSync(join(repo, '.orchestrator', 'metrics'), { recursive: true });
    const foreignText = `${Array.from({ length: 500 }, (_, i) => foreign(i)).join('\n')}\n`;
    writeFileSync(join(repo, '.orchestrator/metrics/events.jsonl'), foreignText);
    writeFileSync(join(repo, '.orchestrator/metrics/sessions.jsonl'), foreignText);
    const plan = ResolvedPlanSchema.parse({
      session: { type: 'feature', intent: 'Live path' },
      config: {},
      runners: { default: { kind: 'command', argv: ['true'], format: 'text' } },
      waves: ['Impl-Core', 'Quality'].map((role, w) => ({
        wave: w + 1,
        role,
        tasks: Array.from({ length: 4 }, (_, i) => ({ id: `m-${w * 4 + i + 1}`, task: `T${i}` })),
      })),
    });
    const executor = await createWaveExecutor({
      plan,
      repo,
      allowDirty: true,
      runners: { default: burstRunner(4_000) },
    });
    const outcome = await executor.run();
    expect(outcome.exitCode).toBe(0);
    const store = createJsonlEventStore({ dir: join(repo, '.orchestrator', 'log') });
    const projector = new Projector(allProjections());
    let count = 0;
    for await (const batch of store.read(executor.sessionId)) {
      for (const e of batch) projector.evolve(e);
      count += batch.length;
    }
    await store.close();
    expect(count).toBeGreaterThan(32_000);
    expect(createProjectionWriter({ root: repo }).check(projector.render())).toEqual([]);
    // The session left the status snapshot: `wave status` folds nothing, and agrees with a full fold.
    const log = join(repo, '.orchestrator', 'log', `${executor.sessionId}.jsonl`);
    const fromSnapshot = await loadStatus(repo, log);
    expect(fromSnapshot).toMatchObject({ from: 'snapshot', foldedBytes: 0 });
    rmSync(statusSnapshotPath(repo, log));
    const full = await loadStatus(repo, log, { writeAfterBytes: Number.POSITIVE_INFINITY });
    expect(full.from).toBe('log');
    expect(encodeProgress(fromSnapshot.view)).toEqual(encodeProgress(full.view));
    expect(fromSnapshot.missions).toEqual(full.missions);
    for (const f of ['events.jsonl', 'sessions.jsonl']) {
      const text = readFileSync(join(repo, '.orchestrator/metrics', f), 'utf8');
      expect(text.startsWith(foreignText), f).toBe(true);
      expect(text.length).toBeGreaterThan(foreignText.length);
    }
  }, 60_000);
});
