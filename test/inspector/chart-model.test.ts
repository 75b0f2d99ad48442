/**
 * The charts are read from machine definitions alone: a made-up machine with nested states, a
 * named guard, an eventless transition and a targetless handler comes out right, and the real
 * machines' charts name only states that exist.
 */
import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { chartOf, statePaths } from '../../src/adapters/inspector/chart-model.js';
import { layoutChart } from '../../src/adapters/inspector/chart-layout.js';
import { inspectorCharts, watchedEventTypes } from '../../src/adapters/inspector/machine-charts.js';

const made = setup({
  types: { events: {} as { type: 'go' } | { type: 'tick' } | { type: 'stop' } },
  guards: { isReady: () => true },
}).createMachine({
  id: 'made',
  initial: 'a',
  on: { stop: '.z' },
  states: {
    a: { on: { go: { target: 'b', guard: 'isReady' }, tick: { actions: [] } } },
    b: {
      initial: 'b1',
      states: { b1: { always: { target: 'b2' } }, b2: { type: 'final' } },
    },
    z: { type: 'final' },
    y: { tags: ['ended'] },
  },
});

describe('chartOf (generic reading of an XState v5 definition)', () => {
  it('reads nesting, named guards, eventless transitions, root transitions and handlers', () => {
    const chart = chartOf('made', made);
    expect(statePaths(chart)).toEqual(['', 'a', 'b', 'b.b1', 'b.b2', 'z', 'y']);
    const edges = chart.edges.map((e) => [e.source, e.event, e.guard, e.target]);
    expect(edges).toContainEqual(['a', 'go', 'isReady', 'b']);
    expect(edges).toContainEqual(['b.b1', 'always', null, 'b.b2']);
    expect(edges).toContainEqual(['', 'stop', null, 'z']);
    const a = chart.root.children.find((c) => c.key === 'a');
    expect(a?.handlers).toEqual(['tick']);
    expect(a?.initial).toBe(true);
    expect(chart.root.children.find((c) => c.key === 'z')?.type).toBe('final');
    const terminal = chart.root.children.filter((c) => c.terminal).map((c) => c.key);
    expect(terminal).toEqual(['z', 'y']);
    expect(chart.spawns).toBe(false);
  });

  it('lays every state out inside its parent, without overlaps between siblings', () => {
    const chart = chartOf('made', made);
    const { boxes } = layoutChart(chart);
    const b = boxes.b as { x: number; y: number; w: number; h: number };
    for (const child of ['b.b1', 'b.b2']) {
      const c = boxes[child] as typeof b;
      expect(c.x).toBeGreaterThanOrEqual(b.x);
      expect(c.y).toBeGreaterThanOrEqual(b.y);
      expect(c.x + c.w).toBeLessThanOrEqual(b.x + b.w);
      expect(c.y + c.h).toBeLessThanOrEqual(b.y + b.h);
    }
    const [p, q] = [boxes.a, boxes.z] as (typeof b)[];
    const overlap =
      p!.x < q!.x + q!.w && q!.x < p!.x + p!.w && p!.y < q!.y + q!.h && q!.y < p!.y + p!.h;
    expect(overlap).toBe(false);
  });

  it('draws each exported machine; every edge joins two drawn states', () => {
    const charts = inspectorCharts();
    expect(charts.map((c) => c.name)).toEqual(['session', 'wave', 'mission', 'agent']);
    for (const c of charts) {
      const paths = new Set(statePaths(c));
      expect(c.root.children.length).toBeGreaterThan(1);
      for (const e of c.edges) {
        expect(paths.has(e.source), `${c.name} ${e.source}`).toBe(true);
        expect(paths.has(e.target), `${c.name} ${e.target}`).toBe(true);
      }
      for (const p of paths) expect(c.layout.boxes[p], `${c.name} ${p}`).toBeDefined();
    }
    const session = charts[0] as (typeof charts)[number];
    const running = session.root.children.find((s) => s.key === 'running');
    expect(running?.children.map((s) => s.path)).toContain('running.waving');
    expect(session.edges).toContainEqual(
      expect.objectContaining({ source: 'running.waving', target: 'running.escalating' }),
    );
    const ends = (c: (typeof charts)[number]) =>
      statePaths(c).filter((p) => c.root.children.some((s) => s.path === p && s.terminal));
    expect(ends(session)).toEqual(['completed', 'aborted']);
    expect(ends(charts[3] as (typeof charts)[number])).toContain('failed');
    const watched = watchedEventTypes(charts);
    expect(watched).not.toBeNull();
    expect(watched?.has('agent.finished')).toBe(true);
    // The coordinator turns this logged event into the mission chart's verbs.
    expect(watched?.has('mission.status_changed')).toBe(true);
    // Counted by the agent chart without leaving its state: it changes no view.
    expect(watched?.has('agent.tool_called')).toBe(false);
    expect(watched?.has('always')).toBe(false);
  });
});
