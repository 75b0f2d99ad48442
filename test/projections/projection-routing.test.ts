import { describe, expect, it } from 'vitest';
import { eventCatalog, type DomainEvent } from '../../src/events.js';
import { allProjections } from '../../src/projections/all.projections.js';
import type { Projection } from '../../src/projections/projection.js';
import { Projector } from '../../src/projections/projector.js';
import { committedLogNames, logPath, readLog, ROOT } from '../replay/fixture-files.js';

const logs = [
  ...committedLogNames().map(logPath),
  `${ROOT}/test/fixtures/recorded/demo-killed-and-resumed/log.jsonl`,
];

/** Renders `projection` after folding every event into it, ignoring what it says it handles. */
function renderUnrouted(projection: Projection<unknown>, events: readonly DomainEvent[]) {
  let view = projection.init();
  const renders: string[] = [];
  for (const e of events) {
    view = projection.evolve(view, e);
    renders.push(JSON.stringify(projection.render(view)));
  }
  return renders;
}

describe('projections say which events they handle', () => {
  it('name only event types of the catalogue, each once, and carry a positive integer version', () => {
    for (const p of allProjections()) {
      for (const type of p.handles) expect(Object.keys(eventCatalog), p.name).toContain(type);
      expect(new Set(p.handles).size, p.name).toBe(p.handles.length);
      expect(Number.isInteger(p.version) && p.version > 0, p.name).toBe(true);
    }
  });

  it.each(logs)(
    'given the recorded log %s, when each projection gets only the events it handles, then it renders what it renders from every event, after every event',
    async (file) => {
      const events = await readLog(file);
      for (const projection of allProjections()) {
        const projector = new Projector([projection]);
        const routed: string[] = [];
        for (const e of events) {
          projector.evolve(e);
          routed.push(JSON.stringify(projector.render()));
        }
        expect(routed, projection.name).toEqual(renderUnrouted(projection, events));
      }
    },
  );

  it('given a projection that handles one type, when other events arrive, then its evolve is never called for them', () => {
    const seen: string[] = [];
    const counter: Projection<number> = {
      name: 'counter',
      version: 1,
      handles: ['heartbeat.recorded', 'heartbeat.recorded'],
      init: () => 0,
      evolve: (n, e) => {
        seen.push(e.type);
        return n + 1;
      },
      render: (n) => [{ kind: 'file', path: 'n.txt', content: String(n) }],
    };
    const projector = new Projector([counter]);
    const base = { v: 1, ts: '2026-11-24T09:00:00.000Z', session: 's' };
    projector.evolve({ ...base, seq: 1, type: 'heartbeat.recorded', data: {} });
    projector.evolve({
      ...base,
      seq: 2,
      type: 'log.truncated',
      data: { file: 'f', line: 1, bytes: 1 },
    });
    projector.evolve({ ...base, seq: 3, type: 'heartbeat.recorded', data: {} });
    expect(seen).toEqual(['heartbeat.recorded', 'heartbeat.recorded']);
    expect(projector.render()).toEqual([{ kind: 'file', path: 'n.txt', content: '2' }]);
  });
});
