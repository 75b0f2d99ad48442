/**
 * A hand-built session log for the progress view and the displays (seq/ts stamped by the test
 * stamper, one second apart unless said otherwise). Wave 1 Discovery is skipped; wave 2 Impl-Core
 * runs three agents (done, partial, crashed), its gate fails once, a fix agent repairs it; wave 3
 * Quality runs one agent; the session completes with carry-over.
 */
import type { DomainEvent, EventDataInput } from '../../src/events.js';
import { createStamper, sessionPlanned, sessionStarted } from '../projections/event-stamper.js';

/** The stamper type of the fixtures. */
export type Stamp = ReturnType<typeof createStamper>;

/** Repository of the fixture session. */
export const REPO = '/work/repo';

/** agent.dispatched with the conventional id `w<wave>-<task>-a<attempt>`. */
export function dispatch(
  s: Stamp,
  wave: number,
  taskId: string,
  description: string,
  over: Partial<EventDataInput<'agent.dispatched'>> = {},
): DomainEvent {
  const attempt = over.attempt ?? 1;
  return s('agent.dispatched', {
    wave,
    taskId,
    agentId: `w${wave}-${taskId}-a${attempt}`,
    attempt,
    runner: 'default',
    description,
    maxTurns: 15,
    reason: 'planned',
    ...over,
  });
}

/** agent.finished with the given status, summary and turns. */
export function finish(
  s: Stamp,
  agentId: string,
  status: 'done' | 'partial' | 'failed',
  summary: string,
  turns: number,
  extra: Partial<EventDataInput<'agent.finished'>> = {},
  stepMs = 1000,
): DomainEvent {
  return s(
    'agent.finished',
    {
      agentId,
      status,
      reported: status,
      summary,
      filesChanged: [],
      turns,
      exitCode: 0,
      ...extra,
    },
    stepMs,
  );
}

/** Session start, plan (3 waves) and approval. */
export function opening(s: Stamp): DomainEvent[] {
  return [
    sessionStarted(s, { repo: REPO, sessionType: 'feature', intent: 'Add rate limiting' }),
    sessionPlanned(s, [
      { wave: 1, role: 'Discovery', tasks: [] },
      { wave: 2, role: 'Impl-Core', tasks: ['m-1', 'm-2', 'm-3'] },
      { wave: 3, role: 'Quality', tasks: ['m-4'] },
    ]),
    s('session.approved', { by: 'policy' }),
  ];
}

/** wave.started for wave 2 (Impl-Core). */
export function wave2Started(s: Stamp): DomainEvent {
  return s('wave.started', {
    wave: 2,
    role: 'Impl-Core',
    isolation: 'none',
    enforcement: 'warn',
    taskIds: ['m-1', 'm-2', 'm-3'],
    plannedFiles: 3,
    allowedPaths: ['src/'],
  });
}

/** The whole session (see the file comment). */
export function buildProgressLog(): DomainEvent[] {
  const s = createStamper();
  const ev: DomainEvent[] = [...opening(s)];
  ev.push(s('wave.skipped', { wave: 1, role: 'Discovery', reason: 'no tasks' }));
  ev.push(wave2Started(s));
  ev.push(dispatch(s, 2, 'm-1', 'Add token bucket'));
  ev.push(dispatch(s, 2, 'm-2', 'Wire middleware'));
  ev.push(dispatch(s, 2, 'm-3', 'Document limits'));
  ev.push(s('agent.started', { agentId: 'w2-m-1-a1', pid: 101, argv: ['claude'] }));
  ev.push(s('agent.started', { agentId: 'w2-m-2-a1', pid: 102, argv: ['claude'] }));
  ev.push(s('agent.started', { agentId: 'w2-m-3-a1', pid: 103, argv: ['claude'] }));
  ev.push(s('wave.dispatched', { wave: 2, planned: 3, started: 3, missing: [] }));
  ev.push(
    s('agent.tool_called', {
      agentId: 'w2-m-1-a1',
      tool: 'Read',
      input: { file_path: `${REPO}/src/app.ts` },
    }),
  );
  ev.push(
    s('agent.tool_called', {
      agentId: 'w2-m-1-a1',
      tool: 'Edit',
      input: { file_path: `${REPO}/src/rate-limit.ts`, old_string: 'a', new_string: 'b' },
    }),
  );
  ev.push(
    s('agent.tool_called', { agentId: 'w2-m-2-a1', tool: 'Bash', input: { command: 'npm test' } }),
  );
  ev.push(
    finish(s, 'w2-m-1-a1', 'done', 'Token bucket in src/rate-limit.ts', 5, {
      filesChanged: ['src/rate-limit.ts'],
    }),
  );
  ev.push(
    finish(s, 'w2-m-2-a1', 'partial', 'Wired 2 of 3 routes', 15, {
      remaining: 'the admin route',
      filesChanged: ['src/app.ts'],
    }),
  );
  ev.push(
    s(
      'agent.crashed',
      { agentId: 'w2-m-3-a1', exitCode: 1, signal: null, stderr: 'Error: boom\n at x' },
      65_000,
    ),
  );
  ev.push(
    s('wave.reviewed', {
      wave: 2,
      agents: [],
      filesChanged: ['src/app.ts', 'src/rate-limit.ts'],
    }),
  );
  ev.push(s('gate.started', { wave: 2, attempt: 1, gates: ['typecheck', 'test'] }));
  ev.push(
    s('gate.failed', {
      wave: 2,
      attempt: 1,
      gate: 'test',
      command: ['npm', 'test'],
      exitCode: 1,
      output: '1 failed',
      timedOut: false,
    }),
  );
  ev.push(s('gate.fix_dispatched', { wave: 2, attempt: 1, taskId: 'm-1', agentId: 'w2-m-1-a2' }));
  ev.push(dispatch(s, 2, 'm-1', 'Fix failing test', { attempt: 2, reason: 'fix' }));
  ev.push(s('agent.started', { agentId: 'w2-m-1-a2', pid: 104, argv: ['claude'] }));
  ev.push(finish(s, 'w2-m-1-a2', 'done', 'Fixed the off-by-one', 3));
  ev.push(s('gate.started', { wave: 2, attempt: 2, gates: ['typecheck', 'test'] }));
  ev.push(s('gate.passed', { wave: 2, attempt: 2, counts: { passed: 12, failed: 0, total: 12 } }));
  ev.push(
    s('deviation.recorded', {
      wave: 2,
      kind: 'D6',
      code: 'text',
      params: { text: 'Wave 2: m-2 carried into wave 3 with its REMAINING text' },
    }),
  );
  ev.push(
    s('wave.completed', {
      wave: 2,
      role: 'Impl-Core',
      quality: 'pass',
      filesChanged: 2,
      suite: { passed: 12, failed: 0, platform: 'linux' },
    }),
  );
  ev.push(
    s('wave.started', {
      wave: 3,
      role: 'Quality',
      isolation: 'none',
      enforcement: 'warn',
      taskIds: ['m-4', 'm-2'],
      plannedFiles: 1,
      allowedPaths: ['src/'],
    }),
  );
  ev.push(dispatch(s, 3, 'm-4', 'Consolidate tests'));
  ev.push(s('agent.started', { agentId: 'w3-m-4-a1', pid: 105, argv: ['claude'] }));
  ev.push(finish(s, 'w3-m-4-a1', 'done', 'Merged two suites', 4));
  ev.push(s('wave.completed', { wave: 3, role: 'Quality', quality: 'pass', filesChanged: 1 }));
  ev.push(s('session.completed', { outcome: 'carryover' }));
  return ev;
}
