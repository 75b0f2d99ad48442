/** A hand-built session log exercising every projection of this directory. */
import type { DomainEvent } from '../../src/events.js';
import {
  createStamper,
  dispatched,
  finished,
  sessionPlanned,
  sessionStarted,
} from './event-stamper.js';

/** How the fixture session ends. */
export type Ending = 'completed' | 'aborted' | 'open';

/**
 * Wave 1 Discovery skipped; wave 2 Impl-Core (3 agents: done, spiral, crashed; gate fails then passes);
 * wave 3 Quality (2 agents: done, stagnant). Heartbeats, usage, stagnation, questions, missions.
 */
export function buildSessionLog(ending: Ending = 'completed', autoFix = true): DomainEvent[] {
  const s = createStamper();
  const ev: DomainEvent[] = [];
  ev.push(sessionStarted(s));
  ev.push(
    sessionPlanned(
      s,
      [
        { wave: 1, role: 'Discovery', tasks: [] },
        { wave: 2, role: 'Impl-Core', tasks: ['m-1', 'm-2', 'm-3'] },
        { wave: 3, role: 'Quality', tasks: ['m-4'] },
      ],
      autoFix,
    ),
  );
  ev.push(s('session.approved', { by: 'policy' }));
  for (const id of ['m-1', 'm-2', 'm-3', 'm-4']) {
    ev.push(s('mission.status_changed', { id, from: null, to: 'validated', reason: '/go' }));
  }
  ev.push(s('wave.skipped', { wave: 1, role: 'Discovery', reason: 'no tasks' }));
  ev.push(
    s('wave.started', {
      wave: 2,
      role: 'Impl-Core',
      isolation: 'none',
      enforcement: 'strict',
      taskIds: ['m-1', 'm-2', 'm-3'],
      plannedFiles: 3,
      allowedPaths: ['src/a.ts', 'src/b/'],
    }),
  );
  ev.push(dispatched(s, 2, 'wave2-0-impl', 'm-1'));
  ev.push(dispatched(s, 2, 'wave2-1-impl', 'm-2'));
  ev.push(dispatched(s, 2, 'wave2-2-impl', 'm-3'));
  ev.push(s('wave.dispatched', { wave: 2, planned: 4, started: 3, missing: [] }));
  ev.push(s('heartbeat.recorded', { wave: 2 }));
  ev.push(s('agent.usage', { agentId: 'wave2-0-impl', inputTokens: 1000, outputTokens: 200 }));
  ev.push(s('agent.usage', { agentId: 'wave2-0-impl', inputTokens: 1500, outputTokens: 300 }));
  ev.push(finished(s, 'wave2-0-impl', 'done', ['src/a.ts', 'src/b/c.ts']));
  ev.push(
    s('stagnation.detected', {
      wave: 2,
      agentId: 'wave2-1-impl',
      agent: 'session-orchestrator:code-implementer',
      pattern: 'error-echo',
      errorClass: 'edit-format-friction',
      file: 'src/a.ts',
      occurrences: 3,
    }),
  );
  ev.push(finished(s, 'wave2-1-impl', 'spiral', ['src/a.ts']));
  ev.push(
    s('agent.crashed', { agentId: 'wave2-2-impl', exitCode: 1, signal: null, stderr: 'boom' }),
  );
  ev.push(s('question.asked', { question: 'Keep retries?', source: 'wave2-0-impl' }));
  ev.push(
    s('wave.reviewed', {
      wave: 2,
      agents: [],
      filesChanged: ['src/a.ts', 'src/b/c.ts', 'src/d.ts'],
    }),
  );
  ev.push(s('gate.started', { wave: 2, attempt: 1, gates: ['lint'] }));
  ev.push(
    s('gate.failed', {
      wave: 2,
      attempt: 1,
      gate: 'lint',
      command: ['npm', 'run', 'lint'],
      exitCode: 1,
      output: 'x',
      timedOut: false,
    }),
  );
  ev.push(s('gate.fix_dispatched', { wave: 2, attempt: 1, taskId: 'm-1', agentId: 'wave2-fix-1' }));
  ev.push(s('gate.passed', { wave: 2, attempt: 2, counts: { passed: 12, failed: 0, total: 12 } }));
  ev.push(
    s('wave.completed', {
      wave: 2,
      role: 'Impl-Core',
      quality: 'pass',
      filesChanged: 4,
      suite: { passed: 212, failed: 0, platform: 'linux' },
    }),
  );
  ev.push(
    s('mission.status_changed', {
      id: 'm-1',
      from: 'validated',
      to: 'completed',
      reason: 'gate green',
    }),
  );
  ev.push(
    s('wave.started', {
      wave: 3,
      role: 'Quality',
      isolation: 'none',
      enforcement: 'warn',
      taskIds: ['m-4'],
      plannedFiles: 0,
      allowedPaths: ['**/*.test.*'],
      blockedCommands: ['git reset --hard'],
      gates: { 'path-guard': true },
    }),
  );
  ev.push(dispatched(s, 3, 'wave3-0-test', 'm-4'));
  ev.push(dispatched(s, 3, 'wave3-1-test', 'm-4'));
  ev.push(s('agent.usage', { agentId: 'wave3-0-test', outputTokens: 50 }));
  ev.push(finished(s, 'wave3-0-test', 'done', ['test/a.test.ts']));
  ev.push(finished(s, 'wave3-1-test', 'stagnant'));
  ev.push(s('question.answered', { question: 'Keep retries?', answer: 'yes' }));
  ev.push(s('question.asked', { question: 'Rename flag?', source: 'wave3-0-test' }));
  ev.push(s('wave.completed', { wave: 3, role: 'Quality', quality: 'pass', filesChanged: 1 }));
  if (ending === 'completed') ev.push(s('session.completed', { outcome: 'carryover' }));
  if (ending === 'aborted')
    ev.push(s('session.aborted', { cause: 'gate-exhausted', reason: 'lint kept failing' }));
  return ev;
}
