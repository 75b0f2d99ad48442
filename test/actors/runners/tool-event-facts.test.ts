/**
 * Given large tool inputs that the runner cuts before logging, when the detectors fold the logged
 * events (via factFromToolEvent), then they see the same edits as from the stream.
 */
import { describe, expect, it } from 'vitest';
import { eventOf } from '../../../src/actors/runners/stream-events.js';
import type { StreamItem } from '../../../src/actors/runners/stream-item.js';
import {
  factFromToolEvent,
  finishLoopWatch,
  newLoopWatch,
  observeFactAll,
} from '../../../src/domain/supervision/loop-watch.js';
import type { LoopVerdict } from '../../../src/domain/supervision/loop-watch.types.js';

const CWD = '/repo';
// Two long texts that agree on their first 256 characters: cut, they would look the same.
const A = `${'x'.repeat(300)} A`;
const B = `${'x'.repeat(300)} B`;
const edit = (n: number, from: string, to: string): StreamItem => ({
  kind: 'tool_called',
  tool: 'Edit',
  input: { file_path: '/repo/src/big.ts', old_string: from, new_string: to },
  callId: `toolu_${n}`,
});

function fromStream(items: StreamItem[]): LoopVerdict[] {
  const state = newLoopWatch({ spiralRule: 'default', cwd: CWD });
  const out: LoopVerdict[] = [];
  for (const item of items) {
    if (item.kind === 'tool_called') {
      out.push(...observeFactAll(state, { kind: 'call', tool: item.tool, input: item.input }));
    }
  }
  return [...out, ...finishLoopWatch(state)];
}

function fromLog(items: StreamItem[]): LoopVerdict[] {
  const state = newLoopWatch({ spiralRule: 'default', cwd: CWD });
  const out: LoopVerdict[] = [];
  for (const item of items) {
    const event = eventOf('w1-m-1-1', item, 512);
    expect(event?.type).toBe('agent.tool_called');
    if (event?.type !== 'agent.tool_called') continue;
    expect(event.data.inputDigests).toEqual({
      old_string: expect.any(String) as unknown,
      new_string: expect.any(String) as unknown,
    });
    const fact = factFromToolEvent(event.type, event.data);
    if (fact) out.push(...observeFactAll(state, fact));
  }
  return [...out, ...finishLoopWatch(state)];
}

describe('loop detectors over logged (cut) tool inputs', () => {
  it('given A→B→A→B edits of long texts, then the log shows the same spiral as the stream', () => {
    const items = [edit(1, A, B), edit(2, B, A), edit(3, A, B)];
    const stream = fromStream(items);
    expect(stream.map((v) => v.pattern)).toEqual(['edit-spiral']);
    expect(fromLog(items)).toEqual(stream);
  });

  it('given long edits that only share a prefix, then no verdict from the log either', () => {
    const items = [edit(1, A, `${A}1`), edit(2, B, `${B}2`), edit(3, `${A}3`, `${B}4`)];
    expect(fromStream(items)).toEqual([]);
    expect(fromLog(items)).toEqual([]);
  });
});
