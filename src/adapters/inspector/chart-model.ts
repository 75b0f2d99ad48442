/**
 * A drawable model of a statechart, read generically from an XState v5 machine definition
 * (`machine.root`, each state node's `states`, `transitions` and `always`): nothing here knows a
 * state name. Targetless transitions (actions only) are kept as handlers of their state; guards
 * are labelled by name (a named guard, or the name of an inline guard function). A state is
 * terminal when it is `type: 'final'` or tagged {@link ENDED_TAG} (the machines' way of marking
 * an end state they keep running in, so that their parent can still read them).
 */
import type { AnyStateMachine } from 'xstate';

/** The tag the machines put on their end states (see docs/machines.md). */
const ENDED_TAG = 'ended';

/** One state of a chart (compound states hold children). */
export interface ChartState {
  /** Dotted path from the root, e.g. `running.gating` (`''` for the root). */
  path: string;
  key: string;
  type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  initial: boolean;
  /** An end state: `type: 'final'`, or tagged `ended`. */
  terminal: boolean;
  children: ChartState[];
  /** Event types handled without leaving the state (targetless transitions). */
  handlers: string[];
}

/** One transition edge between two states. */
export interface ChartEdge {
  id: string;
  source: string;
  target: string;
  /** Event type, or `always` for an eventless transition. */
  event: string;
  /** Guard label, null when unguarded. */
  guard: string | null;
}

/** A chart: the state tree and its edges. */
export interface ChartModel {
  name: string;
  root: ChartState;
  edges: ChartEdge[];
  /** True when the machine can spawn child actors (its `setup({ actors })` names some). */
  spawns: boolean;
}

interface NodeLike {
  key: string;
  path: string[];
  type: ChartState['type'];
  parent?: NodeLike;
  states: Record<string, NodeLike>;
  initial?: { target?: NodeLike[] };
  transitions: Map<string, TransitionLike[]>;
  always?: TransitionLike[];
  tags?: Iterable<string>;
}

interface TransitionLike {
  eventType: string;
  target?: NodeLike[];
  guard?: unknown;
}

/** A readable name of a guard: named guards keep their name; inline functions their own name. */
function guardLabel(guard: unknown): string | null {
  if (guard === undefined || guard === null) return null;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') {
    const name = (guard as { name?: string }).name;
    return name && name !== 'guard' ? name : 'guarded';
  }
  if (typeof guard === 'object') {
    const type = (guard as { type?: unknown }).type;
    if (typeof type === 'string') return type;
    if (typeof type === 'function') return guardLabel(type);
  }
  return 'guarded';
}

function toState(node: NodeLike, initial: boolean, edges: ChartEdge[]): ChartState {
  const path = node.path.join('.');
  const initialKeys = new Set((node.initial?.target ?? []).map((t) => t.key));
  const handlers: string[] = [];
  const add = (t: TransitionLike, event: string) => {
    if (!t.target || t.target.length === 0) {
      if (!handlers.includes(event)) handlers.push(event);
      return;
    }
    for (const target of t.target) {
      edges.push({
        id: `e${edges.length}`,
        source: path,
        target: target.path.join('.'),
        event,
        guard: guardLabel(t.guard),
      });
    }
  };
  for (const [event, list] of node.transitions) for (const t of list) add(t, event || 'always');
  for (const t of node.always ?? []) add(t, 'always');
  const children = Object.values(node.states).map((c) => toState(c, initialKeys.has(c.key), edges));
  const terminal = node.type === 'final' || [...(node.tags ?? [])].includes(ENDED_TAG);
  return { path, key: node.key, type: node.type, initial, terminal, children, handlers };
}

/** Reads the chart of a machine definition. */
export function chartOf(name: string, machine: AnyStateMachine): ChartModel {
  const edges: ChartEdge[] = [];
  const root = toState(machine.root as unknown as NodeLike, true, edges);
  const actors = (machine.implementations as { actors?: Record<string, unknown> }).actors ?? {};
  return { name, root, edges, spawns: Object.keys(actors).length > 0 };
}

/** Every state path of a chart, depth first. */
export function statePaths(chart: ChartModel): string[] {
  const out: string[] = [];
  const walk = (s: ChartState) => {
    out.push(s.path);
    for (const c of s.children) walk(c);
  };
  walk(chart.root);
  return out;
}
