/**
 * The wave statechart. Its states are the wave's lifecycle: snapshotting (the wave's base) →
 * isolating (worktrees) | lockRound (contract-lock task alone first) → askingLock when it did not
 * end done → mainRound → merging (worktrees back) → redispatching (once, for runs that never
 * started) → inspecting (out-of-scope and spiralled files go back to the base: reverting →
 * reinspecting) → gating ⇄ fixing (bounded auto-fix), or askingBaseline when the failure predates
 * the session → committing (auto-commit) → done | blocked.
 *
 * Every transition has a logged event, a target and named guards (`wave.guards.ts`); entry
 * actions of a round state begin the round and propose its dispatches. Folds (`wave.folds.ts`)
 * and decisions (`wave.decide.ts`, `wave.gate.ts`, `wave.rails.ts`, `wave.worktrees.ts`,
 * `wave.review.ts`) are separate named actions: a decision reads the context and emits `intent`
 * actions, nothing more. A wave with no tasks never gets here: the session skips it.
 */
import { and, assertEvent, assign, enqueueActions, setup } from 'xstate';
import { agentMachine } from './agent.machine.js';
import type { Intent } from './intents.js';
import { emitIntents, fromContext } from './emit-intents.js';
import {
  initialWaveContext,
  recordDispatch,
  type WaveContext,
  type WaveInput,
  type WaveMachineEvent,
} from './wave.context.js';
import {
  abortAtLock,
  askContractLock,
  dispatchRound,
  lockTaskOf,
  neverStarted,
  proposeInspection,
  proposeReinspection,
  redispatchLost,
  undispatched,
} from './wave.decide.js';
import {
  abortAtBaseline,
  askBaseline,
  completeRed,
  completeWave,
  dispatchFix,
  proposeAutoCommit,
  proposeExhausted,
  proposeExhaustedLast,
  proposeGate,
  proposePass,
} from './wave.gate.js';
import { waveGuards } from './wave.guards.js';
import { foldWaveFact } from './wave.folds.js';
import { proposeCleanup, proposeMerge, proposeWorktrees } from './wave.worktrees.js';
import {
  AFTER_LOCK,
  AFTER_MAIN,
  afterInspection,
  afterRemoval,
  onWorktreeReport,
  onResumed,
  onRunEnded,
} from './wave.transitions.js';
import { proposeRails, proposeSnapshot, railsCheck } from './wave.rails.js';
import { reviewWave } from './wave.review.js';
import type { AgentRef } from './wave.logic.js';

/**
 * Every `record…` action of the chart: the fold of the fact at hand (`wave.folds.ts`), in place.
 * Not an `assign`: assign copies the whole context and the snapshot for every action, which the
 * in-place folds do not need (measured: a tenth of a 1,000-agent session's time).
 */
const fold = ({ context, event }: { context: WaveContext; event: WaveMachineEvent }): void =>
  foldWaveFact(context, event);

