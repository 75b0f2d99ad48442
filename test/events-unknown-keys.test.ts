import { describe, expect, it } from 'vitest';
import { parseEvent } from '../src/events.js';
import { fastParseEvent } from '../src/adapters/jsonl-fast-parse.js';

const raw = {
  v: 1,
  seq: 3,
  ts: '2026-01-01T00:00:00.000Z',
  session: 's',
  type: 'agent.output',
  data: { agentId: 'w1-m-1-a1', text: 'hi', addedByANewerBuild: { x: 1 } },
};

describe('unknown keys in event data (issue 8, item 10)', () => {
  it('are kept on read, after the known keys, by both parsers', () => {
    for (const parse of [parseEvent, fastParseEvent]) {
      const e = parse(structuredClone(raw));
      expect(e.data).toEqual(raw.data);
      expect(Object.keys(e.data)).toEqual(['agentId', 'text', 'addedByANewerBuild']);
    }
  });

  it('known keys still go through their schema', () => {
    expect(() => parseEvent({ ...raw, data: { ...raw.data, text: 5 } })).toThrow('text');
  });
});
