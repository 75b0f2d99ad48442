/**
 * How an agent run ended, as events: the terminal event (`agent.timed_out`, `agent.crashed`,
 * `agent.finished` from the run collector's outcome, or the status of a supervision stop), whether
 * the run shows that the agent cannot run in this environment at all, and the schema guard every
 * event of an agent's run passes through (an event that fails its schema becomes an
 * `agent.output` saying what was dropped).
 */
import { newEvent, validateEventData, type NewEvent } from '../../events.js';
import type { AgentTerminalEvent } from '../../ports.js';
import { wellFormed } from '../../domain/well-formed.js';
import type { AgentInvocation } from './agent-invocation.js';
import type { AgentProcessExit } from './agent-process.js';
import type { RunCollector } from './run-collector.js';
import { superviseStatus, type SupervisionStop } from './supervision-stop.js';

/** The event itself when it passes its schema, else an `agent.output` naming what was dropped. */
export function checkedEvent(agentId: string, raw: NewEvent): NewEvent {
  const event = { ...raw, data: wellFormed(raw.data) } as NewEvent;
  try {
    validateEventData(event.type, event.data);
    return event;
  } catch (error) {
    return newEvent('agent.output', {
      agentId,
      text: `[wave] dropped an ${event.type} event from the agent's output: ${(error as Error).message}`.slice(
        0,
        2000,
      ),
    });
  }
}

/** `agent.crashed` for a run that ended without a result (`note` goes before the stderr tail). */
export function crashedEvent(
  agentId: string,
  exit: AgentProcessExit,
  note?: string,
): AgentTerminalEvent {
  const stderr = [note, exit.stderrTail].filter((s) => s !== undefined && s !== '').join('\n');
  return newEvent('agent.crashed', {
    agentId,
    exitCode: exit.exitCode,
    signal: exit.signal,
    stderr,
  }) as AgentTerminalEvent;
}

/** Why this run shows that the agent cannot run in this environment, if it does. */
export function environmentFailure(
  kind: string,
  invocation: AgentInvocation,
  exit: AgentProcessExit,
  collector: RunCollector,
): string | undefined {
  const program = invocation.argv[0] ?? '';
  if (exit.spawnError !== undefined && /\b(ENOENT|EACCES|ENOTDIR)\b/.test(exit.spawnError)) {
    const why = /ENOENT/.test(exit.spawnError) ? 'not found' : 'not executable';
    return `${kind} runner: program "${program}" ${why} (${exit.spawnError})`;
  }
  if (exit.aborted || exit.timedOut || exit.silent) return undefined;
  const meaning =
    exit.exitCode !== null ? invocation.environmentExitCodes[exit.exitCode] : undefined;
  if (meaning !== undefined) {
    const stderr = exit.stderrTail.trim().split('\n').at(-1) ?? '';
    return `${kind} runner: "${program}" exited ${exit.exitCode}: ${meaning}${stderr !== '' ? ` — ${stderr}` : ''}`;
  }
  return collector.environment !== undefined
    ? `${kind} runner: ${collector.environment}`
    : undefined;
}

/** A run supervision stopped: what it did so far, in the status of the verdict. */
function stoppedRun(
  agentId: string,
  exit: AgentProcessExit,
  collector: RunCollector,
  invocation: AgentInvocation,
  stop: SupervisionStop,
): AgentTerminalEvent {
  const { findings: _findings, ...outcome } = collector.outcome({
    exitCode: exit.exitCode,
    truncatedExitCodes: invocation.truncatedExitCodes,
  });
  const summary = outcome.summary === '' ? stop.message : `${stop.message}; ${outcome.summary}`;
  const status = superviseStatus(outcome.status, stop.outcome);
  const safe = checkedEvent(
    agentId,
    newEvent('agent.finished', { agentId, ...outcome, status, summary }),
  );
  if (safe.type === 'agent.finished') return safe;
  return crashedEvent(agentId, exit, stop.message);
}

/**
 * The terminal event of a run: a supervision stop, `agent.timed_out` (timeout or silence limit),
 * `agent.crashed` (abort, spawn failure, or a failed exit without a result), else
 * `agent.finished` with STATUS parsing, inference and overrides applied.
 */
export function terminalOf(
  agentId: string,
  exit: AgentProcessExit,
  collector: RunCollector,
  invocation: AgentInvocation,
  timeoutMs: number | undefined,
  silenceMs: number | undefined,
  stopOf: () => SupervisionStop | undefined,
): AgentTerminalEvent {
  const stop = exit.aborted ? stopOf() : undefined;
  if (stop !== undefined) return stoppedRun(agentId, exit, collector, invocation, stop);
  if (exit.timedOut && timeoutMs !== undefined) {
    return newEvent('agent.timed_out', { agentId, timeoutMs }) as AgentTerminalEvent;
  }
  if (exit.silent && silenceMs !== undefined) {
    return newEvent('agent.timed_out', {
      agentId,
      timeoutMs: silenceMs,
      cause: 'silence',
    }) as AgentTerminalEvent;
  }
  if (exit.aborted) return crashedEvent(agentId, exit, 'aborted: the run was cancelled');
  if (exit.spawnError !== undefined) return crashedEvent(agentId, exit, exit.spawnError);
  const failedExit = exit.signal !== null || (exit.exitCode !== null && exit.exitCode !== 0);
  if (failedExit && !collector.hasResult()) return crashedEvent(agentId, exit);
  const { findings: _findings, ...outcome } = collector.outcome({
    exitCode: exit.exitCode,
    truncatedExitCodes: invocation.truncatedExitCodes,
  });
  const finished = newEvent('agent.finished', { agentId, ...outcome });
  const safe = checkedEvent(agentId, finished);
  if (safe.type === 'agent.finished') return safe;
  const note = safe.type === 'agent.output' ? safe.data.text : 'invalid agent.finished';
  return crashedEvent(agentId, exit, note);
}
