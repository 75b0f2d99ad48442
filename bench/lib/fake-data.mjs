// Shared stand-ins of the benchmarks: filler text for generated logs, and a host-supplied agent
// runner that reports `started` then `done` with no process behind it.
import { newEvent } from '../../dist/events.js';

const WORDS =
  'the agent edits src file and runs tests then reports status with a summary of work'.split(' ');

/** Deterministic filler text of about `n` characters, varying with `i`. */
export function fillerText(i, n) {
  let s = '';
  for (let k = 0; s.length < n; k++) s += WORDS[(i * 7 + k * 3) % WORDS.length] + ' ';
  return s.trim();
}

/** An `agent.finished` (done) event. */
export function doneEvent(agentId, { summary = 'ok', filesChanged = [], turns = 1 } = {}) {
  return newEvent('agent.finished', {
    agentId,
    status: 'done',
    reported: 'done',
    summary,
    filesChanged,
    turns,
    exitCode: 0,
    openQuestions: [],
  });
}

/** The no-op runner: started, then done at once. */
export const noopRunner = {
  async run(request, emit) {
    emit(newEvent('agent.started', { agentId: request.agentId, pid: null, argv: ['noop'] }));
    return { terminal: doneEvent(request.agentId, { summary: 'nothing to do' }), findings: [] };
  },
};
