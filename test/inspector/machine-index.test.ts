/**
 * The machine index answers the coordinator's view as of any event from view copies and deltas,
 * equal to a plain replay, including across copies and for events no chart names.
 */
import { describe, expect, it } from 'vitest';
import { Coordinator } from '../../src/machines/coordinator.js';
import { MachineIndex } from '../../src/adapters/inspector/machine-index.js';
import { inspectorCharts, watchedEventTypes } from '../../src/adapters/inspector/machine-charts.js';
import { FIXTURES } from '../support/fixture-catalogue.js';
import { logPath, readLog } from '../replay/fixture-files.js';

describe('MachineIndex', () => {
  it('gives the view after every event, whichever way it is asked', async () => {
    const watched = watchedEventTypes(inspectorCharts());
    for (const spec of FIXTURES) {
      const events = await readLog(logPath(spec.name));
      const plain = new Coordinator();
      const views = [plain.view()];
      for (const e of events) {
        plain.apply(e);
        views.push(plain.view());
      }
      for (const every of [1, 7, 16, 512]) {
        const index = new MachineIndex(watched, every);
        for (const e of events) index.apply(e);
        expect(index.error).toBeNull();
        for (let seq = events.length; seq >= 0; seq--) {
          expect(index.viewAt(seq), `${spec.name}@${seq}/${every}`).toEqual(views[seq]);
        }
      }
    }
  });

  it('records a machine error with its seq and keeps indexing', async () => {
    const events = await readLog(logPath('happy-3-waves'));
    const bad = events.map((e) =>
      e.type === 'mission.status_changed' &&
      e.seq === events.find((x) => x.type === 'mission.status_changed')?.seq
        ? { ...e, data: { ...e.data, id: 'm-nope' } }
        : e,
    );
    const index = new MachineIndex();
    for (const e of bad) index.apply(e);
    expect(index.error?.message).toContain('m-nope');
    expect(index.seq).toBe(events.length);
  });
});
