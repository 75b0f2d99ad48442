import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../src/events.js';
import { parseStateMd, serializeStateMd } from '../../../src/formats/frontmatter.codec.js';
import { stateMdProjection } from '../../../src/projections/state-md/state-md.projection.js';
import { parseMissionStatus, readMissionStatus } from '../../../src/formats/state-md.readers.js';
import { eventStamper, planData, startedData } from './state-md.events.js';

describe('STATE.md projection at 10,000 tasks', () => {
  it('folds 2 transitions per task, renders coalesced, and matches a fold from scratch', () => {
    const ev = eventStamper();
    const n = 10_000;
    const tasks = Array.from({ length: n }, (_, i): [string, string] => [
      `t-${i}`,
      `Task number ${i}`,
    ]);
    const events: DomainEvent[] = [
      ev('session.started', startedData()),
      ev('session.planned', planData([{ role: 'Impl-Core', tasks }])),
    ];
    for (const to of ['in-dev', 'completed'] as const) {
      for (let i = 0; i < n; i++) {
        events.push(ev('mission.status_changed', { id: `t-${i}`, from: null, to, reason: 'x' }));
      }
    }
    const fold = (upTo: number): string => {
      let v = stateMdProjection.init();
      for (let i = 0; i < upTo; i++) v = stateMdProjection.evolve(v, events[i] as DomainEvent);
      return (stateMdProjection.render(v)[0] as { content: string }).content;
    };
    // Live: render coalesced once per 1,000 events (memoised blocks are reused and invalidated).
    let live = stateMdProjection.init();
    const snapshots = new Map<number, string>();
    events.forEach((e, i) => {
      live = stateMdProjection.evolve(live, e);
      if (i % 1000 === 999) {
        snapshots.set(i + 1, (stateMdProjection.render(live)[0] as { content: string }).content);
      }
    });
    const final = (stateMdProjection.render(live)[0] as { content: string }).content;
    expect(final).toBe(fold(events.length));
    expect(snapshots.get(15_000)).toBe(fold(15_000));
    const doc = parseStateMd(final)!;
    expect(serializeStateMd(doc)).toBe(final);
    const ms = parseMissionStatus(doc.frontmatter)!;
    expect(ms).toHaveLength(n);
    expect(ms.every((m) => m.status === 'completed')).toBe(true);
    expect(ms[4321]).toEqual({
      id: 't-4321',
      task: 'Task number 4321',
      wave: 1,
      status: 'completed',
    });
    expect(readMissionStatus(final, 't-9999')).toBe('completed');
  });
});
