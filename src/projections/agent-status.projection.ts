/**
 * Agent-status telemetry of the reference (`.orchestrator/runtime/`): the append log
 * `agent-status.jsonl` and the last-writer-wins map `agent-status-current.json`. Both are whole
 * files owned by the running session (the runtime directory describes the one session running in
 * this working copy), re-rendered from the log.
 */
import type { DomainEvent } from '../events.js';
import type { AgentOutcome } from '../domain/status.js';
import type { Projection, ProjectionOutput } from './projection.js';

/** Repository-relative path of the append log. */
const AGENT_STATUS_LOG_PATH = '.orchestrator/runtime/agent-status.jsonl';
/** Repository-relative path of the LWW map. */
const AGENT_STATUS_CURRENT_PATH = '.orchestrator/runtime/agent-status-current.json';

/** One status record, as the reference's `setStatus` writes it. */
interface AgentStatusRecord {
  agentId: string;
  kind: 'status';
  text: string;
  ts: string;
}

/** The folded view. */
export interface AgentStatusView {
  started: boolean;
  records: AgentStatusRecord[];
  /** The append log's text so far (one JSON line per record, built once per record). */
  logText: string;
  /** Last record per agent id, in first-seen order (the LWW map). */
  current: Record<string, AgentStatusRecord>;
  /** Wave and latest outcome of every agent run. */
  agents: Map<string, { wave: number; outcome: AgentOutcome | null }>;
}

const MAX_TEXT = 256;

/** Wave rollup bucket of an outcome: stagnant counts as partial; spiral/crashed/timed_out as failed. */
export function rollupBucket(outcome: AgentOutcome | null): 'done' | 'partial' | 'failed' {
  if (outcome === 'done') return 'done';
  if (outcome === 'partial' || outcome === 'stagnant') return 'partial';
  return 'failed';
}

function push(view: AgentStatusView, agentId: string, text: string, ts: string): void {
  const record: AgentStatusRecord = { agentId, kind: 'status', text: text.slice(0, MAX_TEXT), ts };
  view.records.push(record);
  view.logText += `${JSON.stringify(record)}\n`;
  view.current[agentId] = record;
}

function finish(view: AgentStatusView, agentId: string, outcome: AgentOutcome, ts: string): void {
  const a = view.agents.get(agentId);
  if (a) a.outcome = outcome;
  push(view, agentId, outcome, ts);
}

function evolve(view: AgentStatusView, e: DomainEvent): AgentStatusView {
  switch (e.type) {
    case 'session.started':
      view.started = true;
      break;
    case 'agent.dispatched':
      view.agents.set(e.data.agentId, { wave: e.data.wave, outcome: null });
      push(view, e.data.agentId, `dispatched — ${e.data.runner}`, e.ts);
      break;
    case 'agent.finished':
      finish(view, e.data.agentId, e.data.status, e.ts);
      break;
    case 'agent.crashed':
      finish(view, e.data.agentId, 'crashed', e.ts);
      break;
    case 'agent.timed_out':
      finish(view, e.data.agentId, 'timed_out', e.ts);
      break;
    case 'wave.completed': {
      const n = { done: 0, partial: 0, failed: 0 };
      for (const a of view.agents.values()) {
        if (a.wave === e.data.wave) n[rollupBucket(a.outcome)] += 1;
      }
      const text = `wave ${e.data.wave} complete — ${n.done} done, ${n.partial} partial, ${n.failed} failed`;
      push(view, `wave${e.data.wave}`, text, e.ts);
      break;
    }
    default:
      break;
  }
  return view;
}

function render(view: AgentStatusView): ProjectionOutput[] {
  if (!view.started) return [];
  return [
    { kind: 'file', path: AGENT_STATUS_LOG_PATH, content: view.logText, appendOnly: true },
    {
      kind: 'file',
      path: AGENT_STATUS_CURRENT_PATH,
      content: `${JSON.stringify(view.current, null, 2)}\n`,
    },
  ];
}

/** The agent-status projection (append log + LWW map). */
export const agentStatusProjection: Projection<AgentStatusView> = {
  name: 'agent-status',
  version: 1,
  handles: [
    'session.started',
    'agent.dispatched',
    'agent.finished',
    'agent.crashed',
    'agent.timed_out',
    'wave.completed',
  ],
  init: () => ({
    started: false,
    records: [],
    logText: '',
    current: Object.create(null) as Record<string, AgentStatusRecord>,
    agents: new Map(),
  }),
  evolve,
  render,
};
