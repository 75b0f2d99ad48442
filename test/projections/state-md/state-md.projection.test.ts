import { REFERENCE_DIR } from '../../support/reference.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../src/events.js';
import { parseStateMd, serializeStateMd } from '../../../src/formats/frontmatter.codec.js';
import { stateMdProjection } from '../../../src/projections/state-md/state-md.projection.js';
import {
  readCurrentTask,
  readMissionStatus,
  readOpenQuestions,
  readWhatNotToRetry,
} from '../../../src/formats/state-md.readers.js';
import {
  eventStamper,
  goldenSession,
  legacyWhatNotToRetry,
  planData,
  startedData,
} from './state-md.events.js';

const GEN = `${REFERENCE_DIR}/generated/state-md`;
const golden = (name: string): string => readFileSync(join(GEN, name), 'utf8');

function project(events: readonly DomainEvent[]): string {
  let view = stateMdProjection.init();
  for (const e of events) view = stateMdProjection.evolve(view, e);
  const out = stateMdProjection.render(view);
  expect(out).toHaveLength(1);
  expect(out[0]).toMatchObject({ kind: 'file', path: '.claude/STATE.md' });
  return (out[0] as { content: string }).content;
}

/** The text of one `## <title>` section up to the next heading. */
function section(text: string, title: string): string | null {
  const start = text.indexOf(`\n## ${title}\n`);
  if (start === -1) return null;
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start + 1, end === -1 ? text.length : end).replace(/\n+$/, '');
}

const stripMissionTs = (s: string | null): string | null =>
  s === null ? null : s.replace(/\(updated [^)]+\)/g, '(updated <ts>)');

