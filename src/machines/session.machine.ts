/**
 * The session statechart, the root of the actor tree:
 *
 *   idle → planning → approving → running (waving ⇄ escalating → awaitingDecision; finishing)
 *   → completed | aborted
 *
 * It spawns one mission actor per plan task (session.planned) and one wave actor per wave
 * (wave.started); each wave spawns its agents. Folds (`session.context.ts`, `recordReview`,
 * `enterNextWave`) and decisions (`session.decide.ts`, `proposeCarryOver`, `proposeNextWave`)
 * are separate named actions; decisions run first and read the context as the event found it.
 */
import { and, assertEvent, assign, enqueueActions, setup } from 'xstate';
import { IllegalTransitionError } from '../errors.js';
import type { Intent } from './intents.js';
import { emitIntents, fromContext } from './emit-intents.js';
import { missionMachine } from './mission.machine.js';
import { MissionMoves } from './session.missions.js';
import {
  initialSessionContext,
  recordDispatch,
  recordQuestion,
  recordStart,
  type SessionContext,
  type SessionMachineEvent,
} from './session.context.js';
import {
  abort,
  abortExhausted,
  approve,
  askApproval,
  proposeInDev,
  proposeStart,
  proposeTesting,
  recordWaveEnd,
  waveEndMoves,
} from './session.decide.js';
import { escalates, proposeCarryOver, recordReview } from './session.review.js';
import { abortOverBudget, isNewTrip, proposeBudgetExceeded, recordTrip } from './session.budget.js';
import { enterNextWave, noWaveLeft, proposeNextWave } from './session.waves.js';
import { waveMachine } from './wave.machine.js';

const waveEnd = (event: SessionMachineEvent) => {
  if (event.type !== 'wave.completed' && event.type !== 'wave.skipped') {
    throw new IllegalTransitionError(`${event.type} is not the end of a wave`);
  }
  return event;
};

/** A wave ended while a question waits: its missions move, then the session waits. */
const waitAfter = {
  target: 'awaitingDecision',
  actions: ['proposeWaveEndMoves', 'recordWaveEnd'],
} as const;

/** A session that has not ended can be aborted (by a decision, the runtime or the operator). */
const abortable = { 'session.aborted': '#session.aborted' } as const;

