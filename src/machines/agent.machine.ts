/**
 * The agent statechart of one agent run: queued → running (→ stopping) → done | partial | failed |
 * spiral | stagnant | crashed | timed_out, or lost (a crashed coordinator handed it over to a
 * re-dispatch). It is the one owner of the run's outcome: the state value is the outcome, the
 * context holds what the run reported (summary, REMAINING, files, questions) and the live facts
 * of its stream (tool calls, failures, turns, usage) as they are logged.
 *
 * Supervision decides here while the agent runs (`agent.supervision.ts`): each tool call and
 * failure is folded into the loop detectors; a verdict is proposed as `agent.loop_detected`, and
 * once logged it stops the run (policy `stop`: running → stopping) or is only noted (`observe`);
 * a turn past `max-turns` is proposed as `agent.limit_reached` and stops the run.
 */
import { assertEvent, assign, enqueueActions, setup } from 'xstate';
import { emitIntents } from './emit-intents.js';
import type { EventOf } from '../events.js';
import { AgentOutcomeSchema, type AgentOutcome } from '../domain/status.js';
import type { Intent } from './intents.js';
import {
  initialSupervision,
  pastTurnLimit,
  proposeTurnLimit,
  proposeVerdicts,
  settleWatch,
  superviseIntent,
  watchTools,
  type AgentSupervision,
  type SupervisionContext,
} from './agent.supervision.js';

/** Events the agent machine accepts. */
export type AgentMachineEvent =
  | EventOf<'agent.started'>
  | EventOf<'agent.tool_called'>
  | EventOf<'agent.tool_failed'>
  | EventOf<'agent.usage'>
  | EventOf<'agent.turn_started'>
  | EventOf<'agent.loop_detected'>
  | EventOf<'agent.limit_reached'>
  | EventOf<'budget.exceeded'>
  | EventOf<'agent.finished'>
  | EventOf<'agent.crashed'>
  | EventOf<'agent.timed_out'>
  | { type: 'agent.lost'; policy: 'redispatch' | 'report-lost' }
  /** Consecutive logged tool calls and failures of this run, replayed as one transition. */
  | { type: 'agent.tool_facts'; facts: readonly ToolFactEvent[] };

/** A logged tool call or failure of a run. */
export type ToolFactEvent = EventOf<'agent.tool_called'> | EventOf<'agent.tool_failed'>;

/** Input of the agent machine: the facts of its `agent.dispatched`. */
export interface AgentInput {
  agentId: string;
  taskId: string;
  wave: number;
  maxTurns: number;
  /** The session's supervision (null: the session began before live supervision). */
  supervision: AgentSupervision | null;
}

/** Context of one agent run. */
export interface AgentContext
  extends Omit<AgentInput, 'supervision' | 'maxTurns'>, SupervisionContext {
  pid: number | null;
  /** True once the process reported it runs (dispatch verification counts on it). */
  started: boolean;
  /** Tool calls seen so far. */
  toolCalls: number;
  /** Tool calls that returned an error. */
  toolFailures: number;
  /** The latest usage the runner reported. */
  usage: { inputTokens: number; outputTokens: number; costUsd: number };
  /** The run's own words: STATUS summary, or why it crashed / timed out / was lost. */
  summary: string;
  remaining?: string;
  filesChanged: string[];
  openQuestions: { question: string; context?: string }[];
}

/** Final states of the chart that count as an outcome of the task. */
export type AgentEnd = AgentOutcome | 'lost';

/**
 * An outcome is terminal but not a `final` state: a finished run's actor stays in the tree (a
 * final child is stopped and removed by its parent, which copies the parent's children on every
 * removal: measured as half the coordinator's time at 200 agents per wave).
 */
const terminal = { tags: ['ended'] };