describe('STATE.md projection: the golden session 01 → 06', () => {
  const { events, marks } = goldenSession();

  it('renders the initial template with placeholders after session.started + planned', () => {
    const ev = eventStamper();
    const text = project([ev('session.started', startedData({ headRef: null }))]);
    expect(text).toBe(
      [
        '---',
        'schema-version: 1',
        'session-type: deep',
        'branch: main',
        'issues: [101, 102]',
        'started_at: 2026-08-22T07:15:01.000Z',
        'status: active',
        'current-wave: 0',
        'total-waves: 0',
        'session: main-2026-08-22-deep-1',
        'updated: 2026-08-22T07:15:01.000Z',
        '---',
        '',
        '## Current Wave',
        '',
        'Wave 0 — Initializing',
        '',
        '## Wave History',
        '',
        '(none yet)',
        '',
        '## Deviations',
        '',
        '(none yet)',
        '',
      ].join('\n'),
    );
  });

  it('the body at init equals 02 byte for byte; frontmatter keys follow its order', () => {
    const text = project(events.slice(0, marks.init));
    const ours = parseStateMd(text)!;
    const ref = parseStateMd(golden('02-prewave-1b-init.serialized.md'))!;
    expect(ours.body).toBe(ref.body);
    // The reference's init template omits mission-status ([gap]); we write it from the plan.
    const { started_at: _a, updated: _u, 'mission-status': ms, ...rest } = ours.frontmatter;
    const { started_at: _b, ...refRest } = ref.frontmatter;
    expect(ms).toEqual([
      { id: 'm-1', task: 'Add retry flag to CLI parser', wave: 2, status: 'brainstormed' },
      { id: 'm-2', task: 'Wire retry flag into runner', wave: 2, status: 'brainstormed' },
      { id: 'm-3', task: 'Polish error messages', wave: 3, status: 'brainstormed' },
    ]);
    expect(rest).toEqual(refRest);
    expect(Object.keys(rest)).toEqual(Object.keys(refRest));
  });

  it('after /go equals 03 modulo timestamps', () => {
    const text = project(events.slice(0, marks.validated));
    const ref = golden('03-after-go-validated.md');
    const norm = (t: string): string =>
      stripMissionTs(t)!
        .replace(/^(started_at|scope-baseline-frozen-at|updated): .*\n/gm, '')
        .replace(/^updated: .*\n/gm, '');
    expect(norm(text)).toBe(norm(ref));
  });

  it('after dispatch equals 04 modulo timestamps', () => {
    const text = project(events.slice(0, marks.dispatched));
    const ref = golden('04-wave2-dispatched.md');
    // 04 was written before the coordinator recorded the skipped wave 1 (it appears in 05).
    expect(section(text, 'Deviations')).toBe(section(ref, 'Deviations'));
    expect(section(text, 'Wave History')).toBe(
      '## Wave History\n\n### Wave 1 — Discovery (skipped, no tasks)',
    );
    expect(stripMissionTs(section(text, 'Mission Status'))).toBe(
      stripMissionTs(section(ref, 'Mission Status')),
    );
    expect(readCurrentTask(text)).toEqual({
      waveNumber: 2,
      description: 'Wave 2 — Impl-Core (2 agents)',
    });
  });

  it('post-wave sections equal 05 byte for byte (mission lines modulo timestamps)', () => {
    const text = project(events.slice(0, marks.postwave));
    const ref = golden('05-after-wave2-postwave.md');
    for (const title of ['Wave History', 'Deviations', 'Open Questions']) {
      expect(section(text, title)).toBe(section(ref, title));
    }
    expect(stripMissionTs(section(text, 'Mission Status'))).toBe(
      stripMissionTs(section(ref, 'Mission Status')),
    );
    const fm = parseStateMd(text)!.frontmatter;
    expect(fm['current-wave']).toBe(2);
    expect(fm['mission-status']).toEqual(parseStateMd(ref)!.frontmatter['mission-status']);
    expect(readCurrentTask(text)!.description).toBe('Wave 3 — Impl-Polish (1 agent, next)');
  });

  it('session end: sections equal 06; readers agree with its readback', () => {
    const text = project(events);
    const ref = golden('06-session-end-completed.md');
    for (const title of ['Wave History', 'Deviations', 'Open Questions', 'What Not To Retry']) {
      expect(section(text, title)).toBe(section(ref, title));
    }
    expect(stripMissionTs(section(text, 'Mission Status'))).toBe(
      stripMissionTs(section(ref, 'Mission Status')),
    );
    const readback = JSON.parse(golden('06-session-end-completed.readback.json')) as {
      readOpenQuestions: unknown;
      readWhatNotToRetry: unknown;
    };
    expect(readOpenQuestions(text)).toEqual(readback.readOpenQuestions);
    expect(readWhatNotToRetry(text)).toEqual(readback.readWhatNotToRetry);
    expect(readMissionStatus(text, 'm-1')).toBe('completed');
    expect(readMissionStatus(text, 'm-3')).toBe('validated');
    const fm = parseStateMd(text)!.frontmatter;
    const refFm = parseStateMd(ref)!.frontmatter;
    const recommendation = ['recommended-mode', 'top-priorities', 'carryover-ratio'];
    const keys = Object.keys(refFm).filter(
      (k) => !recommendation.includes(k) && k !== 'completion-rate' && k !== 'rationale',
    );
    expect(Object.keys(fm)).toEqual(keys);
    for (const k of keys) {
      if (['started_at', 'scope-baseline-frozen-at'].includes(k)) continue;
      expect([k, fm[k]]).toEqual([k, refFm[k]]);
    }
    expect(readCurrentTask(text)!.description).toBe('Wave 2 — Session complete (carryover)');
  });

  it('every prefix renders a fixpoint of the codec, deterministically', () => {
    for (let n = 1; n <= events.length; n++) {
      const text = project(events.slice(0, n));
      expect(serializeStateMd(parseStateMd(text)!)).toBe(text);
      expect(project(events.slice(0, n))).toBe(text);
    }
  });

  it('renders twice from the same view identically', () => {
    let view = stateMdProjection.init();
    for (const e of events) view = stateMdProjection.evolve(view, e);
    expect(stateMdProjection.render(view)).toEqual(stateMdProjection.render(view));
  });
});

