/**
 * The statecharts the inspector draws: every machine exported by `src/machines`, read generically
 * (see {@link chartOf}), with the part of the coordinator's view each one explains.
 */
import { agentMachine } from '../../machines/agent.machine.js';
import { isEventType } from '../../events.js';
import { MISSION_VERBS, missionMachine } from '../../machines/mission.machine.js';
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

/**
 * Machine events the coordinator makes from a logged event instead of forwarding it (see
 * `Coordinator.apply`): a `mission.status_changed` becomes the mission verb of its target status,
 * and a `session.resumed` an `agent.lost` for each run in flight.
 */
const TRANSLATED: readonly (readonly [logged: string, machineEvents: readonly string[]])[] = [
  ['mission.status_changed', Object.values(MISSION_VERBS)],
  ['session.resumed', ['agent.lost']],
  // The coordinator's budget fold hands limits reached to the session (`budget.tripped`): usage
  // reaches token and dollar limits (a minutes limit can trip on any event, but a trip changes no
  // state, only what the session proposes).
  ['agent.usage', ['budget.tripped']],
];

/**
 * Logged event types that can change `coordinator.view()`: those a chart's transitions name
 * (directly or through {@link TRANSLATED}), and those a state handles without leaving it in a
 * machine that spawns actors or has eventless transitions (there a handler can add an instance or
 * enable an `always`; elsewhere it only folds context, e.g. an agent counting tool calls; the
 * machines send nothing to other actors). Null when some chart names an event that is neither
 * logged nor translated: then no event can be skipped.
 */
export function watchedEventTypes(charts: readonly ChartModel[]): Set<string> | null {
  const out = new Set<string>();
  let unknown = false;
  const watch = (event: string) => {
    if (event === 'always') return;
    if (isEventType(event)) out.add(event);
    const from = TRANSLATED.filter(([, made]) => made.includes(event));
    for (const [logged] of from) out.add(logged);
    if (!isEventType(event) && from.length === 0) unknown = true;
  };
  const walk = (s: ChartModel['root'], spawns: boolean) => {
    if (spawns) for (const h of s.handlers) watch(h);
    for (const c of s.children) walk(c, spawns);
  };
  for (const c of charts) {
    for (const e of c.edges) watch(e.event);
    walk(c.root, c.spawns || c.edges.some((e) => e.event === 'always'));
  }
  return unknown ? null : out;
}
