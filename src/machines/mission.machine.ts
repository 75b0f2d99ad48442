/**
 * The mission statechart of one plan item: brainstormed → validated → in-dev → testing →
 * completed, and any → brainstormed (discarded, re-planned, rolled back). Only these edges exist,
 * so an illegal transition cannot happen: the coordinator asks `can()` before proposing one, and
 * replay of a log holding an illegal one fails loudly.
 */
import { setup } from 'xstate';
import type { MissionStatus } from '../domain/status.js';

/** The event the mission machine accepts (the data of mission.status_changed). */
export interface MissionMachineEvent {
  type: 'mission.status_changed';
  to: MissionStatus;
}

const to = (status: MissionStatus) => ({
  guard: ({ event }: { event: MissionMachineEvent }) => event.to === status,
  target: status,
});

const backToBrainstormed = to('brainstormed');

/** The mission machine; its state value is the mission status. */
export const missionMachine = setup({
  types: { events: {} as MissionMachineEvent, input: {} as { id: string } },
}).createMachine({
  id: 'mission',
  initial: 'brainstormed',
  states: {
    brainstormed: { on: { 'mission.status_changed': [to('validated')] } },
    validated: { on: { 'mission.status_changed': [to('in-dev'), backToBrainstormed] } },
    'in-dev': { on: { 'mission.status_changed': [to('testing'), backToBrainstormed] } },
    testing: { on: { 'mission.status_changed': [to('completed'), backToBrainstormed] } },
    completed: { on: { 'mission.status_changed': [backToBrainstormed] } },
  },
});

/** Every legal mission edge, for documentation and tests. */
export const MISSION_EDGES: ReadonlyArray<readonly [MissionStatus, MissionStatus]> = [
  ['brainstormed', 'validated'],
  ['validated', 'in-dev'],
  ['in-dev', 'testing'],
  ['testing', 'completed'],
  ['validated', 'brainstormed'],
  ['in-dev', 'brainstormed'],
  ['testing', 'brainstormed'],
  ['completed', 'brainstormed'],
];
