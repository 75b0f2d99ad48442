/// <reference lib="dom" />
/**
 * Page script: which timeline lane an event belongs to (the session, a wave, an agent of a wave,
 * the missions) and its colour category (dispatch, tool call, verdict, gate, decision, budget).
 */
import type { PageEvent, PageState } from './client-types.js';

/** Sorting key of a lane so agents sit under their wave. */
export function laneSortKey(name: string, st: PageState): string {
  const pad = (n: number) => String(n).padStart(4, '0');
  if (name === 'session') return '0';
  if (name === 'missions') return '1';
  if (name.startsWith('wave ')) return `2-${pad(Number(name.slice(5)))}`;
  const id = name.slice(6);
  return `2-${pad(st.agentWave.get(id) ?? 9999)}-${id}`;
}

/** Files events into lanes and categories (called once per arriving event). */
export function indexEvent(st: PageState, e: PageEvent): void {
  const d = e.data;
  if (e.type === 'wave.started' && typeof d.wave === 'number') st.currentWave = d.wave;
  if (
    e.type === 'agent.dispatched' &&
    typeof d.agentId === 'string' &&
    typeof d.wave === 'number'
  ) {
    st.agentWave.set(d.agentId, d.wave);
  }
  let lane = 'session';
  if (typeof d.agentId === 'string') lane = `agent ${d.agentId}`;
  else if (e.type.startsWith('mission.')) lane = 'missions';
  else if (typeof d.wave === 'number') lane = `wave ${d.wave}`;
  else if (/^(gate|decision|question|deviation|stagnation)\./.test(e.type) && st.currentWave > 0) {
    lane = `wave ${st.currentWave}`;
  }
  let idx = st.laneOfKey.get(lane);
  if (idx === undefined) {
    idx = st.lanes.length;
    st.lanes.push(lane);
    st.laneOfKey.set(lane, idx);
  }
  st.lane[e.seq - 1] = idx;
  st.kind[e.seq - 1] = kindOf(e);
}

/** Colour category of an event. */
export function kindOf(e: PageEvent): string {
  const t = e.type;
  const status = typeof e.data.status === 'string' ? e.data.status : '';
  if (t === 'agent.dispatched' || t === 'gate.fix_dispatched' || t === 'wave.dispatched')
    return 'dispatch';
  if (t === 'agent.tool_called' || t === 'agent.output') return 'tool';
  if (t === 'agent.tool_failed') return 'bad';
  if (t === 'agent.finished')
    return status === 'done' ? 'good' : status === 'partial' ? 'warn' : 'bad';
  if (
    t === 'agent.crashed' ||
    t === 'agent.timed_out' ||
    t === 'stagnation.detected' ||
    t === 'agent.loop_detected' ||
    t === 'agent.limit_reached' ||
    t === 'scope.violated' ||
    t === 'wave.reverted' ||
    t === 'budget.exceeded' ||
    t === 'worktree.conflicted' ||
    t === 'worktree.failed'
  )
    return 'bad';
  if (t === 'worktree.stale_base') return 'warn';
  if (t === 'gate.passed') return 'good';
  if (t === 'gate.failed' || t === 'gate.exhausted' || t === 'session.aborted') return 'bad';
  if (t.startsWith('gate.')) return 'gate';
  if (t.startsWith('decision.') || t.startsWith('question.')) return 'decision';
  if (t === 'agent.usage') return 'budget';
  if (t.startsWith('session.') || t.startsWith('wave.')) return 'phase';
  return 'other';
}

/** Colour of a category. */
export function kindColor(kind: string): string {
  const colors: Record<string, string> = {
    dispatch: '#3b82f6',
    tool: '#94a3b8',
    good: '#16a34a',
    warn: '#f59e0b',
    bad: '#dc2626',
    gate: '#0891b2',
    decision: '#9333ea',
    budget: '#ca8a04',
    phase: '#475569',
    other: '#cbd5e1',
  };
  return colors[kind] ?? '#cbd5e1';
}
