/**
 * The mission statechart of one plan item: brainstormed → validated → in-dev → testing →
 * completed, and back to brainstormed from anywhere past it (discarded, re-planned, rolled back).
 * The chart is the only definition of the legal edges: {@link MISSION_EDGES} is read off it, the
 * session asks {@link missionPath} before proposing a move, and replay of a log holding an
 * illegal one fails loudly. Its state value is the mission status; nothing else holds it.
 */
import { setup } from 'xstate';
import type { MissionStatus } from '../domain/status.js';

/** The verb of each move, by target status (the chart's event names). */
export const MISSION_VERBS = {
  validated: 'mission.validate',
  'in-dev': 'mission.start',
  testing: 'mission.test',
  completed: 'mission.complete',
  brainstormed: 'mission.reopen',
} as const satisfies Record<MissionStatus, string>;

/** An event of the mission machine (one per target status). */
export type MissionMachineEvent = { type: (typeof MISSION_VERBS)[MissionStatus] };

/** The mission machine. */
export const missionMachine = setup({
  types: {
    context: {} as { id: string },
    events: {} as MissionMachineEvent,
    input: {} as { id: string },
  },
}).createMachine({
  id: 'mission',
  initial: 'brainstormed',
  context: ({ input }) => ({ id: input.id }),
  states: {
    brainstormed: { on: { 'mission.validate': 'validated' } },
    validated: { on: { 'mission.start': 'in-dev', 'mission.reopen': 'brainstormed' } },
    'in-dev': { on: { 'mission.test': 'testing', 'mission.reopen': 'brainstormed' } },
    testing: { on: { 'mission.complete': 'completed', 'mission.reopen': 'brainstormed' } },
    completed: { on: { 'mission.reopen': 'brainstormed' } },
  },
});

function edgesOfChart(): Array<readonly [MissionStatus, MissionStatus]> {
  const edges: Array<readonly [MissionStatus, MissionStatus]> = [];
  for (const node of Object.values(missionMachine.root.states)) {
    for (const transitions of node.transitions.values()) {
      for (const t of transitions) {
        for (const target of t.target ?? []) {
          edges.push([node.key as MissionStatus, target.key as MissionStatus]);
        }
      }
    }
  }
  return edges;
}

/** Every legal mission edge, read off the chart. */
export const MISSION_EDGES: ReadonlyArray<readonly [MissionStatus, MissionStatus]> = edgesOfChart();

const legal = new Set(MISSION_EDGES.map(([a, b]) => `${a}>${b}`));

/**
 * The moves, from `from` through each of `targets` in turn, that are legal edges: a move that is
 * not legal from where the previous one left the mission is dropped (never proposed).
 */
export function missionPath(
  from: MissionStatus,
  targets: readonly MissionStatus[],
): Array<{ from: MissionStatus; to: MissionStatus }> {
  const out: Array<{ from: MissionStatus; to: MissionStatus }> = [];
  let at = from;
  for (const to of targets) {
    if (!legal.has(`${at}>${to}`)) continue;
    out.push({ from: at, to });
    at = to;
  }
  return out;
}
