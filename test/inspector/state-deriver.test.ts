/**
 * "As of event N" in the inspector is what a fresh replay of the first N events gives, whatever
 * order the events are asked for in (forward steps, backward steps, jumps, cache hits).
 */
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/events.js';
import { Coordinator } from '../../src/machines/coordinator.js';
import { Projector } from '../../src/projections/projector.js';
import {
  IntervalCheckpoints,
  ReplayDeriver,
  SHOWN_FILES,
} from '../../src/adapters/inspector/state-deriver.js';
import { inspectorCharts, watchedEventTypes } from '../../src/adapters/inspector/machine-charts.js';
import { FIXTURES } from '../support/fixture-catalogue.js';
import { logPath, readLog } from '../replay/fixture-files.js';

/** The view and files after each prefix (index = seq), from one plain forward replay. */
function expected(events: readonly DomainEvent[]) {
  const c = new Coordinator();
  const projector = new Projector(Object.values(SHOWN_FILES));
  const out: { view: ReturnType<Coordinator['view']>; files: Record<string, string | null> }[] = [];
  const snap = () => {
    const files: Record<string, string | null> = {};
    const rendered = projector.render();
    Object.keys(SHOWN_FILES).forEach((label, i) => {
      const o = rendered[i];
      files[label] = !o ? null : o.kind === 'file' ? o.content : o.lines.join('\n');
    });
    out.push({ view: c.view(), files });
  };
  snap();
  for (const e of events) {
    c.apply(e);
    projector.evolve(e);
    snap();
  }
  return out;
}

/** A deterministic shuffled visiting order with backward and forward moves. */
function order(n: number): number[] {
  const seqs = Array.from({ length: n }, (_, i) => i + 1);
  let x = 7;
  for (let i = seqs.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const j = x % (i + 1);
    [seqs[i], seqs[j]] = [seqs[j] as number, seqs[i] as number];
  }
  return [...seqs, ...seqs.slice(0, 10)];
}

describe('ReplayDeriver', () => {
  it.each([
    ['no checkpoint on these short logs', undefined],
    ['a checkpoint every 3 events (restores are copies)', 3],
  ])(
    'equals a fresh replay at every event of every fixture log, in any order: %s',
    async (_, every) => {
      const watched = watchedEventTypes(inspectorCharts());
      for (const spec of FIXTURES) {
        const events = await readLog(logPath(spec.name));
        const checkpoints = every === undefined ? undefined : new IntervalCheckpoints(every);
        const deriver = new ReplayDeriver(() => events, checkpoints, 8, watched);
        const truth = expected(events);
        for (const seq of order(events.length)) {
          const got = deriver.at(seq);
          const before = truth[seq - 1] as (typeof truth)[number];
          const after = truth[seq] as (typeof truth)[number];
          expect(got.after, `${spec.name}@${seq}`).toEqual(after.view);
          expect(got.before, `${spec.name}@${seq}`).toEqual(before.view);
          for (const label of Object.keys(SHOWN_FILES)) {
            expect(got.files[label]?.after, `${spec.name}@${seq} ${label}`).toBe(
              after.files[label],
            );
            expect(got.files[label]?.before, `${spec.name}@${seq} ${label}`).toBe(
              before.files[label],
            );
          }
          expect(got.error).toBeNull();
        }
      }
    },
  );

  it('adds up spend from agent.usage per session, wave and agent', async () => {
    const events = await readLog(logPath('happy-3-waves'));
    const deriver = new ReplayDeriver(() => events);
    const spend = deriver.at(events.length).spend;
    const usage = events.filter((e) => e.type === 'agent.usage');
    const total = usage.reduce(
      (s, e) => s + (e.type === 'agent.usage' ? (e.data.costUsd ?? 0) : 0),
      0,
    );
    expect(spend.session.costUsd).toBeCloseTo(total, 9);
    const perAgent = Object.values(spend.agents).reduce((s, a) => s + a.costUsd, 0);
    const perWave = Object.values(spend.waves).reduce((s, a) => s + a.costUsd, 0);
    expect(perAgent).toBeCloseTo(total, 9);
    expect(perWave).toBeCloseTo(total, 9);
    expect(spend.session.startTs).toBe(events[0]?.ts);
    expect(spend.session.endTs).toBe(events.at(-1)?.ts);
    const early = deriver.at(3).spend;
    expect(early.session.costUsd).toBe(0);
  });
});
