/** Test helper: stamps `v`/`seq`/`ts`/`session` on hand-built events and folds projections. */
import {
  currentVersion,
  parseEvent,
  type DomainEvent,
  type EventDataInput,
  type EventType,
} from '../../src/events.js';
import type { Projection, ProjectionOutput } from '../../src/projections/projection.js';

/** Stream id used by the fixtures below. */
export const STREAM = '3f2b8c1e-9d4a-4f6b-8e2c-1a2b3c4d5e6f';
/** Semantic label used by the fixtures below. */
export const LABEL = 'main-2026-08-22-deep-1';

/** A stamper: each call validates and stamps one event, advancing the clock by `stepMs`. */
export function createStamper(start = '2026-08-22T07:15:00.000Z', session = STREAM) {
  let seq = 0;
  let now = Date.parse(start);
  return function stamp<T extends EventType>(
    type: T,
    data: EventDataInput<T>,
    stepMs = 1000,
  ): DomainEvent {
    seq += 1;
    if (seq > 1) now += stepMs;
    return parseEvent({
      v: currentVersion(type),
      seq,
      ts: new Date(now).toISOString(),
      session,
      type,
      data,
    });
  };
}

/** Folds `events` through `projection` and renders. */
export function foldRender<V>(
  projection: Projection<V>,
  events: readonly DomainEvent[],
): ProjectionOutput[] {
  let view = projection.init();
  for (const e of events) view = projection.evolve(view, e);
  return projection.render(view);
}

/** Every prefix render of a log (time travel): renders after each event. */
export function rendersAtEachStep<V>(
  projection: Projection<V>,
  events: readonly DomainEvent[],
): ProjectionOutput[][] {
  const out: ProjectionOutput[][] = [];
  let view = projection.init();
  for (const e of events) {
    view = projection.evolve(view, e);
    out.push(projection.render(view));
  }
  return out;
}

type Stamp = ReturnType<typeof createStamper>;

/** session.started with the fixture identity. */
export function sessionStarted(
  stamp: Stamp,
  over: Partial<EventDataInput<'session.started'>> = {},
): DomainEvent {
  return stamp('session.started', {
    sessionType: 'deep',
    intent: 'Runner retries',
    branch: 'main',
    platform: 'claude',
    repo: '/work/repo',
    headRef: 'abc123',
    semanticId: LABEL,
    issues: [12],
    pid: 20630,
    host: 'vm',
    ...over,
  });
}

/** session.planned with the given waves of task ids. */
export function sessionPlanned(
  stamp: Stamp,
  waves: {
    wave: number;
    role: 'Discovery' | 'Impl-Core' | 'Impl-Polish' | 'Quality' | 'Finalization';
    tasks: string[];
  }[],
  autoFix = false,
): DomainEvent {
  return stamp('session.planned', {
    plan: {
      session: { type: 'deep', intent: 'Runner retries' },
      config: { verificationAutoFix: { enabled: autoFix, maxRetries: autoFix ? 2 : 0 } },
      runners: {},
      waves: waves.map((w) => ({
        wave: w.wave,
        role: w.role,
        tasks: w.tasks.map((id) => ({ id, task: `do ${id}` })),
      })),
    },
    source: 'plan.yaml',
  });
}

/** agent.dispatched for `agentId` in `wave`. */
export function dispatched(
  stamp: Stamp,
  wave: number,
  agentId: string,
  taskId = 'm-1',
): DomainEvent {
  return stamp('agent.dispatched', {
    wave,
    taskId,
    agentId,
    attempt: 1,
    runner: 'session-orchestrator:code-implementer',
    description: `task ${taskId}`,
    maxTurns: 25,
    reason: 'planned',
  });
}

/** agent.finished with a status and files. */
export function finished(
  stamp: Stamp,
  agentId: string,
  status: 'done' | 'partial' | 'failed' | 'spiral' | 'stagnant',
  filesChanged: string[] = [],
): DomainEvent {
  return stamp('agent.finished', {
    agentId,
    status,
    reported: status === 'spiral' || status === 'stagnant' ? 'done' : status,
    summary: 'ok',
    filesChanged,
    turns: 5,
    exitCode: 0,
  });
}
