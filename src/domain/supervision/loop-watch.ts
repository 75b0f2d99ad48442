/**
 * Live loop detectors over one agent's tool-call stream (reference-behaviour.md §A4–A5), folded
 * one fact at a time: O(1) amortized per fact, bounded memory, plain JSON state (see
 * {@link LoopWatchState}). A call is settled (its outcome known) when the next call arrives or at
 * {@link finishLoopWatch}: a failure is reported right after its call, a success is not reported
 * at all. So a verdict about a call comes at the latest with the agent's next call. Failures of
 * calls made in parallel that arrive after a later call still count for the error echo.
 *
 * Facts of a sub-agent (Claude `parent_tool_use_id`) are not the agent's own: callers leave them
 * out ({@link factFromToolEvent} does).
 */
import type {
  FileWatch,
  LoopVerdict,
  LoopWatchState,
  PendingCall,
  ToolFact,
  WatchOptions,
} from './loop-watch.types.js';
import { watchPagination } from './pagination.watch.js';
import { watchRepetition } from './repetition.watch.js';
import { watchEdits, watchSpotOutcome } from './edit-spiral.watch.js';
import { watchErrorEcho } from './error-echo.watch.js';
import { shapeCall } from './tool-fact.shape.js';
import { newTable, pushFresh } from './watch-bounds.js';

/** Calls kept waiting for their outcome (parallel calls of one turn), and settled ones kept. */
const PENDING_MAX = 16;
const RECENT_MAX = 32;

/** A new watch for one agent run. */
export function newLoopWatch(options: WatchOptions): LoopWatchState {
  const state: LoopWatchState = {
    version: 1,
    spiralRule: options.spiralRule,
    fired: [],
    verdicts: [],
    pending: [],
    recent: [],
    run: { key: '', raw: '', count: 0, paging: false, failed: 0, labels: [] },
    last: [],
    paging: newTable(),
    pagingOrder: [],
    echo: newTable(),
    echoOrder: [],
    files: newTable(),
    fileOrder: [],
    spotFailures: newTable(),
    spotOrder: [],
    seq: 0,
  };
  if (options.cwd !== undefined) state.cwd = options.cwd;
  return state;
}

function settle(state: LoopWatchState, call: PendingCall, out: LoopVerdict[]): void {
  state.recent = pushFresh(state.recent, call, RECENT_MAX);
  const edits = call.edits;
  if (edits !== undefined && edits.length > 0) {
    if (call.error === undefined) watchEdits(state, call, out);
  } else {
    if (call.read) watchPagination(state, call, out);
    if (!call.read) watchSpotOutcome(state, call, out);
  }
  watchRepetition(state, call, out);
}

function settleAll(state: LoopWatchState, out: LoopVerdict[]): void {
  const pending = state.pending;
  const n = pending.length;
  if (n === 0) return;
  if (n === 1) {
    // `pop` empties it without the runtime call `length = 0` makes.
    const call = pending.pop() as PendingCall;
    settle(state, call, out);
    return;
  }
  state.pending = [];
  for (const call of pending) settle(state, call, out);
}

function findCall(
  list: readonly PendingCall[],
  fact: { tool: string; callId: string | undefined },
): PendingCall | undefined {
  for (let i = list.length - 1; i >= 0; i -= 1) {
    const call = list[i] as PendingCall;
    const match = fact.callId !== undefined ? call.callId === fact.callId : call.tool === fact.tool;
    if (match && call.error === undefined) return call;
  }
  return undefined;
}

/**
 * Folds one call of the agent (the `call` fact, without building it), pushing every verdict it
 * trips onto `out`: what {@link observeFactAll} does for a call, for callers that keep their own
 * verdict list (the run collector).
 */