/** The wave machine. Its `intent` actions carry {@link Intent} params. */
export const waveMachine = setup({
  types: {
    context: {} as WaveContext,
    events: {} as WaveMachineEvent,
    input: {} as WaveInput,
  },
  actors: { agent: agentMachine },
  guards: waveGuards,
  actions: {
    intent: (_: unknown, _params: Intent) => undefined,
    beginRound: enqueueActions(({ context }) => {
      context.round += 1;
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
    recordGateStart: enqueueActions(fold),
    recordFailure: enqueueActions(fold),
    recordBase: enqueueActions(fold),
    recordViolation: enqueueActions(fold),
    recordRevert: enqueueActions(fold),
    recordOverBudget: enqueueActions(fold),
    recordWorktree: enqueueActions(fold),
    recordMerge: enqueueActions(fold),
    recordRemoval: enqueueActions(fold),
    recordStaleBase: enqueueActions(fold),
    recordResume: enqueueActions(fold),
    recordPass: enqueueActions(fold),
    recordChangeSet: enqueueActions(fold),
    dispatchLockTask: enqueueActions(({ context, enqueue }) => {
      emitIntents(enqueue, dispatchRound(context, [lockTaskOf(context)!]));
    }),
    dispatchRest: enqueueActions(({ context, enqueue }) => {
      emitIntents(enqueue, dispatchRound(context, undispatched(context)));
    }),
    dispatchMissing: enqueueActions(({ context, enqueue }) => {
      emitIntents(enqueue, dispatchRound(context, neverStarted(context), true));
    }),
    dispatchFix: enqueueActions(fromContext(dispatchFix)),
    redispatchLost: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'session.resumed');
      emitIntents(enqueue, redispatchLost(context, event));
    }),
    askContractLock: enqueueActions(fromContext(askContractLock)),
    abortAtLock: enqueueActions(fromContext(abortAtLock)),
    proposeSnapshot: enqueueActions(fromContext(proposeSnapshot)),
    proposeWorktrees: enqueueActions(fromContext(proposeWorktrees)),
    proposeMerge: enqueueActions(fromContext(proposeMerge)),
    proposeCleanup: enqueueActions(fromContext(proposeCleanup)),
    proposeInspection: enqueueActions(fromContext(proposeInspection)),
    proposeReinspection: enqueueActions(fromContext(proposeReinspection)),
    proposeRails: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'wave.inspected');
      emitIntents(enqueue, proposeRails(context, railsCheck(context, event)));
    }),
    proposeReview: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'wave.inspected');
      emitIntents(enqueue, reviewWave(context, event).intents);
    }),
    completeUngated: enqueueActions(({ context, enqueue }) => {
      emitIntents(enqueue, [completeWave(context, 'skip')]);
    }),
    proposeGate: enqueueActions(fromContext(proposeGate)),
    proposePass: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'gate.passed');
      emitIntents(enqueue, proposePass(context, event));
    }),
    proposeExhausted: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'gate.failed');
      emitIntents(enqueue, proposeExhausted(context, event));
    }),
    proposeAutoCommit: enqueueActions(fromContext(proposeAutoCommit)),
    completeCommitted: enqueueActions(({ context, enqueue }) => {
      if (context.passed) emitIntents(enqueue, proposePass(context, context.passed));
    }),
    askBaseline: enqueueActions(fromContext(askBaseline)),
    completeRed: enqueueActions(fromContext(completeRed)),
    abortAtBaseline: enqueueActions(fromContext(abortAtBaseline)),
    proposeExhaustedLast: enqueueActions(fromContext(proposeExhaustedLast)),
  },
}).createMachine({
  id: 'wave',
  initial: 'dispatching',
  context: ({ input }) => initialWaveContext(input),
  on: {
    'agent.dispatched': { actions: 'recordDispatch' },
    'scope.violated': { actions: 'recordViolation' },
    'budget.exceeded': { guard: 'stopsThisWave', actions: 'recordOverBudget' },
  },
  states: {
    dispatching: {
      always: [
        { guard: 'railsOn', target: 'snapshotting' },
        { guard: 'contractLockFirst', target: 'lockRound' },
        { target: 'mainRound' },
      ],
    },
    snapshotting: {
      entry: 'proposeSnapshot',
      on: {
        'git.snapshot': [
          { guard: 'isolating', target: 'isolating', actions: 'recordBase' },
          { guard: 'contractLockFirst', target: 'lockRound', actions: 'recordBase' },
          { target: 'mainRound', actions: 'recordBase' },
        ],
      },
    },
    isolating: {
      entry: 'proposeWorktrees',
      on: {
        ...onWorktreeReport(),
        // HEAD moved since the snapshot: snapshot again; moved again: agents share the tree.
        'worktree.stale_base': [
          { guard: 'firstStaleBase', target: 'snapshotting', actions: 'recordStaleBase' },
          { target: 'mainRound', actions: 'recordStaleBase' },
        ],
      },
    },
    lockRound: {
      entry: ['beginRound', 'dispatchLockTask'],
      on: {
        ...onRunEnded(AFTER_LOCK),
        'session.resumed': onResumed(AFTER_LOCK),
      },
    },
    askingLock: {
      entry: 'askContractLock',
      on: {
        'decision.made': [
          { guard: and(['proceedAfterLock', 'overBudget']), target: 'inspecting' },
          { guard: 'proceedAfterLock', target: 'mainRound' },
          { guard: 'stopAfterLock', target: 'blocked', actions: 'abortAtLock' },
        ],
      },
    },
    mainRound: {
      entry: ['beginRound', 'dispatchRest'],
      on: {
        ...onRunEnded(AFTER_MAIN),
        'session.resumed': onResumed(AFTER_MAIN),
      },
    },
    redispatching: {
      entry: ['beginRound', 'dispatchMissing'],
      on: {
        ...onRunEnded([{ target: 'inspecting' }]),
        'session.resumed': onResumed([{ target: 'inspecting' }]),
      },
    },
    merging: {
      entry: 'proposeMerge',
      on: {
        'worktree.merged': { actions: 'recordMerge' },
        'worktree.conflicted': { actions: 'recordMerge' },
        'worktree.removed': afterRemoval(),
      },
    },
    inspecting: {
      entry: 'proposeInspection',
      on: { 'wave.inspected': afterInspection() },
    },
    reverting: {
      on: { 'wave.reverted': { target: 'reinspecting', actions: 'recordRevert' } },
    },
    reinspecting: {
      entry: 'proposeReinspection',
      on: { 'wave.inspected': afterInspection() },
    },
    gating: {
      entry: 'proposeGate',
      on: {
        'gate.started': { actions: 'recordGateStart' },
        'gate.passed': [
          { guard: 'staleAttempt' },
          { guard: 'autoCommitOn', target: 'committing', actions: 'recordPass' },
          { target: 'done', actions: 'proposePass' },
        ],
        'gate.failed': [
          { guard: 'staleAttempt' },
          {
            guard: 'overBudget',
            target: 'blocked',
            actions: ['recordFailure', 'proposeExhausted'],
          },
          { guard: 'predatesSession', target: 'askingBaseline', actions: 'recordFailure' },
          { guard: 'retriesLeft', target: 'fixing', actions: 'recordFailure' },
          { target: 'blocked', actions: ['recordFailure', 'proposeExhausted'] },
        ],
      },
    },
    askingBaseline: {
      entry: 'askBaseline',
      on: {
        'decision.made': [
          { guard: 'acceptRed', target: 'done', actions: 'completeRed' },
          { guard: 'stopAtRed', target: 'blocked', actions: 'abortAtBaseline' },
          { guard: 'fixRedWithRetries', target: 'fixing' },
          { guard: 'fixRedExhausted', target: 'blocked', actions: 'proposeExhaustedLast' },
        ],
      },
    },
    committing: {
      entry: 'proposeAutoCommit',
      on: { 'git.auto_committed': { target: 'done', actions: 'completeCommitted' } },
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
