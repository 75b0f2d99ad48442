/** Test helpers: stamp hand-built events, and the golden 01→06 session as an event sequence. */
import {
  validateEventData,
  type DomainEvent,
  type EventDataInput,
  type EventType,
} from '../../../src/events.js';

/** Builds stamped events with increasing seq; `ts` defaults to one second after the previous. */
export function eventStamper(start = '2026-08-22T07:15:00.000Z') {
  let seq = 0;
  let clock = Date.parse(start);
  return function ev<T extends EventType>(
    type: T,
    data: EventDataInput<T>,
    ts?: string,
  ): DomainEvent {
    seq += 1;
    clock = ts === undefined ? clock + 1000 : Date.parse(ts);
    return {
      v: 1,
      seq,
      ts: new Date(clock).toISOString(),
      session: 'main-2026-08-22-deep-1',
      type,
      data: validateEventData(type, data),
    } as DomainEvent;
  };
}

/** A plan of `waves` with their task lists, defaults applied. */
export function planData(
  waves: { role: EventDataInput<'wave.skipped'>['role']; tasks: [string, string][] }[],
  config: Record<string, unknown> = {},
): EventDataInput<'session.planned'> {
  return {
    plan: {
      session: { type: 'deep', intent: 'Add --retry flag', issues: [101, 102] },
      config,
      runners: {},
      waves: waves.map((w, i) => ({
        wave: i + 1,
        role: w.role,
        tasks: w.tasks.map(([id, task]) => ({ id, task })),
      })),
    },
    source: 'plan.yaml',
  };
}

/** session.started data of the golden session. */
export function startedData(
  over: Partial<EventDataInput<'session.started'>> = {},
): EventDataInput<'session.started'> {
  return {
    sessionType: 'deep',
    intent: 'Add --retry flag',
    branch: 'main',
    platform: 'claude',
    repo: '/repo',
    headRef: '0f3c2a9d5e1b7c4a8f6e2d1c0b9a8f7e6d5c4b3a',
    semanticId: 'main-2026-08-22-deep-1',
    issues: [101, 102],
    pid: 4242,
    host: 'box',
    ...over,
  };
}

const D1 =
  'Wave 2 resource-gate reduce: ram-free below soft floor. Measurements: ramFreeGb=3.1, cpuLoadPct=42, concurrentSessions=2. Planned agents=4, dispatched=2.';
const D2 =
  'Wave 2 auto-fix succeeded after 2 attempts (max-retries config: 2). Failed gate(s): test. Final pass on attempt 2.';
const D4 =
  'Wave 2 edit-persistence violation: agent "Runner retry wiring" reported partial but declared file(s) src/runner/run.ts are absent from the on-disk change set. Result treated as unverified — re-dispatched.';

