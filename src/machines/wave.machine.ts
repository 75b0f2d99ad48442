/**
 * The wave statechart. Its states are the wave's lifecycle:
 *
 *   contract-lock task alone first (lockRound) → askingLock when it did not end done
 *   → mainRound (the rest) → redispatching (once, for runs that never started)
 *   → inspecting (the on-disk change set) → gating ⇄ fixing (bounded auto-fix) → done | blocked
 *
 * Every transition has a logged event, a target and named guards; entry actions of a round state
 * begin the round and propose its dispatches. Folds (`wave.context.ts`) and decisions
 * (`wave.decide.ts`, `wave.review.ts`) are separate named actions: a decision reads the context
 * and emits `intent` actions, nothing more. A wave with no tasks never gets here: the session
 * records it as skipped.
 */
import { assertEvent, assign, enqueueActions, setup } from 'xstate';
import type { DomainEvent } from '../events.js';
import { agentMachine } from './agent.machine.js';
import type { Intent } from './intents.js';
import { emitIntents } from './emit-intents.js';
import {
  initialWaveContext,
  recordDispatch,
  recordFailure,
  roundId,
  type WaveContext,
  type WaveInput,
} from './wave.context.js';
import {
  abortAtLock,
  askContractLock,
  dispatchFix,
  dispatchRound,
  lockDecisionId,
  lockTaskOf,
  lostRuns,
  maxRetriesOf,
  neverStarted,
  proposeExhausted,
  proposeGate,
  proposeInspection,
  proposePass,
  redispatchLost,
  undispatched,
  completeWave,
} from './wave.decide.js';
import { reviewWave } from './wave.review.js';
import { outcomeOf, type AgentRef } from './wave.logic.js';

/** Events a wave machine acts on. */
export type WaveMachineEvent = Extract<
  DomainEvent,
  {
    type:
      | 'agent.dispatched'
      | 'agent.finished'
      | 'agent.crashed'
      | 'agent.timed_out'
      | 'wave.inspected'
      | 'gate.started'
      | 'gate.passed'
      | 'gate.failed'
      | 'decision.made'
      | 'session.resumed';
  }
>;

