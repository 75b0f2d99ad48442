/**
 * A host-supplied agent runner for runtime tests: it reports its start, emits `perAgent` tool
 * calls as fast as the engine takes them (pausing while the engine is saturated), then ends
 * `done`. The calls' tool and input come from `call` (default: reads of 50 files).
 */
import { newEvent } from '../../src/events.js';
import type { AgentRunner } from '../../src/ports.js';

/** What the i-th tool call of a run is. */
interface BurstCall {
  tool: string;
  input: Record<string, unknown>;
  callId?: string;
}

/** Options of {@link burstRunner}. */
export interface BurstOptions {
  call?: (i: number) => BurstCall;
  /** Wait this long after the calls, before the end (default: no wait). */
  pauseMs?: number;
}

const readOf = (i: number): BurstCall => ({
  tool: 'Read',
  input: { file_path: `src/f${i % 50}.ts` },
});

/** An agent runner that bursts `perAgent` tool calls per run. */
export function burstRunner(perAgent: number, options: BurstOptions = {}): AgentRunner {
  const call = options.call ?? readOf;
  return {
    async run(request, emit) {
      const { agentId } = request;
      emit(newEvent('agent.started', { agentId, pid: null, argv: ['burst'] }));
      for (let i = 0; i < perAgent; i++) {
        emit(newEvent('agent.tool_called', { agentId, ...call(i) }));
        if (request.backpressure?.saturated()) await request.backpressure.drained();
      }
      if (options.pauseMs !== undefined) await new Promise((r) => setTimeout(r, options.pauseMs));
      const terminal = newEvent('agent.finished', {
        agentId,
        status: 'done',
        reported: 'done',
        summary: 'burst done',
        filesChanged: [],
        turns: 1,
        exitCode: 0,
        openQuestions: [],
      });
      return { terminal: terminal as never, findings: [] };
    },
  };
}