export function foldCall(
  state: LoopWatchState,
  tool: string,
  input: Record<string, unknown>,
  callId: string | undefined,
  digests: Record<string, string> | undefined,
  out: LoopVerdict[],
): void {
  settleAll(state, out);
  const pending = state.pending;
  pending.push(shapeCall(tool, input, state.cwd, callId, digests));
  if (pending.length > PENDING_MAX) settle(state, pending.shift() as PendingCall, out);
}

/** Folds one failure (the `failure` fact, without building it), pushing verdicts onto `out`. */
export function foldFailure(
  state: LoopWatchState,
  tool: string,
  error: string,
  callId: string | undefined,
  out: LoopVerdict[],
): void {
  const fact = { tool, callId };
  const call = findCall(state.pending, fact) ?? findCall(state.recent, fact);
  if (call !== undefined && state.pending.includes(call)) call.error = error;
  const failure = {
    tool,
    target: call?.target ?? '',
    label: call?.label ?? `${tool}:`,
    error,
    file: call?.file,
  };
  watchErrorEcho(state, failure, out);
}

/** Folds one fact; returns every verdict it tripped (each pattern and key trips once). */
export function observeFactAll(state: LoopWatchState, fact: ToolFact): LoopVerdict[] {
  const out: LoopVerdict[] = [];
  if (fact.kind === 'call') foldCall(state, fact.tool, fact.input, fact.callId, fact.digests, out);
  else foldFailure(state, fact.tool, fact.error, fact.callId, out);
  return out;
}

/**
 * Folds one fact; returns a verdict the first time a pattern trips for a given key (never the
 * same verdict twice). When one fact trips several, the others are in `state.verdicts` (or use
 * {@link observeFactAll}).
 */
export function observeFact(state: LoopWatchState, fact: ToolFact): LoopVerdict | undefined {
  return observeFactAll(state, fact)[0];
}

/**
 * A watch state read back from bytes (a checkpoint's structured clone, JSON) has its tables as
 * ordinary objects again: gives each back as a prototype-less table ({@link newTable}), in place,
 * so a key named like an inherited member finds nothing. A state that already has them is left
 * as it is. Returns the state.
 */
export function adoptLoopWatch(state: LoopWatchState): LoopWatchState {
  if (Object.getPrototypeOf(state.files) === null) return state;
  state.paging = tableOf(state.paging);
  state.echo = tableOf(state.echo);
  state.spotFailures = tableOf(state.spotFailures);
  const files = tableOf(state.files);
  for (const file in files) {
    const f = files[file] as FileWatch;
    f.heads = tableOf(f.heads);
  }
  state.files = files;
  return state;
}

function tableOf<T>(from: Record<string, T>): Record<string, T> {
  return Object.assign(newTable<T>(), from);
}

/** Settles the calls still waiting for an outcome (the stream ended); returns new verdicts. */
export function finishLoopWatch(state: LoopWatchState): LoopVerdict[] {
  const out: LoopVerdict[] = [];
  settleAll(state, out);
  return out;
}

/**
 * The fact of a logged `agent.tool_called` / `agent.tool_failed` event's data, or undefined for a
 * sub-agent's call. `inputDigests` (when the input was cut before logging) stand in for the cut
 * strings.
 */
export function factFromToolEvent(
  type: 'agent.tool_called' | 'agent.tool_failed',
  data: {
    tool: string;
    input?: Record<string, unknown>;
    error?: string;
    callId?: string;
    parentCallId?: string;
    inputDigests?: Record<string, string>;
  },
): ToolFact | undefined {
  if (type === 'agent.tool_failed') {
    const fact: ToolFact = { kind: 'failure', tool: data.tool, error: data.error ?? '' };
    if (data.callId !== undefined) fact.callId = data.callId;
    return fact;
  }
  if (data.parentCallId !== undefined) return undefined;
  const fact: ToolFact = { kind: 'call', tool: data.tool, input: data.input ?? {} };
  if (data.callId !== undefined) fact.callId = data.callId;
  if (data.inputDigests !== undefined) fact.digests = data.inputDigests;
  return fact;
}