/** The wave machine. Its `intent` actions carry {@link Intent} params. */
export const waveMachine = setup({
  types: {
    context: {} as WaveContext,
    events: {} as WaveMachineEvent,
    input: {} as WaveInput,
  },
  actors: { agent: agentMachine },
  guards: {
    /** The plan names a contract-lock task and the wave has others waiting on it. */
    contractLockFirst: ({ context }) => lockTaskOf(context) !== undefined,
    /** A run of the current round is still queued or running. */
    roundOpen: ({ context }) =>
      context.agents.some((a) => a.round === roundId(context) && outcomeOf(a) === null),
    /** The contract-lock task's run ended done. */
    lockTaskDone: ({ context }) => {
      const lock = context.agents[context.agents.length - 1];
      return lock !== undefined && outcomeOf(lock) === 'done';
    },
    /** Some task of the wave has no run that ever started. */
    someNeverStarted: ({ context }) => neverStarted(context).length > 0,
    /** The answer to this wave's contract-lock question is to go on. */
    proceedAfterLock: ({ context, event }) =>
      event.type === 'decision.made' &&
      event.data.id === lockDecisionId(context) &&
      event.data.answer === 'proceed',
    /** The answer to this wave's contract-lock question is anything but go on. */
    stopAfterLock: ({ context, event }) =>
      event.type === 'decision.made' && event.data.id === lockDecisionId(context),
    /** The resumed coordinator found none of this wave's runs in flight. */
    nothingLostHere: ({ context, event }) =>
      event.type === 'session.resumed' && lostRuns(context, event).length === 0,
    /** Runs lost at a crash are re-dispatched (else they count as crashed). */
    redispatchPolicy: ({ event }) =>
      event.type === 'session.resumed' && event.data.policy === 'redispatch',
    /** The wave has no quality gate to run. */
    noGates: ({ context }) => context.gates.length === 0,
    /** The gate result is not of the attempt in progress (a late one). */
    staleAttempt: ({ context, event }) =>
      (event.type === 'gate.passed' || event.type === 'gate.failed') &&
      event.data.attempt !== context.gateAttempt,
    /** Auto-fix may take another round. */
    retriesLeft: ({ context }) => context.gateAttempt <= maxRetriesOf(context),
  },
  actions: {
    intent: (_: unknown, _params: Intent) => undefined,
    beginRound: assign(({ context }) => {
      context.round += 1;
      return {};
    }),
    recordDispatch: assign(({ context, event, spawn }) => {
      assertEvent(event, 'agent.dispatched');
      const { agentId, taskId, wave, maxTurns } = event.data;
      const ref = spawn('agent', {
        id: agentId,
        systemId: agentId,
        input: { agentId, taskId, wave, maxTurns, supervision: context.supervision },
      }) as AgentRef;
      recordDispatch(context, event, ref);
      return {};
    }),
    recordGateStart: assign(({ context, event }) => {
      assertEvent(event, 'gate.started');
      context.gateAttempt = Math.max(context.gateAttempt, event.data.attempt);
      return {};
    }),
    recordFailure: assign(({ context, event }) => {
      assertEvent(event, 'gate.failed');
      recordFailure(context, event);
      return {};
    }),
    recordChangeSet: assign(({ context, event }) => {
      assertEvent(event, 'wave.inspected');
      context.waveFiles = reviewWave(context, event).files;
      return {};
    }),
    dispatchLockTask: enqueueActions(({ context, enqueue }) => {
      emitIntents(enqueue, dispatchRound(context, [lockTaskOf(context)!]));
    }),
    dispatchRest: enqueueActions(({ context, enqueue }) => {
      emitIntents(enqueue, dispatchRound(context, undispatched(context)));
    }),
    dispatchMissing: enqueueActions(({ context, enqueue }) => {
      emitIntents(enqueue, dispatchRound(context, neverStarted(context), true));
    }),
    dispatchFix: enqueueActions(({ context, enqueue }) => {
      emitIntents(enqueue, dispatchFix(context));
    }),
    redispatchLost: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'session.resumed');
      emitIntents(enqueue, redispatchLost(context, event));
    }),
    askContractLock: enqueueActions(({ context, enqueue }) => {
      emitIntents(enqueue, askContractLock(context));
    }),
    abortAtLock: enqueueActions(({ context, enqueue }) => {
      emitIntents(enqueue, abortAtLock(context));
    }),
    proposeInspection: enqueueActions(({ context, enqueue }) => {
      emitIntents(enqueue, proposeInspection(context));
    }),
    proposeReview: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'wave.inspected');
      emitIntents(enqueue, reviewWave(context, event).intents);
    }),
    completeUngated: enqueueActions(({ context, enqueue }) => {
      emitIntents(enqueue, [completeWave(context, 'skip')]);
    }),
    proposeGate: enqueueActions(({ context, enqueue }) => {
      emitIntents(enqueue, proposeGate(context));
    }),
    proposePass: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'gate.passed');
      emitIntents(enqueue, proposePass(context, event));
    }),
    proposeExhausted: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'gate.failed');
      emitIntents(enqueue, proposeExhausted(context, event));
    }),
  },
}).createMachine({
  id: 'wave',
  initial: 'dispatching',
  context: ({ input }) => initialWaveContext(input),
  on: {
    'agent.dispatched': { actions: 'recordDispatch' },
  },
  states: {
    dispatching: {
      always: [{ guard: 'contractLockFirst', target: 'lockRound' }, { target: 'mainRound' }],
    },
    lockRound: {
      entry: ['beginRound', 'dispatchLockTask'],
      on: {
        ...onRunEnded([{ guard: 'lockTaskDone', target: 'mainRound' }, { target: 'askingLock' }]),
        'session.resumed': onResumed([
          { guard: 'lockTaskDone', target: 'mainRound' },
          { target: 'askingLock' },
        ]),
      },
    },
    askingLock: {
      entry: 'askContractLock',
      on: {
        'decision.made': [
          { guard: 'proceedAfterLock', target: 'mainRound' },
          { guard: 'stopAfterLock', target: 'blocked', actions: 'abortAtLock' },
        ],
      },
    },
    mainRound: {
      entry: ['beginRound', 'dispatchRest'],
      on: {
        ...onRunEnded([
          { guard: 'someNeverStarted', target: 'redispatching' },
          { target: 'inspecting' },
        ]),
        'session.resumed': onResumed([
          { guard: 'someNeverStarted', target: 'redispatching' },
          { target: 'inspecting' },
        ]),
      },
    },
    redispatching: {
      entry: ['beginRound', 'dispatchMissing'],
      on: {
        ...onRunEnded([{ target: 'inspecting' }]),
        'session.resumed': onResumed([{ target: 'inspecting' }]),
      },
    },
    inspecting: {
      entry: 'proposeInspection',
      on: {
        'wave.inspected': [
          {
            guard: 'noGates',
            target: 'done',
            actions: ['recordChangeSet', 'proposeReview', 'completeUngated'],
          },
          { target: 'gating', actions: ['recordChangeSet', 'proposeReview'] },
        ],
      },
    },
    gating: {
      entry: 'proposeGate',
      on: {
        'gate.started': { actions: 'recordGateStart' },
        'gate.passed': [{ guard: 'staleAttempt' }, { target: 'done', actions: 'proposePass' }],
        'gate.failed': [
          { guard: 'staleAttempt' },
          { guard: 'retriesLeft', target: 'fixing', actions: 'recordFailure' },
          { target: 'blocked', actions: ['recordFailure', 'proposeExhausted'] },
        ],
      },
    },
    fixing: {
      entry: ['beginRound', 'dispatchFix'],
      on: {
        ...onRunEnded([{ target: 'gating' }]),
        'session.resumed': onResumed([{ target: 'gating' }]),
      },
    },
    // Terminal, but not `final`: a final wave would stop its agents one children-copy at a time.
    done: { tags: ['ended'] },
    blocked: { tags: ['ended'] },
  },
});

/** One way out of a round, in the chart's own names (checked against `setup`). */
type Branch = {
  readonly guard?: 'lockTaskDone' | 'someNeverStarted';
  readonly target: 'mainRound' | 'askingLock' | 'redispatching' | 'inspecting' | 'gating';
};

/** A run's end: nothing while the round is open, else the round's way out. */
function onRunEnded(whenOver: readonly Branch[]) {
  const branches = [{ guard: 'roundOpen' as const }, ...whenOver];
  return { 'agent.finished': branches, 'agent.crashed': branches, 'agent.timed_out': branches };
}

/**
 * A resumed coordinator: nothing when none of this wave's runs were in flight; re-dispatch them
 * exactly as they were; or (report-lost) they count as crashed and the round is over.
 */
function onResumed(whenOver: readonly Branch[]) {
  return [
    { guard: 'nothingLostHere' },
    { guard: 'redispatchPolicy', actions: ['beginRound', 'redispatchLost'] },
    ...whenOver,
  ] as const;
}
