/**
 * The graph of a statechart read off its definition: every state and every transition with its
 * event, guard, target and actions. `docs/machines.md` is generated from it (as Mermaid), the
 * inspector draws it, and tests measure the charts with it (how many transitions a named event
 * triggers). Pure: it only reads machine definitions.
 */
import type { AnyStateMachine } from 'xstate';

/** One transition of a chart. */
export interface ChartTransition {
  /** Dotted id of the source state (`''` for the machine itself). */
  from: string;
  /** The event type, or `always` for an eventless transition. */
  event: string;
  /** Dotted ids of the targets; empty when the transition changes no state. */
  to: string[];
  /** The named guard, e.g. `retriesLeft` or `and(answersOpenDecision, noWaveLeft)`. */
  guard: string | null;
  actions: string[];
}

/** One state of a chart. */
export interface ChartState {
  /** Dotted id, e.g. `running.waving`. */
  id: string;
  kind: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  initial: string | null;
  children: string[];
  /** A terminal state: `final`, or tagged `ended` (terminal without stopping the actor). */
  ended: boolean;
}

/** A chart: its states and transitions. */
export interface ChartGraph {
  id: string;
  initial: string | null;
  states: ChartState[];
  transitions: ChartTransition[];
}

interface Node {
  path: string[];
  type: ChartState['kind'];
  tags: string[];
  states: Record<string, Node>;
  initial?: { target: Node[] };
  transitions: Map<string, Def[]>;
  always?: Def[];
}
interface Def {
  target?: Node[];
  guard?: unknown;
  actions: unknown[];
}

const idOf = (n: Node): string => n.path.join('.');

function nameOf(x: unknown): string {
  if (typeof x === 'string') return x;
  if (typeof x === 'function') {
    const f = x as { guards?: unknown[]; name?: string };
    if (Array.isArray(f.guards)) return `and(${f.guards.map(nameOf).join(', ')})`;
    return f.name || '(inline)';
  }
  if (x && typeof x === 'object' && 'type' in x) return String(x.type);
  return '(inline)';
}

function guardOf(guard: unknown): string | null {
  if (guard === undefined) return null;
  if (guard && typeof guard === 'object' && 'params' in guard) {
    const { type, params } = guard as { type: string; params: unknown };
    const args = params && typeof params === 'object' ? Object.values(params).join(', ') : '';
    return args ? `${type}(${args})` : type;
  }
  return nameOf(guard);
}

/** Reads the graph of a chart. */
export function chartGraph(machine: AnyStateMachine): ChartGraph {
  const states: ChartState[] = [];
  const transitions: ChartTransition[] = [];
  const visit = (node: Node) => {
    const initial = node.initial?.target[0];
    if (node.path.length > 0) {
      states.push({
        id: idOf(node),
        kind: node.type,
        initial: initial ? idOf(initial) : null,
        children: Object.values(node.states).map(idOf),
        ended: node.type === 'final' || node.tags.includes('ended'),
      });
    }
    const add = (event: string, defs: Def[]) => {
      for (const d of defs) {
        transitions.push({
          from: idOf(node),
          event,
          to: (d.target ?? []).map(idOf),
          guard: guardOf(d.guard),
          actions: d.actions.map(nameOf),
        });
      }
    };
    for (const [event, defs] of node.transitions) add(event, defs);
    if (node.always) add('always', node.always);
    for (const child of Object.values(node.states)) visit(child);
  };
  const root = machine.root as unknown as Node;
  visit(root);
  const initial = root.initial?.target[0];
  return { id: machine.id, initial: initial ? idOf(initial) : null, states, transitions };
}

/** Share of a chart's transitions that a named event triggers (the rest are eventless). */
export function eventTriggeredShare(graph: ChartGraph): number {
  if (graph.transitions.length === 0) return 1;
  const named = graph.transitions.filter((t) => t.event !== 'always').length;
  return named / graph.transitions.length;
}
