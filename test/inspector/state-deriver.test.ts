/**
 * "As of event N" in the inspector is what a fresh replay of the first N events gives, whatever
 * order the events are asked for in (forward steps, backward steps, jumps, cache hits).
 */
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/events.js';
import { Coordinator } from '../../src/machines/coordinator.js';
import { Projector } from '../../src/projections/projector.js';
import {
  IntervalCheckpoints,
  ReplayDeriver,
  SHOWN_FILES,
} from '../../src/adapters/inspector/state-deriver.js';
import { inspectorCharts, watchedEventTypes } from '../../src/adapters/inspector/machine-charts.js';
import { FIXTURES } from '../support/fixture-catalogue.js';
import { logPath, readLog } from '../replay/fixture-files.js';
import { foldBudgetSpend } from '../../src/domain/budget/spend.fold.js';
import { ResolvedPlanSchema } from '../../src/domain/plan.schema.js';
import { createCodexJsonParser } from '../../src/actors/runners/codex-json.parser.js';
import { createStamper } from '../projections/event-stamper.js';

/** The view and files after each prefix (index = seq), from one plain forward replay. */
function expected(events: readonly DomainEvent[]) {
  const c = new Coordinator();
  const projector = new Projector(Object.values(SHOWN_FILES));
  const out: { view: ReturnType<Coordinator['view']>; files: Record<string, string | null> }[] = [];
  const snap = () => {
    const files: Record<string, string | null> = {};
    const rendered = projector.render();
    Object.keys(SHOWN_FILES).forEach((label, i) => {
      const o = rendered[i];
      files[label] = !o ? null : o.kind === 'file' ? o.content : o.lines.join('\n');
    });
    out.push({ view: c.view(), files });
  };
  snap();
  for (const e of events) {
    c.apply(e);
    projector.evolve(e);
    snap();
  }
  return out;
}

/** A deterministic shuffled visiting order with backward and forward moves. */
function order(n: number): number[] {
  const seqs = Array.from({ length: n }, (_, i) => i + 1);
  let x = 7;
  for (let i = seqs.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const j = x % (i + 1);
    [seqs[i], seqs[j]] = [seqs[j] as number, seqs[i] as number];
  }
  return [...seqs, ...seqs.slice(0, 10)];
}

describe('ReplayDeriver', () => {
  it.each([
    ['no checkpoint on these short logs', undefined],
    ['a checkpoint every 3 events (restores are copies)', 3],
  ])(
    'equals a fresh replay at every event of every fixture log, in any order: %s',
    async (_, every) => {
      const watched = watchedEventTypes(inspectorCharts());
      for (const spec of FIXTURES) {
        const events = await readLog(logPath(spec.name));
        const checkpoints = every === undefined ? undefined : new IntervalCheckpoints(every);
        const deriver = new ReplayDeriver(() => events, checkpoints, 8, watched);
        const truth = expected(events);
        for (const seq of order(events.length)) {
          const got = deriver.at(seq);
          const before = truth[seq - 1] as (typeof truth)[number];
          const after = truth[seq] as (typeof truth)[number];
          expect(got.after, `${spec.name}@${seq}`).toEqual(after.view);
          expect(got.before, `${spec.name}@${seq}`).toEqual(before.view);
          for (const label of Object.keys(SHOWN_FILES)) {
            expect(got.files[label]?.after, `${spec.name}@${seq} ${label}`).toBe(
              after.files[label],
            );
            expect(got.files[label]?.before, `${spec.name}@${seq} ${label}`).toBe(
              before.files[label],
            );
          }
          expect(got.error).toBeNull();
        }
      }
    },
  );

  it("gives the session's own spend accounting (the budgets' fold) at every event", async () => {
    const events = await readLog(logPath('happy-3-waves'));
    const deriver = new ReplayDeriver(() => events);
    for (const seq of order(events.length)) {
      expect(deriver.at(seq).spend, `@${seq}`).toEqual(foldBudgetSpend(events.slice(0, seq)));
    }
    const spend = deriver.at(events.length).spend;
    const perAgent = Object.values(spend.agents).reduce((s, a) => s + a.usd, 0);
    const perWave = Object.values(spend.waves).reduce((s, a) => s + a.usd, 0);
    expect(spend.session.usd).toBeGreaterThan(0);
    expect(perAgent).toBeCloseTo(spend.session.usd, 9);
    expect(perWave).toBeCloseTo(spend.session.usd, 9);
    expect(spend.session.firstMs).toBe(Date.parse(events[0]?.ts ?? ''));
    expect(spend.session.lastMs).toBe(Date.parse(events.at(-1)?.ts ?? ''));
    expect(deriver.at(3).spend.session.usd).toBe(0);
  });

  it('counts Codex usage as the running total it is (the last turn.completed wins)', () => {
    const events = codexSession();
    const deriver = new ReplayDeriver(() => events);
    const usage = events.filter((e) => e.type === 'agent.usage');
    expect(usage).toHaveLength(3);
    const spend = deriver.at(events.length).spend;
    // The last running total, not the sum of the three (which would be 24,763 + 61,020 + 98,304).
    expect(spend.session.inputTokens).toBe(98_304);
    expect(spend.session.outputTokens).toBe(4_410);
    expect(spend.waves['1']?.inputTokens).toBe(98_304);
    expect(spend.agents['w1-m-1-a1']?.outputTokens).toBe(4_410);
    // Dollars from `prices:` of the runner's model, on the running total.
    expect(spend.session.usd).toBeCloseTo((98_304 * 1.25 + 4_410 * 10) / 1_000_000, 9);
    for (let seq = 1; seq <= events.length; seq++) {
      expect(deriver.at(seq).spend, `@${seq}`).toEqual(foldBudgetSpend(events.slice(0, seq)));
    }
  });
});