describe('STATE.md projection: status, banner and updated', () => {
  const plan = planData([
    { role: 'Impl-Core', tasks: [['m-1', 'One']] },
    { role: 'Quality', tasks: [] },
  ]);

  it('nothing before session.started', () => {
    expect(stateMdProjection.render(stateMdProjection.init())).toEqual([]);
  });

  it('stream events and heartbeats change nothing, not even updated', () => {
    const ev = eventStamper();
    const base = [ev('session.started', startedData()), ev('session.planned', plan)];
    const before = project(base);
    const noise = [
      ev('heartbeat.recorded', {}),
      ev('agent.tool_called', { agentId: 'a', tool: 'Read', input: {} }),
      ev('agent.output', { agentId: 'a', text: 'hi' }),
      ev('agent.usage', { agentId: 'a', turns: 1 }),
      ev('question.answered', { question: 'never asked', answer: 'x' }),
      ev('mission.status_changed', { id: 'Bad_Id', from: null, to: 'in-dev', reason: 'x' }),
    ];
    expect(project([...base, ...noise])).toBe(before);
  });

  it('paused, aborted, resumed and completed', () => {
    const ev = eventStamper();
    const events = [
      ev('session.started', startedData({ platform: 'codex' })),
      ev('session.planned', plan),
    ];
    let view = stateMdProjection.init();
    for (const e of events) view = stateMdProjection.evolve(view, e);
    const at = (e: DomainEvent): string => {
      view = stateMdProjection.evolve(view, e);
      const out = stateMdProjection.render(view)[0] as { path: string; content: string };
      expect(out.path).toBe('.codex/STATE.md');
      return out.content;
    };
    const fm = (t: string) => parseStateMd(t)!.frontmatter;
    const banner = (t: string) => readCurrentTask(t)!.description;
    let t = at(
      ev('wave.started', {
        wave: 1,
        role: 'Impl-Core',
        isolation: 'none',
        enforcement: 'warn',
        taskIds: ['m-1'],
        plannedFiles: 0,
        allowedPaths: [],
      }),
    );
    expect(banner(t)).toBe('Wave 1 — Impl-Core (1 agent)');
    t = at(ev('session.paused', { reason: 'needs a\ndecision' }));
    expect([fm(t).status, banner(t)]).toEqual(['paused', 'Wave 1 — Paused: needs a decision']);
    t = at(ev('session.resumed', { pid: 1, host: 'h', inFlight: [], policy: 'redispatch' }));
    expect([fm(t).status, banner(t)]).toEqual(['active', 'Wave 1 — Impl-Core (1 agent)']);
    t = at(ev('wave.completed', { wave: 1, role: 'Impl-Core', quality: 'pass', filesChanged: 0 }));
    expect(section(t, 'Wave History')).toBe(
      '## Wave History\n\n### Wave 1 — Impl-Core (planned 0 files → actual 0, over-delivery 0.00)',
    );
    expect(banner(t)).toBe('Wave 2 — Quality (0 agents, next)');
    t = at(ev('session.aborted', { cause: 'gate-exhausted', reason: 'lint' }));
    expect([fm(t).status, banner(t)]).toEqual([
      'paused',
      'Wave 1 — Session aborted (gate-exhausted): lint',
    ]);
    t = at(ev('session.resumed', { pid: 1, host: 'h', inFlight: [], policy: 'redispatch' }));
    expect([fm(t).status, banner(t)]).toEqual(['active', 'Wave 2 — Quality (0 agents, next)']);
    t = at(ev('wave.skipped', { wave: 2, role: 'Quality', reason: 'no tasks' }));
    expect([fm(t)['current-wave'], banner(t)]).toEqual([2, 'Wave 2 — All waves complete']);
    t = at(ev('session.completed', { outcome: 'success' }));
    expect([fm(t).status, banner(t)]).toEqual(['completed', 'Wave 2 — Session complete (success)']);
    expect(fm(t).updated).toBe(view.updated);
  });

  it('grounding-check false drops the parenthetical; no suite, no suite part', () => {
    const ev = eventStamper();
    const text = project([
      ev('session.started', startedData()),
      ev(
        'session.planned',
        planData([{ role: 'Impl-Core', tasks: [] }], { groundingCheck: false }),
      ),
      ev('wave.completed', { wave: 1, role: 'Impl-Core', quality: 'skip', filesChanged: 2 }),
    ]);
    expect(section(text, 'Wave History')).toBe('## Wave History\n\n### Wave 1 — Impl-Core');
  });
});

