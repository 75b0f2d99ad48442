/**
 * The agent statechart: queued → running → done | partial | failed | spiral | stagnant | crashed |
 * timed_out (or lost, when a crashed coordinator handed it over to a re-dispatch). Driven only by
 * logged agent events.
 */
import { assign, setup } from 'xstate';
import type { EventOf } from '../events.js';

/** Events the agent machine accepts. */
export type AgentMachineEvent =
  | EventOf<'agent.started'>
  | EventOf<'agent.finished'>
  | EventOf<'agent.crashed'>
  | EventOf<'agent.timed_out'>
  | { type: 'agent.lost' };

/** Context of one agent run. */
export interface AgentContext {
  agentId: string;
  taskId: string;
  wave: number;
  pid: number | null;
}

const terminal = { type: 'final' as const };

/** The agent machine. Input: the agent.dispatched data. */
export const agentMachine = setup({
  types: {
    context: {} as AgentContext,
    events: {} as AgentMachineEvent,
    input: {} as { agentId: string; taskId: string; wave: number },
  },
}).createMachine({
  id: 'agent',
  initial: 'queued',
  context: ({ input }) => ({ ...input, pid: null }),
  states: {
    queued: {
      on: {
        'agent.started': {
          target: 'running',
          actions: assign({ pid: ({ event }) => event.data.pid }),
        },
        // A process that cannot even start (spawn error) ends as crashed from the queue.
        'agent.crashed': 'crashed',
        'agent.timed_out': 'timed_out',
        'agent.lost': 'lost',
      },
    },
    running: {
      on: {
        'agent.finished': [
          { guard: ({ event }) => event.data.status === 'done', target: 'done' },
          { guard: ({ event }) => event.data.status === 'partial', target: 'partial' },
          { guard: ({ event }) => event.data.status === 'spiral', target: 'spiral' },
          { guard: ({ event }) => event.data.status === 'stagnant', target: 'stagnant' },
          { guard: ({ event }) => event.data.status === 'crashed', target: 'crashed' },
          { guard: ({ event }) => event.data.status === 'timed_out', target: 'timed_out' },
          { target: 'failed' },
        ],
        'agent.crashed': 'crashed',
        'agent.timed_out': 'timed_out',
        'agent.lost': 'lost',
      },
    },
    done: terminal,
    partial: terminal,
    failed: terminal,
    spiral: terminal,
    stagnant: terminal,
    crashed: terminal,
    timed_out: terminal,
    lost: terminal,
  },
});