/** The session machine. */
export const sessionMachine = setup({
  types: { context: {} as SessionContext, events: {} as SessionMachineEvent },
  actors: { wave: waveMachine, mission: missionMachine },
  guards: {
    /** A budget limit reached for the first time in the session. */
    newBudgetTrip: ({ context, event }) =>
      event.type === 'budget.tripped' && isNewTrip(context.budgetTrips, event.trip),
    /** The logged budget is the session's own. */
    sessionBudget: ({ event }) =>
      event.type === 'budget.exceeded' && event.data.scope === 'session',
    /** The answer is to the session question that waits for one. */
    answersOpenDecision: ({ context, event }) =>
      event.type === 'decision.made' && event.data.id === context.openDecision,
    /** The operator approved the plan. */
    planApproved: ({ context, event }) =>
      event.type === 'decision.made' &&
      event.data.id === context.openDecision &&
      event.data.answer === 'approve',
    /** The operator chose to abort. */
    abortChosen: ({ context, event }) =>
      event.type === 'decision.made' &&
      event.data.id === context.openDecision &&
      event.data.answer === 'abort',
    /** The wave begun last was the plan's last. */
    noWaveLeft: ({ context }) => noWaveLeft(context),
    /** A task of the reviewed wave spiralled for the second time. */
    escalates: ({ context, event }) => event.type === 'wave.reviewed' && escalates(context, event),
  },
  actions: {
    intent: (_: unknown, _params: Intent) => undefined,
    recordStart: enqueueActions(({ context, event }) => {
      assertEvent(event, 'session.started');
      recordStart(context, event);
    }),
    recordPlan: assign(({ context, event, spawn }) => {
      assertEvent(event, 'session.planned');
      context.plan = event.data.plan;
      for (const w of event.data.plan.waves) {
        for (const t of w.tasks) {
          context.taskIndex[t.id] = t;
          const id = `mission:${t.id}`;
          context.missions[t.id] = spawn('mission', { id, systemId: id, input: { id: t.id } });
        }
      }
      return {};
    }),
    recordQuestion: enqueueActions(({ context, event }) => {
      assertEvent(event, 'decision.requested');
      recordQuestion(context, event);
    }),
    recordAnswer: assign({ openDecision: null }),
    recordBaseline: assign(({ event }) => {
      assertEvent(event, 'gate.baseline_recorded');
      return { baseline: structuredClone(event.data.gates) };
    }),
    recordDispatch: enqueueActions(({ context, event }) => {
      assertEvent(event, 'agent.dispatched');
      recordDispatch(context, event);
    }),
    spawnWave: assign(({ context, event, spawn }) => {
      assertEvent(event, 'wave.started');
      const input = context.waveInput;
      if (!input || input.wave !== event.data.wave) {
        throw new IllegalTransitionError(
          `seq ${event.seq}: wave ${event.data.wave} started out of order`,
        );
      }
      const id = `wave-${input.wave}`;
      context.waves[input.wave] = spawn('wave', { id, systemId: id, input });
      return {};
    }),
    recordChangeSet: assign(({ event }) => {
      assertEvent(event, 'wave.inspected');
      return { knownChanged: [...event.data.changedFiles] };
    }),
    recordReview: enqueueActions(({ context, event }) => {
      assertEvent(event, 'wave.reviewed');
      recordReview(context, event);
    }),
    recordWaveEnd: enqueueActions(({ context, event }) => {
      recordWaveEnd(context, waveEnd(event));
    }),
    enterNextWave: enqueueActions(({ context }) => {
      enterNextWave(context);
    }),
    askApproval: enqueueActions(fromContext(askApproval)),
    proposeApproval: enqueueActions(({ event, enqueue }) => {
      assertEvent(event, 'decision.made');
      emitIntents(enqueue, approve(event));
    }),
    proposeRejection: enqueueActions(fromContext(() => abort('decision', 'plan not approved'))),
    proposeOperatorAbort: enqueueActions(({ event, enqueue }) => {
      assertEvent(event, 'decision.made');
      emitIntents(enqueue, abort('decision', `operator chose abort (${event.data.id})`));
    }),
    proposeStart: enqueueActions(fromContext(proposeStart)),
    proposeInDev: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'agent.dispatched');
      emitIntents(enqueue, proposeInDev(context, event));
    }),
    proposeTesting: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'wave.started');
      emitIntents(enqueue, proposeTesting(context, event));
    }),
    proposeCarryOver: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'wave.reviewed');
      emitIntents(enqueue, proposeCarryOver(context, event));
    }),
    proposeWaveEndMoves: enqueueActions(({ context, event, enqueue }) => {
      emitIntents(enqueue, waveEndMoves(context, waveEnd(event)).intents);
    }),
    proposeWaveEnd: enqueueActions(({ context, event, enqueue }) => {
      const moves = waveEndMoves(context, waveEnd(event));
      emitIntents(enqueue, [...moves.intents, ...proposeNextWave(context, moves)]);
    }),
    proposeNextWave: enqueueActions(({ context, enqueue }) => {
      emitIntents(enqueue, proposeNextWave(context, new MissionMoves(context)));
    }),
    proposeBudgetExceeded: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'budget.tripped');
      recordTrip(context.budgetTrips, event.trip);
      emitIntents(enqueue, proposeBudgetExceeded(event.trip));
    }),
    abortOverBudget: enqueueActions(({ event, enqueue }) => {
      assertEvent(event, 'budget.exceeded');
      emitIntents(enqueue, abortOverBudget(event));
    }),
    abortExhausted: enqueueActions(({ event, enqueue }) => {
      assertEvent(event, 'gate.exhausted');
      emitIntents(enqueue, abortExhausted(event));
    }),
  },
}).createMachine({
  id: 'session',
  initial: 'idle',
  context: () => initialSessionContext(),
  states: {
    idle: {
      on: { 'session.started': { target: 'planning', actions: 'recordStart' }, ...abortable },
    },
    planning: {
      on: {
        ...abortable,
        'session.planned': { target: 'approving', actions: ['recordPlan', 'askApproval'] },
      },
    },
    approving: {
      on: {
        ...abortable,
        'gate.baseline_recorded': { actions: 'recordBaseline' },
        'decision.requested': { actions: 'recordQuestion' },
        'decision.made': [
          { guard: 'planApproved', actions: ['proposeApproval', 'recordAnswer'] },
          { guard: 'answersOpenDecision', actions: ['proposeRejection', 'recordAnswer'] },
        ],
        'session.approved': [
          {
            guard: 'noWaveLeft',
            target: 'running.finishing',
            actions: ['proposeStart', 'enterNextWave'],
          },
          { target: 'running', actions: ['proposeStart', 'enterNextWave'] },
        ],
      },
    },
    running: {
      initial: 'waving',
      on: {
        ...abortable,
        'decision.requested': { actions: 'recordQuestion' },
        'agent.dispatched': { actions: ['proposeInDev', 'recordDispatch'] },
        'wave.started': { actions: ['spawnWave', 'proposeTesting'] },
        'wave.inspected': { actions: 'recordChangeSet' },
        'gate.exhausted': { actions: 'abortExhausted' },
        'budget.tripped': { guard: 'newBudgetTrip', actions: 'proposeBudgetExceeded' },
        'budget.exceeded': { guard: 'sessionBudget', actions: 'abortOverBudget' },
        'session.completed': 'completed',
      },
      states: {
        waving: {
          on: {
            'wave.reviewed': [
              {
                guard: 'escalates',
                target: 'escalating',
                actions: ['proposeCarryOver', 'recordReview'],
              },
              { actions: ['proposeCarryOver', 'recordReview'] },
            ],
            'wave.completed': advanceAfter(),
            'wave.skipped': advanceAfter(),
          },
        },
        escalating: {
          on: {
            'wave.completed': waitAfter,
            'wave.skipped': waitAfter,
            'decision.made': [
              { guard: 'abortChosen', actions: ['proposeOperatorAbort', 'recordAnswer'] },
              { guard: 'answersOpenDecision', target: 'waving', actions: 'recordAnswer' },
            ],
          },
        },
        awaitingDecision: {
          on: {
            'decision.made': [
              { guard: 'abortChosen', actions: ['proposeOperatorAbort', 'recordAnswer'] },
              {
                guard: and(['answersOpenDecision', 'noWaveLeft']),
                target: 'finishing',
                actions: ['proposeNextWave', 'enterNextWave', 'recordAnswer'],
              },
              {
                guard: 'answersOpenDecision',
                target: 'waving',
                actions: ['proposeNextWave', 'enterNextWave', 'recordAnswer'],
              },
            ],
          },
        },
        finishing: {},
      },
    },
    // Terminal, but not `final`: a final root stops its 1,000s of children one copy at a time.
    completed: { tags: ['ended'] },
    aborted: { tags: ['ended'] },
  },
});

/** A wave ended: the last one leads to finishing, any other to the next wave. */
function advanceAfter() {
  const actions = ['proposeWaveEnd', 'recordWaveEnd', 'enterNextWave'] as const;
  return [{ guard: 'noWaveLeft', target: 'finishing', actions }, { actions }] as const;
}
