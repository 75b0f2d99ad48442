/**
 * The session statechart: idle → planning → approving → running (waves in order) → completed |
 * aborted. Driven only by logged events; its `intent` actions propose the next events and effects
 * (see `session.reducer.ts` for the decisions).
 */
import { setup } from 'xstate';
import { reducerStep, stepTo, type StepHandler } from './reducer-step.js';
import type { DomainEvent } from '../events.js';
import type { Intent } from './intents.js';
import {
  initialSessionContext,
  onAgentDispatched,
  onApproved,
  onDecision,
  onGateExhausted,
  onInspected,
  onPlanned,
  onStarted,
  onReviewed,
  onWaveEnded,
  onWaveStarted,
  type SessionContext,
} from './session.reducer.js';

/** Event types the session machine acts on. */
export const SESSION_EVENT_TYPES: ReadonlySet<string> = new Set([
  'session.started',
  'session.planned',
  'session.approved',
  'session.completed',
  'session.aborted',
  'decision.made',
  'agent.dispatched',
  'wave.started',
  'wave.reviewed',
  'wave.inspected',
  'wave.completed',
  'wave.skipped',
  'gate.exhausted',
]);

/** Events routed to the session machine. */
export type SessionMachineEvent = DomainEvent;

type Handler = StepHandler;
const handlers = {
  started: onStarted as Handler,
  planned: onPlanned as Handler,
  decision: onDecision as Handler,
  approved: onApproved as Handler,
  dispatched: onAgentDispatched as Handler,
  waveStarted: onWaveStarted as Handler,
  reviewed: onReviewed as Handler,
  inspected: onInspected as Handler,
  waveEnded: onWaveEnded as Handler,
  exhausted: onGateExhausted as Handler,
};
type HandlerName = keyof typeof handlers;
const step = (handler: HandlerName) => stepTo(handler);

/** The session machine. */
export const sessionMachine = setup({
  types: { context: {} as SessionContext, events: {} as SessionMachineEvent },
  actions: {
    intent: (_: unknown, _params: Intent) => undefined,
    step: reducerStep(handlers),
  },
}).createMachine({
  id: 'session',
  initial: 'idle',
  context: () => initialSessionContext(),
  on: {
    'session.aborted': '.aborted',
  },
  states: {
    idle: { on: { 'session.started': { target: 'planning', actions: step('started') } } },
    planning: { on: { 'session.planned': { target: 'approving', actions: step('planned') } } },
    approving: {
      on: {
        'decision.made': { actions: step('decision') },
        'session.approved': { target: 'running', actions: step('approved') },
      },
    },
    running: {
      on: {
        'decision.made': { actions: step('decision') },
        'agent.dispatched': { actions: step('dispatched') },
        'wave.started': { actions: step('waveStarted') },
        'wave.reviewed': { actions: step('reviewed') },
        'wave.inspected': { actions: step('inspected') },
        'wave.completed': { actions: step('waveEnded') },
        'wave.skipped': { actions: step('waveEnded') },
        'gate.exhausted': { actions: step('exhausted') },
        'session.completed': 'completed',
      },
    },
    completed: { type: 'final' },
    aborted: { type: 'final' },
  },
});
