/**
 * The statecharts the inspector draws: every machine exported by `src/machines`, read generically
 * (see {@link chartOf}), with the part of the coordinator's view each one explains.
 */
import { agentMachine } from '../../machines/agent.machine.js';
import { missionMachine } from '../../machines/mission.machine.js';
import { sessionMachine } from '../../machines/session.machine.js';
import { waveMachine } from '../../machines/wave.machine.js';
import { chartOf, type ChartModel } from './chart-model.js';
import { layoutChart, type ChartLayout } from './chart-layout.js';

/** A chart with its layout and the key of `CoordinatorView` holding its instances' states. */
export interface InspectorChart extends ChartModel {
  layout: ChartLayout;
  /** `session` and `wave` hold one instance; `missions` and `agents` one per id. */
  viewKey: 'session' | 'wave' | 'missions' | 'agents';
}

/** Reads every chart. */
export function inspectorCharts(): InspectorChart[] {
  const list = [
    ['session', sessionMachine, 'session'],
    ['wave', waveMachine, 'wave'],
    ['mission', missionMachine, 'missions'],
    ['agent', agentMachine, 'agents'],
  ] as const;
  return list.map(([name, machine, viewKey]) => {
    const chart = chartOf(name, machine as never);
    return { ...chart, layout: layoutChart(chart), viewKey };
  });
}

/** Event types some chart acts on (its transitions and handlers name them). */
export function watchedEventTypes(charts: readonly ChartModel[]): Set<string> {
  const out = new Set<string>();
  const walk = (s: ChartModel['root']) => {
    for (const h of s.handlers) out.add(h);
    for (const c of s.children) walk(c);
  };
  for (const c of charts) {
    for (const e of c.edges) out.add(e.event);
    walk(c.root);
  }
  return out;
}