/** The outcomes: states a run ends in. */
export const AGENT_ENDS: ReadonlySet<string> = new Set<AgentEnd>([
  ...AgentOutcomeSchema.options,
  'lost',
]);
const ended = (status: AgentOutcome) => ({
  guard: { type: 'reportedAs' as const, params: { status } },
  target: status,
  actions: ['recordReport', 'settleWatch', 'proposeVerdicts'] as const,
});

/** Ends of a run decided outside it: crashed, timed out, or lost with its coordinator. */
const endedOutside = {
  'agent.crashed': { target: 'crashed', actions: 'recordCrash' },
  'agent.timed_out': { target: 'timed_out', actions: 'recordTimeout' },
  'agent.lost': [
    { guard: 'handedOver', target: 'lost', actions: 'recordLoss' },
    { target: 'crashed', actions: 'recordLoss' },
  ],
} as const;

/** The end the run reports itself: agent.finished with its status. */
const reportedEnd = {
  'agent.finished': [
    ended('done'),
    ended('partial'),
    ended('spiral'),
    ended('stagnant'),
    ended('crashed'),
    ended('timed_out'),
    { target: 'failed', actions: ['recordReport', 'settleWatch', 'proposeVerdicts'] },
  ],
} as const;

/** The agent machine. */
export const agentMachine = setup({
  types: {
    context: {} as AgentContext,
    events: {} as AgentMachineEvent,
    input: {} as AgentInput,
  },
  guards: {
    /** agent.finished carries this status (after STATUS parsing, inference and overrides). */
    reportedAs: ({ event }, p: { status: AgentOutcome }) =>
      event.type === 'agent.finished' && event.data.status === p.status,
    /** The coordinator that ran it is gone and the run is handed to a re-dispatch. */
    handedOver: ({ event }) => event.type === 'agent.lost' && event.policy === 'redispatch',
    /** The turn just begun is past the run's `max-turns`. */
    pastTurnLimit: ({ context, event }) =>
      event.type === 'agent.turn_started' && pastTurnLimit(context, event.data.turn),
    /** The run's own budget (`budgets.agent`) is spent. */
    ownBudget: ({ event }) => event.type === 'budget.exceeded' && event.data.scope === 'agent',
    /** The logged verdict ends the run now (policy `stop`). */
    verdictStops: ({ event }) =>
      event.type === 'agent.loop_detected' && event.data.action === 'stop',
  },
  actions: {
    intent: (_: unknown, _params: Intent) => undefined,
    /**
     * Folds a tool call or failure into the counters and the detectors, in place. Not an `assign`:
     * assign copies the whole context on every call, which was two thirds of a tool call's cost
     * (23 → 7 µs per call replaying 100,000 calls); the fold owns these fields alone.
     */
    watchTool: enqueueActions(({ context, event }) => {
      if (event.type === 'agent.tool_facts') watchTools(context, event.facts);
      else if (event.type === 'agent.tool_called' || event.type === 'agent.tool_failed')
        watchTools(context, [event]);
    }),
    /** The stream is over: calls still waiting for their outcome are settled (late verdicts). */
    settleWatch: enqueueActions(({ context }) => {
      settleWatch(context);
    }),
    proposeVerdicts: enqueueActions(({ context, event, enqueue }) => {
      emitIntents(enqueue, proposeVerdicts(context, event.type === 'agent.finished'));
    }),
    recordTurn: assign(({ context, event }) => {
      assertEvent(event, 'agent.turn_started');
      return { turns: Math.max(context.turns, event.data.turn) };
    }),
    proposeTurnLimit: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'agent.turn_started');
      emitIntents(enqueue, proposeTurnLimit(context, event.data.turn));
    }),
    recordVerdict: assign(({ context, event }) => {
      assertEvent(event, 'agent.loop_detected');
      return {
        verdicts: [
          ...context.verdicts,
          { pattern: event.data.pattern, verdict: event.data.verdict },
        ],
      };
    }),
    /** Asks the runtime to end the run in the status its verdicts say (and, if `stop`, now). */
    stopRun: enqueueActions(({ context, event, enqueue }) => {
      emitIntents(enqueue, [superviseIntent(context, event, true)]);
    }),
    noteVerdict: enqueueActions(({ context, event, enqueue }) => {
      emitIntents(enqueue, [superviseIntent(context, event, false)]);
    }),
    recordStart: assign(({ event }) => {
      assertEvent(event, 'agent.started');
      return { pid: event.data.pid, started: true };
    }),
    recordUsage: assign(({ context, event }) => {
      assertEvent(event, 'agent.usage');
      const d = event.data;
      return {
        usage: {
          inputTokens: d.inputTokens ?? context.usage.inputTokens,
          outputTokens: d.outputTokens ?? context.usage.outputTokens,
          costUsd: d.costUsd ?? context.usage.costUsd,
        },
      };
    }),
    recordReport: assign(({ event }) => {
      assertEvent(event, 'agent.finished');
      const d = event.data;
      return {
        summary: d.summary,
        ...(d.remaining !== undefined ? { remaining: d.remaining } : {}),
        filesChanged: [...d.filesChanged],
        openQuestions: d.openQuestions.map((q) => ({ ...q })),
      };
    }),
    recordCrash: assign(({ event }) => {
      assertEvent(event, 'agent.crashed');
      const why = event.data.signal ? `signal ${event.data.signal}` : `exit ${event.data.exitCode}`;
      const tail = event.data.stderr.trim().split('\n').slice(-1)[0] ?? '';
      return { summary: `crashed (${why})${tail ? `: ${tail}` : ''}` };
    }),
    recordTimeout: assign(({ event }) => {
      assertEvent(event, 'agent.timed_out');
      return { summary: `timed out after ${event.data.timeoutMs} ms` };
    }),
    recordLoss: assign({ summary: 'lost when the coordinator stopped' }),
  },
}).createMachine({
  id: 'agent',
  initial: 'queued',
  context: ({ input }) => ({
    agentId: input.agentId,
    taskId: input.taskId,
    wave: input.wave,
    ...initialSupervision(input.supervision, input.maxTurns),
    pid: null,
    started: false,
    toolCalls: 0,
    toolFailures: 0,
    usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
    summary: '',
    filesChanged: [],
    openQuestions: [],
  }),
  states: {
    queued: {
      on: { 'agent.started': { target: 'running', actions: 'recordStart' }, ...endedOutside },
    },
    running: {
      on: {
        ...endedOutside,
        ...reportedEnd,
        // Fold the fact into the detectors, then propose what it tripped (often nothing).
        'agent.tool_called': { actions: ['watchTool', 'proposeVerdicts'] },
        'agent.tool_failed': { actions: ['watchTool', 'proposeVerdicts'] },
        'agent.tool_facts': { actions: ['watchTool', 'proposeVerdicts'] },
        'agent.turn_started': [
          { guard: 'pastTurnLimit', actions: ['proposeTurnLimit', 'recordTurn'] },
          { actions: 'recordTurn' },
        ],
        'agent.loop_detected': [
          {
            guard: 'verdictStops',
            target: 'stopping',
            actions: ['recordVerdict', 'stopRun'],
          },
          { actions: ['recordVerdict', 'noteVerdict'] },
        ],
        'agent.limit_reached': { target: 'stopping', actions: 'stopRun' },
        'budget.exceeded': { guard: 'ownBudget', target: 'stopping', actions: 'stopRun' },
        'agent.usage': { actions: 'recordUsage' },
      },
    },
    /** Supervision asked the runtime to end the run; its end (and last facts) are still to come. */
    stopping: {
      on: {
        ...endedOutside,
        ...reportedEnd,
        'agent.tool_called': { actions: 'watchTool' },
        'agent.tool_failed': { actions: 'watchTool' },
        'agent.tool_facts': { actions: 'watchTool' },
        'agent.turn_started': { actions: 'recordTurn' },
        'agent.loop_detected': { actions: 'recordVerdict' },
        'agent.usage': { actions: 'recordUsage' },
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