/**
 * A session whose only agent runs Codex: its `agent.usage` events are what the runtime makes of
 * `codex exec --json` stdout (the real parser, `codex-json.parser.ts`), three `turn.completed`
 * lines whose usage is the thread's running total (`usage_from_last_total` in codex-rs; the first
 * line is the one of test/fixtures/transcripts/codex-exec.jsonl).
 */
function codexSession(): DomainEvent[] {
  const stamp = createStamper();
  const plan = ResolvedPlanSchema.parse({
    session: { type: 'feature', intent: 'x' },
    config: { prices: { 'gpt-5-codex': { inputPerMtok: 1.25, outputPerMtok: 10 } } },
    runners: { default: { kind: 'codex', model: 'gpt-5-codex' } },
    waves: [{ wave: 1, role: 'Impl-Core', tasks: [{ id: 'm-1', task: 'a' }] }],
  });
  const agentId = 'w1-m-1-a1';
  const events: DomainEvent[] = [
    stamp('session.planned', { plan, source: 'plan.yaml' }),
    stamp('wave.started', {
      wave: 1,
      role: 'Impl-Core',
      isolation: 'none',
      enforcement: 'warn',
      taskIds: ['m-1'],
      plannedFiles: 0,
      allowedPaths: [],
    }),
    stamp('agent.dispatched', {
      wave: 1,
      taskId: 'm-1',
      agentId,
      attempt: 1,
      runner: 'default',
      description: 'a',
      maxTurns: 5,
      reason: 'planned',
    }),
    stamp('agent.started', { agentId, pid: 1, argv: ['codex', 'exec', '--json'] }),
  ];
  const parser = createCodexJsonParser();
  const lines = [
    { type: 'turn.started' },
    {
      type: 'turn.completed',
      usage: { input_tokens: 24763, cached_input_tokens: 24448, output_tokens: 1322 },
    },
    { type: 'turn.started' },
    {
      type: 'turn.completed',
      usage: { input_tokens: 61020, cached_input_tokens: 58112, output_tokens: 2871 },
    },
    { type: 'turn.started' },
    {
      type: 'turn.completed',
      usage: { input_tokens: 98304, cached_input_tokens: 93000, output_tokens: 4410 },
    },
  ];
  for (const line of lines) {
    for (const item of parser.line(JSON.stringify(line))) {
      if (item.kind !== 'usage') continue;
      const { kind: _kind, ...usage } = item;
      events.push(stamp('agent.usage', { agentId, ...usage }));
    }
  }
  return events;
}