/** The golden session of fixtures 01 → 06 as events; `marks` names the prefix lengths. */
export function goldenSession(): { events: DomainEvent[]; marks: Record<string, number> } {
  const ev = eventStamper();
  const events: DomainEvent[] = [];
  const marks: Record<string, number> = {};
  const push = (e: DomainEvent): void => void events.push(e);
  push(ev('session.started', startedData()));
  push(
    ev(
      'session.planned',
      planData([
        { role: 'Discovery', tasks: [] },
        {
          role: 'Impl-Core',
          tasks: [
            ['m-1', 'Add retry flag to CLI parser'],
            ['m-2', 'Wire retry flag into runner'],
          ],
        },
        { role: 'Impl-Polish', tasks: [['m-3', 'Polish error messages']] },
        { role: 'Quality', tasks: [] },
        { role: 'Finalization', tasks: [] },
      ]),
    ),
  );
  push(
    ev('docs_task.recorded', {
      id: 'docs-1',
      audience: 'dev',
      targetPattern: 'docs/**/*.md',
      rationale: 'Document the new retry flag',
      wave: 3,
      status: 'planned',
    }),
  );
  marks.init = events.length;
  push(
    ev('baseline.frozen', {
      intent: 'Add --retry flag',
      ownerBoundary: 'src/cli/**, src/runner/**',
      plannedFiles: 3,
    }),
  );
  for (const id of ['m-1', 'm-2', 'm-3']) {
    push(
      ev('mission.status_changed', { id, from: 'brainstormed', to: 'validated', reason: '/go' }),
    );
  }
  marks.validated = events.length;
  push(ev('wave.skipped', { wave: 1, role: 'Discovery', reason: 'no tasks' }));
  push(
    ev('wave.started', {
      wave: 2,
      role: 'Impl-Core',
      isolation: 'none',
      enforcement: 'warn',
      taskIds: ['m-1', 'm-2'],
      plannedFiles: 3,
      allowedPaths: ['src/cli/**', 'src/runner/**'],
    }),
  );
  for (const id of ['m-1', 'm-2']) {
    push(
      ev('mission.status_changed', { id, from: 'validated', to: 'in-dev', reason: 'dispatched' }),
    );
  }
  push(
    ev(
      'deviation.recorded',
      { wave: 2, kind: 'D1', code: 'text', params: { text: D1 } },
      '2026-08-22T07:31:02.000Z',
    ),
  );
  marks.dispatched = events.length;
  push(ev('heartbeat.recorded', { wave: 2 }));
  push(
    ev('wave.reviewed', {
      wave: 2,
      agents: [
        {
          agentId: 'a1',
          taskId: 'm-1',
          description: 'CLI retry flag',
          status: 'done',
          filesChanged: ['src/cli/parse.ts', 'test/cli/parse.test.ts'],
          note: 'parser + unit test',
        },
        {
          agentId: 'a2',
          taskId: 'm-2',
          description: 'Runner retry wiring',
          status: 'failed',
          filesChanged: [],
          note: 'Edit old_string not found 3x (error-echo, edit-format-friction) → issue #140',
        },
      ],
      filesChanged: ['src/cli/parse.ts', 'test/cli/parse.test.ts'],
    }),
  );
  push(
    ev(
      'deviation.recorded',
      { wave: 2, kind: 'D2', code: 'text', params: { text: D2 } },
      '2026-08-22T08:02:30.000Z',
    ),
  );
  push(
    ev(
      'deviation.recorded',
      { wave: 2, kind: 'D4', code: 'text', params: { text: D4 } },
      '2026-08-22T08:02:31.000Z',
    ),
  );
  push(
    ev('wave.completed', {
      wave: 2,
      role: 'Impl-Core',
      quality: 'pass',
      filesChanged: 4,
      suite: { passed: 212, failed: 0, platform: 'linux' },
    }),
  );
  push(
    ev('question.asked', {
      question: 'Should --retry default to 3 or 0?',
      source: 'W2/CLI retry flag',
      prio: 'high',
    }),
  );
  push(
    ev('question.asked', {
      question: 'Keep legacy RETRY env var?',
      source: 'W2/Runner retry wiring, reopened',
    }),
  );
  push(ev('mission.status_changed', { id: 'm-1', from: 'in-dev', to: 'testing', reason: 'q' }));
  marks.postwave = events.length;
  push(
    ev('question.answered', {
      question: 'Should --retry default to 3 or 0?',
      answer: 'default 3, operator confirmed',
    }),
  );
  push(
    ev(
      'what_not_to_retry.recorded',
      legacyWhatNotToRetry(
        'Patching run.ts via exact old_string Edit',
        'FAILED — file reformatted by prettier between read and edit (evidence: src/runner/run.ts:40)',
      ),
      '2026-08-22T09:39:00.000Z',
    ),
  );
  push(
    ev('mission.status_changed', { id: 'm-1', from: 'testing', to: 'completed', reason: 'gate' }),
  );
  push(ev('session.completed', { outcome: 'carryover' }, '2026-08-22T09:40:00.000Z'));
  marks.end = events.length;
  return { events, marks };
}

/** A What Not To Retry entry that carries only its own words (as the reference's golden data). */
export function legacyWhatNotToRetry(approach: string, why: string) {
  return { taskId: '', description: '', status: '', note: '', file: null, text: { approach, why } };
}
