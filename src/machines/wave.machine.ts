/**
 * The wave statechart: dispatching (contract-lock task first, then the rest, then one
 * re-dispatch of agents that never started) → inspecting (on-disk change set) → review →
 * gating ⇄ fixing (bounded auto-fix) → done | blocked. A wave with no tasks never gets here: the
 * session machine records it as skipped.
 *
 * Each state folds the events it acts on through the pure handlers of `wave.dispatch.ts` and
 * `wave.review.ts` (which mutate the machine's own context) and emits the resulting intents as
 * `intent` actions with params.
 */
import { setup } from 'xstate';
import { reducerStep, stepTo, type StepHandler } from './reducer-step.js';
import type { DomainEvent } from '../events.js';
import type { Intent } from './intents.js';
import { initialWaveContext, type WaveContext, type WaveInput } from './wave.context.js';
import {
  onDecision,
  onDispatched,
  onResumed,
  onStarted,
  onTerminal,
  startWave,
} from './wave.dispatch.js';
import { onGate, onInspected } from './wave.review.js';

/** Events routed to a wave machine. */
export type WaveMachineEvent = Extract<
  DomainEvent,
  {
    type:
      | 'agent.dispatched'
      | 'agent.started'
      | 'agent.finished'
      | 'agent.crashed'
      | 'agent.timed_out'
      | 'wave.inspected'
      | 'gate.passed'
      | 'gate.failed'
      | 'decision.made'
      | 'session.resumed';
  }
>;

type Handler = StepHandler;

const handlers = {
  start: ((draft: WaveContext) =>
    draft.agents.length === 0 ? startWave(draft as never) : []) as Handler,
  dispatched: onDispatched as Handler,
  started: onStarted as Handler,
  terminal: onTerminal as Handler,
  resumed: onResumed as Handler,
  decision: onDecision as Handler,
  inspected: onInspected as Handler,
  gate: onGate as Handler,
};
type HandlerName = keyof typeof handlers;

const step = (handler: HandlerName) => stepTo(handler);

const agentEvents = {
  'agent.dispatched': { actions: step('dispatched') },
  'agent.started': { actions: step('started') },
  'agent.finished': { actions: step('terminal') },
  'agent.crashed': { actions: step('terminal') },
  'agent.timed_out': { actions: step('terminal') },
  'session.resumed': { actions: step('resumed') },
};

type Guarded = { guard: (a: { context: WaveContext }) => boolean; target: string };
const phases: WaveContext['phase'][] = [
  'dispatching',
  'deciding',
  'inspecting',
  'gating',
  'fixing',
  'done',
  'blocked',
];
const elsewhere = (phase: WaveContext['phase']): Guarded[] =>
  phases
    .filter((p) => p !== phase)
    .map((p) => ({ guard: ({ context }) => context.phase === p, target: `#wave.${p}` }));

/** The wave machine. Its `intent` actions carry {@link Intent} params. */
export const waveMachine = setup({
  types: {
    context: {} as WaveContext,
    events: {} as WaveMachineEvent,
    input: {} as WaveInput,
  },
  actions: {
    intent: (_: unknown, _params: Intent) => undefined,
    step: reducerStep(handlers),
  },
}).createMachine({
  id: 'wave',
  initial: 'dispatching',
  context: ({ input }) => initialWaveContext(input),
  states: {
    dispatching: {
      entry: step('start'),
      on: agentEvents,
      always: elsewhere('dispatching'),
    },
    deciding: {
      on: { 'decision.made': { actions: step('decision') }, ...agentEvents },
      always: elsewhere('deciding'),
    },
    inspecting: {
      on: { 'wave.inspected': { actions: step('inspected') } },
      always: elsewhere('inspecting'),
    },
    gating: {
      on: {
        'gate.passed': { actions: step('gate') },
        'gate.failed': { actions: step('gate') },
      },
      always: elsewhere('gating'),
    },
    fixing: { on: agentEvents, always: elsewhere('fixing') },
    done: { type: 'final' },
    blocked: { type: 'final' },
  },
});

/** Types of events a wave machine acts on (for routing). */
export const WAVE_EVENT_TYPES: ReadonlySet<string> = new Set<WaveMachineEvent['type']>([
  'agent.dispatched',
  'agent.started',
  'agent.finished',
  'agent.crashed',
  'agent.timed_out',
  'wave.inspected',
  'gate.passed',
  'gate.failed',
  'decision.made',
  'session.resumed',
]);
