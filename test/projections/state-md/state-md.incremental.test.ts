/**
 * The live STATE.md render reuses memoised pieces (blocks of 128 tasks, one piece per wave, blocks
 * of deviations) and hands the writer its segments. After a pseudo-random sequence of events
 * (fixed seed), rendered along the way as the live flusher does, every render equals the render of
 * a view folded from scratch (nothing memoised), the segments concatenate to the content, and a
 * piece no event reached is the very string object of the previous render.
 */
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../src/events.js';
import type { FileOutput } from '../../../src/projections/projection.js';
import { stateMdProjection } from '../../../src/projections/state-md/state-md.projection.js';
import type { StateMdView } from '../../../src/projections/state-md/state-md.view.js';
import { eventStamper, legacyWhatNotToRetry, planData, startedData } from './state-md.events.js';

/** mulberry32: a small deterministic PRNG (uniform in [0, 1)). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATUSES = ['brainstormed', 'validated', 'in-dev', 'testing', 'completed'] as const;
const ROLES = ['Discovery', 'Impl-Core', 'Impl-Polish', 'Quality', 'Finalization'] as const;

/** A session of 5 waves (130 + 160 + 20 + 0 + 3 tasks) and `count` pseudo-random events. */
function randomSession(seed: number, count: number): DomainEvent[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const ev = eventStamper();
  const sizes = [130, 160, 20, 0, 3];
  const waves = sizes.map((n, w) => ({
    role: ROLES[w] as (typeof ROLES)[number],
    tasks: Array.from({ length: n }, (_, i): [string, string] => [`t${w}-${i}`, `Task ${w}.${i}`]),
  }));
  const ids = waves.flatMap((w) => w.tasks.map(([id]) => id));
  const events = [ev('session.started', startedData()), ev('session.planned', planData(waves))];
  const asked: string[] = [];
  for (let k = 0; k < count; k++) {
    const r = rnd();
    const wave = 1 + Math.floor(rnd() * sizes.length);
    const role = ROLES[wave - 1] as (typeof ROLES)[number];
    if (r < 0.6) {
      // Mostly planned tasks; now and then one outside the plan (a body line only).
      const id = rnd() < 0.03 ? `x-${Math.floor(rnd() * 40)}` : pick(ids);
      events.push(
        ev('mission.status_changed', { id, from: null, to: pick(STATUSES), reason: 'r' }),
      );
    } else if (r < 0.68) {
      events.push(
        ev('deviation.recorded', {
          wave,
          kind: 'D1',
          code: 'text',
          params: { text: `deviation ${k}` },
        }),
      );
    } else if (r < 0.72) {
      const taskIds = (waves[wave - 1]?.tasks ?? []).slice(0, 5).map(([id]) => id);
      events.push(
        ev('wave.started', {
          wave,
          role,
          isolation: 'none',
          enforcement: 'warn',
          taskIds,
          plannedFiles: Math.floor(rnd() * 9),
          allowedPaths: [],
        }),
      );
    } else if (r < 0.77) {
      const agents = (waves[wave - 1]?.tasks ?? []).slice(0, 4).map(([taskId], i) => ({
        agentId: `a${k}-${i}`,
        taskId,
        description: `Agent ${k}.${i}`,
        status: pick(['done', 'failed', 'partial', 'spiral'] as const),
        filesChanged: i % 2 === 0 ? ['src/a.ts'] : [],
        note: i === 1 ? `note ${k}` : '',
      }));
      events.push(ev('wave.reviewed', { wave, agents, filesChanged: ['src/a.ts'] }));
    } else if (r < 0.8) {
      events.push(
        ev('wave.completed', {
          wave,
          role,
          quality: 'pass',
          filesChanged: Math.floor(rnd() * 7),
          ...(rnd() < 0.5 ? { suite: { passed: k, failed: 0, platform: 'linux' } } : {}),
        }),
      );
    } else if (r < 0.82) {
      events.push(ev('wave.skipped', { wave, role, reason: 'no tasks' }));
    } else if (r < 0.84) {
      const own = waves[wave - 1]?.tasks ?? [];
      const taskId = own.length > 0 ? pick(own)[0] : 't0-0';
      events.push(
        ev('carryover.issue_filed', {
          wave,
          taskId,
          kind: 'FAILED',
          tracker: 'github',
          outcome: pick(['created', 'existing', 'failed'] as const),
          taskHash: 'abcd1234',
          number: 100 + k,
        }),
      );
    } else if (r < 0.88) {
      const question = `Question ${Math.floor(rnd() * 30)}?`;
      asked.push(question);
      events.push(ev('question.asked', { question, source: `W${wave}` }));
    } else if (r < 0.9 && asked.length > 0) {
      events.push(ev('question.answered', { question: pick(asked), answer: `answer ${k}` }));
    } else if (r < 0.92) {
      events.push(
        ev('docs_task.recorded', {
          id: `docs-${Math.floor(rnd() * 4)}`,
          audience: 'dev',
          targetPattern: 'docs/**',
          rationale: `why ${k}`,
          wave,
          status: pick(['planned', 'ok', 'partial', 'gap'] as const),
        }),
      );
    } else if (r < 0.93) {
      events.push(ev('what_not_to_retry.recorded', legacyWhatNotToRetry(`way ${k}`, 'no')));
    } else if (r < 0.95) {
      events.push(ev('session.paused', { reason: `pause ${k}` }));
    } else if (r < 0.97) {
      events.push(ev('session.resumed', { pid: 1, host: 'h', inFlight: [], policy: 'redispatch' }));
    } else if (r < 0.98) {
      // A re-plan: the waves' task lists reversed and one task renamed (a new frontmatter order).
      const replanned = waves.map((w) => ({ role: w.role, tasks: [...w.tasks].reverse() }));
      replanned[1]?.tasks.push([`t1-${200 + k}`, `Added ${k}`]);
      events.push(ev('session.planned', planData(replanned, { groundingCheck: rnd() < 0.5 })));
    } else {
      events.push(ev('heartbeat.recorded', { wave }));
    }
  }
  return events;
}

