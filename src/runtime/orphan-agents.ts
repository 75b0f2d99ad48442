/**
 * Resume: the agents of a crashed coordinator may still be running (they live in their own
 * process groups) and would keep editing while their replacements start. Their `agent.started`
 * events carry pid, process group and process start time; resume ends the groups whose leader
 * is still that very process (a reused pid is left alone) before anything is re-dispatched.
 */
import type { DomainEvent } from '../events.js';
import { isSameProcess, pidAlive } from './process-identity.js';

/** An agent started and not ended in the log. */
export interface OpenAgent {
  agentId: string;
  pid: number;
  pgid: number;
  procStart?: string;
}

/** Folds replayed events into the agents that started and never ended. */
export class OpenAgents {
  readonly #open = new Map<string, OpenAgent>();

  /** Folds one event. */
  apply(e: DomainEvent): void {
    if (e.type === 'agent.started') {
      if (e.data.pid === null) return;
      this.#open.set(e.data.agentId, {
        agentId: e.data.agentId,
        pid: e.data.pid,
        pgid: e.data.pgid ?? e.data.pid,
        ...(e.data.procStart ? { procStart: e.data.procStart } : {}),
      });
    } else if (
      e.type === 'agent.finished' ||
      e.type === 'agent.crashed' ||
      e.type === 'agent.timed_out'
    ) {
      this.#open.delete(e.data.agentId);
    }
  }

  /** The open agents. */
  list(): OpenAgent[] {
    return [...this.#open.values()];
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * Ends the process groups of open agents whose process is still the recorded one: SIGTERM, then
 * SIGKILL after `graceMs`. An agent recorded without a start time (another platform, an older
 * log) is not killed: its pid proves nothing. Returns the agents ended.
 */
export async function endOrphanAgents(
  open: readonly OpenAgent[],
  graceMs = 2000,
): Promise<{ agentId: string; pid: number }[]> {
  const orphans = open.filter(
    (a) => a.procStart !== undefined && isSameProcess(a.pid, a.procStart),
  );
  for (const a of orphans) signalGroup(a.pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (orphans.some((a) => pidAlive(a.pid)) && Date.now() < deadline) await sleep(50);
  for (const a of orphans) if (isSameProcess(a.pid, a.procStart)) signalGroup(a.pgid, 'SIGKILL');
  return orphans.map((a) => ({ agentId: a.agentId, pid: a.pid }));
}
