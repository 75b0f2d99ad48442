/**
 * Given a run longer than the calls the collector keeps one by one, when it resolves its outcome,
 * then the older calls still count: their changed files, their permission denials, the call count
 * of a format without turns, and the agent's own last call; and memory holds only the newest.
 */
import { describe, expect, it } from 'vitest';
import { RunCollector } from '../../../src/actors/runners/run-collector.js';
import type { StreamItem } from '../../../src/actors/runners/stream-item.js';

const CWD = '/repo';
const read = (i: number, parentCallId?: string): StreamItem => ({
  kind: 'tool_called',
  tool: 'Read',
  input: { file_path: `${CWD}/src/r${i}.ts` },
  callId: `r${i}`,
  ...(parentCallId !== undefined ? { parentCallId } : {}),
});

describe('call ledger of a long run', () => {
  it('keeps the newest 1024 calls and folds the older ones into the outcome', () => {
    const c = new RunCollector(CWD);
    const items: StreamItem[] = [
      {
        kind: 'tool_called',
        tool: 'Write',
        input: { file_path: `${CWD}/src/early.ts`, content: 'x' },
      },
      {
        kind: 'tool_called',
        tool: 'Edit',
        input: { file_path: `${CWD}/src/failed.ts` },
        callId: 'f',
      },
      { kind: 'tool_failed', tool: 'Edit', error: 'old_string not found', callId: 'f' },
      { kind: 'tool_called', tool: 'Bash', input: { command: 'rm -rf x' }, callId: 'd' },
      { kind: 'permission_denied', tool: 'Bash', callId: 'd', allowWith: '--allowedTools Bash' },
    ];
    for (let i = 0; i < 3000; i += 1) items.push(read(i));
    items.push({ kind: 'text', text: 'STATUS: done — read everything' });
    for (const item of items) c.add(item);
    expect(c.calls).toHaveLength(1024);
    expect(c.calls[0]).toMatchObject({ callId: 'r1976' });
    const out = c.outcome({ exitCode: 0 });
    expect(out.filesChanged).toEqual(['src/early.ts']);
    expect(out.summary).toContain('1 permission denial(s): Bash — allow with --allowedTools Bash');
    expect(out.turns).toBe(3003);
  });

  it('the last own call is remembered past the window: an unanswered failure fails the run', () => {
    const c = new RunCollector(CWD);
    c.add({ kind: 'text', text: 'working' });
    c.add({ kind: 'tool_called', tool: 'Bash', input: { command: 'npm test' }, callId: 'own' });
    for (let i = 0; i < 1100; i += 1) c.add(read(i, 'task'));
    c.add({ kind: 'tool_failed', tool: 'Bash', error: 'exit 1', callId: 'late' });
    expect(c.calls.at(-1)).toMatchObject({ tool: 'Bash', error: 'exit 1', callId: 'late' });
    expect(c.outcome({ exitCode: 0 })).toMatchObject({ status: 'failed', summary: 'Bash: exit 1' });
  });
});
