import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventCatalog, validateEventData, type EventType } from '../../src/events.js';
import { FAIL, compileSchema } from '../../src/events/schema-compiler.js';

/** zod's own verdict on `data` for `type`: the parsed JSON, or the error. */
function zodOutcome(type: EventType, data: unknown): string {
  const result = eventCatalog[type].data.safeParse(data);
  return result.success ? `ok ${JSON.stringify(result.data)}` : 'error';
}

function liveOutcome(type: EventType, data: unknown): string {
  try {
    return `ok ${JSON.stringify(validateEventData(type, data))}`;
  } catch {
    return 'error';
  }
}

const TOOL: EventType = 'agent.tool_called';
const good = () => ({ agentId: 'w1-m-1-a1', tool: 'Edit', input: { file_path: 'src/a.ts' } });

class Box {
  agentId = 'w1-m-1-a1';
  tool = 'Edit';
  input = { file_path: 'src/a.ts' };
}

/** Values a live producer could build that JSON never holds. */
const liveOnly: [string, EventType, () => unknown][] = [
  ['NaN number', 'agent.turn_started', () => ({ agentId: 'a', turn: Number.NaN })],
  ['Infinity number', 'agent.usage', () => ({ agentId: 'a', costUsd: Infinity })],
  ['-Infinity integer', 'agent.timed_out', () => ({ agentId: 'a', timeoutMs: -Infinity })],
  ['unsafe integer', 'agent.turn_started', () => ({ agentId: 'a', turn: 2 ** 53 })],
  ['fraction where an int is due', 'agent.turn_started', () => ({ agentId: 'a', turn: 1.5 })],
  [
    'symbol key in a record',
    TOOL,
    () => ({ ...good(), input: { file_path: 'x', [Symbol('s')]: 1 } }),
  ],
  ['class instance as data', TOOL, () => new Box()],
  ['class instance as a record', TOOL, () => ({ ...good(), input: new Box() })],
  ['Date as a record', TOOL, () => ({ ...good(), input: new Date(0) })],
  ['explicit undefined under an optional key', TOOL, () => ({ ...good(), callId: undefined })],
  ['explicit undefined under a required key', TOOL, () => ({ ...good(), tool: undefined })],
  ['array as data', TOOL, () => [good()]],
  ['null-prototype data', TOOL, () => Object.assign(Object.create(null) as object, good())],
  ['keys out of schema order', TOOL, () => ({ input: {}, tool: 'Bash', agentId: 'a' })],
  ['an unknown key', TOOL, () => ({ ...good(), extra: 1 })],
  ['boxed string', TOOL, () => ({ ...good(), tool: new String('Edit') })],
  ['bigint', 'agent.turn_started', () => ({ agentId: 'a', turn: 1n })],
  ['empty agent id', TOOL, () => ({ ...good(), agentId: '' })],
  ['default filled in', 'agent.finished', () => finished()],
];

function finished(): Record<string, unknown> {
  return {
    agentId: 'a',
    status: 'done',
    reported: null,
    summary: 's',
    filesChanged: [],
    turns: 1,
    exitCode: 0,
  };
}

describe('validateEventData fast path (live values)', () => {
  it('compiles the hot event types (no silent fallback to zod for every event)', () => {
    for (const type of [TOOL, 'agent.output', 'agent.turn_started', 'agent.usage'] as const) {
      expect(compileSchema(eventCatalog[type].data, 'live'), type).toBeDefined();
    }
  });

  it.each(liveOnly)('%s: same verdict and value as zod', (_name, type, make) => {
    expect(liveOutcome(type, make())).toBe(zodOutcome(type, make()));
  });

  it('never accepts what zod rejects, for every type (mutated samples)', () => {
    const bad: unknown[] = [null, 0, -1, 1.5, Number.NaN, Infinity, '', 'x', true, [], {}, [1]];
    for (const [type, def] of Object.entries(eventCatalog) as [EventType, { data: z.ZodType }][]) {
      const fn = compileSchema(def.data, 'live');
      if (!fn) continue;
      const shape = (def.data as unknown as { shape?: Record<string, unknown> }).shape ?? {};
      for (const key of Object.keys(shape)) {
        for (const value of bad) {
          const data = { [key]: value };
          const fast = fn(data);
          if (fast !== FAIL) expect(`ok ${JSON.stringify(fast)}`).toBe(zodOutcome(type, data));
          expect(liveOutcome(type, data)).toBe(zodOutcome(type, data));
        }
      }
    }
  });

  it('agrees with zod on every key of valid hot events set to a bad value', () => {
    const bad: unknown[] = [null, undefined, 0, -1, 1.5, Number.NaN, '', [], {}, new Date(0)];
    const samples: [EventType, Record<string, unknown>][] = [
      [TOOL, good()],
      ['agent.output', { agentId: 'a', text: 't', coalesced: 2, droppedChars: 0 }],
      ['agent.usage', { agentId: 'a', inputTokens: 1, outputTokens: 2, costUsd: 0.5, turns: 1 }],
      ['agent.finished', finished()],
    ];
    for (const [type, sample] of samples) {
      expect(liveOutcome(type, sample)).toBe(zodOutcome(type, sample));
      expect(liveOutcome(type, sample)).toMatch(/^ok /);
      for (const key of Object.keys(sample)) {
        for (const value of bad) {
          const data = { ...sample, [key]: value };
          expect(liveOutcome(type, data), `${type}.${key} = ${String(value)}`).toBe(
            zodOutcome(type, data),
          );
        }
      }
    }
  });

  it('returns the data itself when it is already parsed, a parsed copy otherwise', () => {
    const data = good();
    expect(validateEventData(TOOL, data)).toBe(data);
    const withDefault = finished();
    const parsed = validateEventData('agent.finished', withDefault) as { openQuestions: unknown };
    expect(parsed).not.toBe(withDefault);
    expect(parsed.openQuestions).toEqual([]);
    expect('openQuestions' in withDefault).toBe(false);
  });

  it('keeps zod’s error message', () => {
    expect(() =>
      validateEventData('agent.turn_started', { agentId: 'a', turn: Number.NaN }),
    ).toThrow(/turn/);
  });

  it('leaves a schema with a refinement to zod', () => {
    const refined = z.object({ a: z.string() }).refine((v) => v.a !== 'no');
    expect(compileSchema(refined, 'live')).toBeUndefined();
    expect(
      compileSchema(
        z.string().transform((s) => s.length),
        'live',
      ),
    ).toBeUndefined();
  });
});
