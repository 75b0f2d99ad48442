import { describe, expect, it } from 'vitest';
import { EventValidationError, eventJsonSchemas, parseEvent } from '../src/index.js';

const base = { v: 1, seq: 1, ts: '2026-11-24T09:00:00.000Z', session: 's-1' };

describe('event envelope', () => {
  it('parses a valid event and applies defaults', () => {
    const e = parseEvent({
      ...base,
      type: 'question.asked',
      data: { question: 'q?', source: 'W1/a' },
    });
    expect(e.type).toBe('question.asked');
    expect(e.data).toEqual({ question: 'q?', source: 'W1/a', prio: 'medium' });
  });

  it.each([
    [{ ...base, type: 'nope.happened', data: {} }, 'unknown event type "nope.happened"'],
    [{ ...base, v: 2, type: 'heartbeat.recorded', data: {} }, 'version 2 is newer'],
    [{ ...base, ts: '2026-11-24T09:00:00Z', type: 'heartbeat.recorded', data: {} }, '"ts" must be'],
    [{ ...base, seq: 0, type: 'heartbeat.recorded', data: {} }, '"seq" must be'],
    [{ ...base, type: 'heartbeat.recorded' }, 'missing "data"'],
    [[1, 2], 'must be a JSON object'],
    [
      {
        ...base,
        type: 'mission.status_changed',
        data: { id: 'm-1', from: null, to: 'done', reason: '' },
      },
      'to: Invalid option',
    ],
  ])('rejects %j', (raw, message) => {
    expect(() => parseEvent(raw)).toThrow(EventValidationError);
    try {
      parseEvent(raw);
    } catch (error) {
      expect((error as Error).message).toContain(message);
    }
  });

  it('exports a JSON Schema for every event type', () => {
    const schemas = eventJsonSchemas();
    expect(Object.keys(schemas)).toContain('agent.finished');
    expect(Object.keys(schemas).length).toBeGreaterThan(30);
  });
});

describe('event versions table', () => {
  it('lists exactly the catalogue with its current versions (zod-free fast paths rely on it)', async () => {
    const { EVENT_VERSIONS } = await import('../src/event-versions.js');
    const { eventCatalog } = await import('../src/events.js');
    const fromCatalogue = Object.fromEntries(Object.values(eventCatalog).map((d) => [d.type, d.v]));
    expect(EVENT_VERSIONS).toEqual(fromCatalogue);
  });
});

describe('upcasting', () => {
  it('brings old data to the current version one step at a time', async () => {
    const { upcast } = await import('../src/upcasters.js');
    const registry = {
      'agent.usage@1': (d: unknown) => ({ ...(d as object), tokens: (d as { t: number }).t }),
      'agent.usage@2': (d: unknown) => {
        const { t: _t, ...rest } = d as { t: number };
        return { ...rest, inputTokens: (d as { tokens: number }).tokens };
      },
    };
    expect(upcast('agent.usage', 1, 3, { agentId: 'a', t: 5 }, registry)).toEqual({
      agentId: 'a',
      tokens: 5,
      inputTokens: 5,
    });
    expect(upcast('agent.usage', 3, 3, { x: 1 }, registry)).toEqual({ x: 1 });
    expect(() => upcast('agent.usage', 1, 4, {}, registry)).toThrow(
      'no upcaster from version 3 (current is 4)',
    );
  });
});