describe('STATE.md projection: caps, docs tasks and re-planning', () => {
  it('keeps the last 10 what-not-to-retry entries, dated by their event', () => {
    const ev = eventStamper();
    const events = [ev('session.started', startedData())];
    for (let i = 1; i <= 12; i++) {
      events.push(
        ev(
          'what_not_to_retry.recorded',
          legacyWhatNotToRetry(`approach ${i}`, `why\n${i}`),
          `2026-08-${String(10 + i).padStart(2, '0')}T23:59:00.000Z`,
        ),
      );
    }
    const entries = readWhatNotToRetry(project(events));
    expect(entries).toHaveLength(10);
    expect(entries[0]).toEqual({
      approach: 'approach 3',
      why_failed: 'why 3',
      session_id: 'main-2026-08-22-deep-1',
      date: '2026-08-13',
    });
  });

  it('a docs task re-recorded updates its entry in place', () => {
    const ev = eventStamper();
    const docs = (id: string, status: 'planned' | 'ok') =>
      ev('docs_task.recorded', {
        id,
        audience: 'user',
        targetPattern: 'README.md',
        rationale: 'why',
        wave: 1,
        status,
      });
    const text = project([
      ev('session.started', startedData()),
      docs('docs-1', 'planned'),
      docs('docs-2', 'planned'),
      docs('docs-1', 'ok'),
    ]);
    const fm = parseStateMd(text)!.frontmatter;
    expect(fm['docs-tasks']).toEqual([
      {
        id: 'docs-1',
        audience: 'user',
        'target-pattern': 'README.md',
        rationale: 'why',
        wave: 1,
        status: 'ok',
      },
      {
        id: 'docs-2',
        audience: 'user',
        'target-pattern': 'README.md',
        rationale: 'why',
        wave: 1,
        status: 'planned',
      },
    ]);
  });

  it('a new plan keeps known statuses, adds new tasks as brainstormed, drops removed ones', () => {
    const ev = eventStamper();
    const text = project([
      ev('session.started', startedData()),
      ev(
        'session.planned',
        planData([
          {
            role: 'Impl-Core',
            tasks: [
              ['m-1', 'One'],
              ['m-2', 'Two'],
            ],
          },
        ]),
      ),
      ev('mission.status_changed', { id: 'm-1', from: 'brainstormed', to: 'in-dev', reason: 'x' }),
      ev('mission.status_changed', { id: 'x-9', from: null, to: 'testing', reason: 'outside' }),
      ev(
        'session.planned',
        planData([
          { role: 'Impl-Core', tasks: [['m-1', 'One, revised']] },
          { role: 'Quality', tasks: [['m-3', 'Three']] },
        ]),
      ),
    ]);
    const fm = parseStateMd(text)!.frontmatter;
    expect(fm['total-waves']).toBe(2);
    expect(fm['mission-status']).toEqual([
      { id: 'm-1', task: 'One, revised', wave: 1, status: 'in-dev' },
      { id: 'm-3', task: 'Three', wave: 2, status: 'brainstormed' },
    ]);
    expect(readMissionStatus(text, 'x-9')).toBe('testing');
    expect(readMissionStatus(text, 'm-2')).toBeNull();
  });
});