function renderOf(view: StateMdView): FileOutput {
  const [out] = stateMdProjection.render(view);
  return out as FileOutput;
}

function foldFromScratch(events: readonly DomainEvent[], upTo: number): string | null {
  let view = stateMdProjection.init();
  for (let i = 0; i < upTo; i++) view = stateMdProjection.evolve(view, events[i] as DomainEvent);
  return renderOf(view).content;
}

describe('STATE.md: the memoised render equals a render from scratch', () => {
  for (const seed of [12, 2026, 77777]) {
    it(`after pseudo-random events, rendered along the way (seed ${seed})`, () => {
      const events = randomSession(seed, 1500);
      const rnd = prng(seed ^ 0x5eed);
      let live = stateMdProjection.init();
      let checked = 0;
      events.forEach((e, i) => {
        live = stateMdProjection.evolve(live, e);
        if (i < 2 || rnd() > 0.08) return; // render now and then, as the coalesced flush does
        const out = renderOf(live);
        expect(out.segments?.join('')).toBe(out.content);
        expect(out.content).toBe(foldFromScratch(events, i + 1));
        // A checkpoint copy renders the same (its memos are shared, immutable strings).
        expect(renderOf(stateMdProjection.clone!(live)).content).toBe(out.content);
        checked += 1;
      });
      expect(checked).toBeGreaterThan(80);
      expect(renderOf(live).content).toBe(foldFromScratch(events, events.length));
    });
  }

  it('keeps the pieces no event reached: the same string objects as the previous render', () => {
    const ev = eventStamper();
    const tasks = Array.from({ length: 1000 }, (_, i): [string, string] => [`t-${i}`, `T ${i}`]);
    let view = stateMdProjection.init();
    const fold = (e: DomainEvent): void => void (view = stateMdProjection.evolve(view, e));
    fold(ev('session.started', startedData()));
    fold(ev('session.planned', planData([{ role: 'Impl-Core', tasks }])));
    for (let i = 0; i < 1000; i++) {
      fold(ev('mission.status_changed', { id: `t-${i}`, from: null, to: 'in-dev', reason: 'r' }));
    }
    const before = renderOf(view).segments as readonly string[];
    fold(ev('mission.status_changed', { id: 't-500', from: null, to: 'testing', reason: 'r' }));
    const after = renderOf(view).segments as readonly string[];
    expect(after).toHaveLength(before.length);
    const changed = after.filter((s, i) => s !== before[i]);
    // The frontmatter head (`updated:` follows the block list), t-500's frontmatter block and
    // body block, and the text between them that holds `updated:`.
    expect(changed.length).toBeLessThanOrEqual(4);
    expect(changed.reduce((n, s) => n + s.length, 0)).toBeLessThan(
      (renderOf(view).content ?? '').length / 3,
    );
  });
});
