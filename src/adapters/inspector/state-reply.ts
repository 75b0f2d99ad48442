/**
 * The answer of `/api/at?seq=N`: for each chart the active states (with how many instances are in
 * each), the transitions the event just took (matched on the chart by source, target and event
 * type, from the machine views before and after it), the files before and after, the spend, and
 * the event's causation chain.
 */
import type { DomainEvent } from '../../events.js';
import type { CoordinatorView } from '../../machines/coordinator.js';
import type { ChartEdge } from './chart-model.js';
import type { InspectorSource } from './inspector-source.js';
import type { InspectorChart } from './machine-charts.js';
import type { BudgetSpendState } from '../../domain/budget/spend.fold.js';

/** One transition an instance took on the selected event. */
interface Taken {
  instance: string;
  from: string | null;
  to: string | null;
  /**
   * The matching edges of the chart: one, or several when edges differ only by a guard the log
   * cannot tell apart (`mainRound → inspecting` on `agent.finished`, `[overBudget]` or not);
   * none when an instance was created or left.
   */
  edges: string[];
}

/** The state of one chart as of the selected event. */
interface ChartState {
  name: string;
  /** Instances per active state path (ancestors of a nested state count too). */
  active: Record<string, number>;
  taken: Taken[];
  /** The instance the event concerns, when there is one (agent, mission, wave). */
  focus: string | null;
  /** State path of the focused instance. */
  focusState: string | null;
}

/** The reply of `/api/at`. */
export interface StateReply {
  seq: number;
  charts: ChartState[];
  /** Each shown file after the event and before it (`before` is null and `same` true when equal). */
  files: Record<string, { before: string | null; after: string | null; same: boolean }>;
  spend: BudgetSpendState;
  causation: { seq: number; type: string }[];
  error: string | null;
}

type Instances = Record<string, string>;

function instancesOf(view: CoordinatorView, key: InspectorChart['viewKey']): Instances {
  if (key === 'session') return { session: view.session };
  if (key === 'wave') return view.wave ? { [`wave ${view.wave.number}`]: view.wave.state } : {};
  return view[key];
}

const ancestry = (path: string) => path.split('.').map((_, i, a) => a.slice(0, i + 1).join('.'));
const within = (path: string, outer: string) =>
  outer === '' || path === outer || path.startsWith(`${outer}.`);

/**
 * The edges `from → to` on `type` (else eventless ones), the most specific first matched: a
 * state's own edge before one of its ancestors'. Edges between the same states on the same event
 * differ only by their guards, which the log cannot evaluate: all of them are returned.
 */
function matchEdges(edges: readonly ChartEdge[], from: string, to: string, type: string): string[] {
  const fits = (e: ChartEdge) => within(from, e.source) && within(to, e.target);
  const exact = edges.filter((e) => fits(e) && e.event === type);
  const found = exact.length > 0 ? exact : edges.filter((e) => fits(e) && e.event === 'always');
  const first = found[0];
  if (first === undefined) return [];
  const best = found.reduce(
    (b, e) =>
      e.source.length > b.source.length ||
      (e.source.length === b.source.length && e.target.length > b.target.length)
        ? e
        : b,
    first,
  );
  return found.filter((e) => e.source === best.source && e.target === best.target).map((e) => e.id);
}

function focusOf(e: DomainEvent, key: InspectorChart['viewKey']): string | null {
  const d = e.data as { agentId?: unknown; id?: unknown; taskId?: unknown; wave?: unknown };
  if (key === 'agents' && typeof d.agentId === 'string') return d.agentId;
  if (key === 'missions' && e.type === 'mission.status_changed' && typeof d.id === 'string')
    return d.id;
  if (key === 'missions' && typeof d.taskId === 'string') return d.taskId;
  if (key === 'wave' && typeof d.wave === 'number') return `wave ${d.wave}`;
  if (key === 'session') return 'session';
  return null;
}

function chartState(
  chart: InspectorChart,
  before: CoordinatorView,
  after: CoordinatorView,
  e: DomainEvent,
): ChartState {
  const was = instancesOf(before, chart.viewKey);
  const now = instancesOf(after, chart.viewKey);
  const active: Record<string, number> = {};
  for (const state of Object.values(now))
    for (const p of ancestry(state)) active[p] = (active[p] ?? 0) + 1;
  const taken: Taken[] = [];
  for (const id of new Set([...Object.keys(was), ...Object.keys(now)])) {
    const from = was[id] ?? null;
    const to = now[id] ?? null;
    if (from === to) continue;
    const edges = from !== null && to !== null ? matchEdges(chart.edges, from, to, e.type) : [];
    taken.push({ instance: id, from, to, edges });
  }
  let focus = focusOf(e, chart.viewKey);
  if (focus !== null && now[focus] === undefined) focus = taken[0]?.instance ?? null;
  if (focus === null && taken.length > 0) focus = taken[0]?.instance ?? null;
  return {
    name: chart.name,
    active,
    taken,
    focus,
    focusState: focus === null ? null : (now[focus] ?? null),
  };
}

/** Builds the reply for event `seq`. */
export function stateReply(source: InspectorSource, seq: number): StateReply {
  const at = source.deriver.at(seq);
  const event = source.events[seq - 1] as DomainEvent;
  const causation: StateReply['causation'] = [];
  for (let c = event.causation; c !== undefined && causation.length < 64;) {
    const cause = source.events[c - 1];
    if (!cause) break;
    causation.push({ seq: cause.seq, type: cause.type });
    c = cause.causation;
  }
  return {
    seq: at.seq,
    charts: source.charts.map((c) => chartState(c, at.before, at.after, event)),
    files: Object.fromEntries(
      Object.entries(at.files).map(([k, f]) => {
        const same = f.before === f.after;
        return [k, { before: same ? null : f.before, after: f.after, same }];
      }),
    ),
    spend: at.spend,
    causation,
    error: at.error,
  };
}
