/**
 * Spend as it accumulates: tokens and dollars from `agent.usage` events, and elapsed time from
 * event timestamps (first and last event of each scope; the page shows the difference), per session, per wave and per agent. A small mutable fold owned by one replay
 * cursor (cloned with it at checkpoints).
 */
import type { DomainEvent } from '../../events.js';

/** Accumulated spend of one scope. */
interface Spend {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  startTs: string | null;
  endTs: string | null;
}

/** Spend per session, wave and agent. */
export interface SpendView {
  session: Spend;
  waves: Record<string, Spend>;
  agents: Record<string, Spend>;
  agentWave: Record<string, number>;
  currentWave: number | null;
}

const empty = (): Spend => ({
  inputTokens: 0,
  outputTokens: 0,
  costUsd: 0,
  startTs: null,
  endTs: null,
});

/** A fresh spend view. */
export function initSpend(): SpendView {
  return { session: empty(), waves: {}, agents: {}, agentWave: {}, currentWave: null };
}

function touch(s: Spend, ts: string): void {
  s.startTs ??= ts;
  if (s.endTs === null || s.endTs < ts) s.endTs = ts;
}

/** Folds one event into the spend view (mutates it). */
export function evolveSpend(view: SpendView, e: DomainEvent): void {
  touch(view.session, e.ts);
  const data = e.data as { wave?: unknown; agentId?: unknown };
  if (e.type === 'wave.started') view.currentWave = e.data.wave;
  if (e.type === 'agent.dispatched') view.agentWave[e.data.agentId] = e.data.wave;
  const agentId = typeof data.agentId === 'string' ? data.agentId : null;
  const wave =
    typeof data.wave === 'number'
      ? data.wave
      : agentId !== null
        ? (view.agentWave[agentId] ?? view.currentWave)
        : null;
  if (wave !== null && e.type !== 'session.planned') touch((view.waves[wave] ??= empty()), e.ts);
  if (agentId !== null) touch((view.agents[agentId] ??= empty()), e.ts);
  if (e.type !== 'agent.usage') return;
  const scopes = [view.session, view.agents[e.data.agentId]];
  if (wave !== null) scopes.push(view.waves[wave]);
  for (const s of scopes) {
    if (!s) continue;
    s.inputTokens += e.data.inputTokens ?? 0;
    s.outputTokens += e.data.outputTokens ?? 0;
    s.costUsd += e.data.costUsd ?? 0;
  }
}
