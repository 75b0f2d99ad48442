/**
 * Builds replay fixture logs: runs a {@link Script} through the deterministic session simulator
 * (the real coordinator and machines, scripted actors), inserts the journal events the simulator
 * cannot produce (answers, assistant output, baseline, docs tasks), then stamps the log the way the
 * runtime does: contiguous `seq`, timestamps that advance with what each event stands for, and
 * `causation` pointing at the event whose transition asked for it.
 *
 * Used once to record test/fixtures/logs/*.jsonl (see the README there); those logs are never
 * regenerated or edited afterwards.
 */
import { Coordinator } from '../../src/machines/coordinator.js';
import { identityOf as intentKey } from '../../src/machines/decision-identity.js';
import { parseEvent, type DomainEvent, type NewEvent } from '../../src/events.js';
import { serializeEvents } from '../../src/adapters/jsonl-serialize.js';
import { simulate, type Script } from './simulate.js';

/** Journal events to insert after the first event matching `after`. */
interface Insertion {
  after: (e: DomainEvent) => boolean;
  events: NewEvent[];
}

/** One fixture: a name, what it shows, its simulator script and insertions. */
export interface FixtureSpec {
  name: string;
  /** One line for the README: what the session does. */
  description: string;
  script: Script;
  insert?: Insertion[];
  /** The recorded session ends without session.completed/aborted (a crash). */
  unfinished?: boolean;
}

/** How long (ms) before an event of this type the previous one happened, roughly. */
const STEP_MS: Record<string, number> = {
  'agent.started': 2_000,
  'agent.tool_called': 24_000,
  'agent.tool_failed': 6_000,
  'agent.output': 9_000,
  'agent.usage': 3_000,
  'agent.finished': 41_000,
  'agent.crashed': 17_000,
  'agent.timed_out': 60_000,
  'gate.passed': 38_000,
  'gate.failed': 29_000,
  'wave.inspected': 1_500,
  'decision.made': 12_000,
  'question.answered': 30_000,
};

function effectKeyOf(e: DomainEvent): string | null {
  const d = e.data as { agentId?: string; wave?: number; attempt?: number; id?: string };
  switch (e.type) {
    case 'agent.started':
    case 'agent.tool_called':
    case 'agent.tool_failed':
    case 'agent.output':
    case 'agent.usage':
    case 'agent.finished':
    case 'agent.crashed':
    case 'agent.timed_out':
    case 'stagnation.detected':
      return `agent:${String(d.agentId)}`;
    case 'gate.passed':
    case 'gate.failed':
      return `gate:w${String(d.wave)}:${String(d.attempt)}`;
    case 'wave.inspected':
      return `inspect:w${String(d.wave)}`;
    case 'decision.made':
      return `ask:${String(d.id)}`;
    default:
      return null;
  }
}

/**
 * Stamps simulated events again: seq 1…n and causation from replaying them through a fresh
 * coordinator (the event whose transition proposed an event or asked for the effect that reported
 * it). Timestamps stay as the simulation stamped them (the machines saw those), inserted journal
 * events carry the timestamp of the event they follow.
 */
function restamp(events: readonly DomainEvent[]): DomainEvent[] {
  const coordinator = new Coordinator();
  const proposedBy = new Map<string, number>();
  const askedBy = new Map<string, number>();
  const out: DomainEvent[] = [];
  for (const [i, e] of events.entries()) {
    const seq = i + 1;
    let causation: number | undefined;
    const effectKey = effectKeyOf(e);
    if (effectKey !== null) causation = askedBy.get(effectKey);
    else causation = proposedBy.get(intentKey(e));
    const raw: Record<string, unknown> = {
      v: e.v,
      seq,
      ts: e.ts,
      session: e.session,
      type: e.type,
      data: e.data,
    };
    if (causation !== undefined) raw.causation = causation;
    const stamped = parseEvent(raw);
    out.push(stamped);
    for (const intent of coordinator.apply(stamped)) {
      if (intent.kind === 'append') {
        const key = intentKey(intent.event);
        if (!proposedBy.has(key)) proposedBy.set(key, seq);
      } else askedBy.set(intent.effect.key, seq);
    }
  }
  return out;
}

/** Inserts journal events (unstamped) into a simulated log; returns events still to be restamped. */
function insertAll(
  log: readonly DomainEvent[],
  insertions: readonly Insertion[],
  session: string,
): DomainEvent[] {
  const out: DomainEvent[] = [];
  const pending = [...insertions];
  for (const e of log) {
    out.push(e);
    for (let k = 0; k < pending.length; k++) {
      const ins = pending[k] as Insertion;
      if (!ins.after(e)) continue;
      for (const n of ins.events) {
        out.push(parseEvent({ v: 1, seq: 1, ts: e.ts, session, type: n.type, data: n.data }));
      }
      pending.splice(k, 1);
      k -= 1;
    }
  }
  if (pending.length > 0)
    throw new Error(`${pending.length} insertion(s) found no anchor event in session ${session}`);
  return out;
}

/** Builds the stamped log of a fixture. */
export function buildFixtureLog(spec: FixtureSpec): DomainEvent[] {
  const simulated = simulate({ stepMs: (type) => STEP_MS[type] ?? 1_000, ...spec.script });
  const withJournal = insertAll(simulated, spec.insert ?? [], spec.script.session);
  return restamp(withJournal);
}

/** The JSONL text of a log, exactly as the JSONL event store writes it. */
export function logText(events: readonly DomainEvent[]): string {
  return serializeEvents(events);
}
