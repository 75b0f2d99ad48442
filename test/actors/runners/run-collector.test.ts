import { describe, expect, it } from 'vitest';
import { RunCollector } from '../../../src/actors/runners/run-collector.js';
import type { StreamItem } from '../../../src/actors/runners/stream-item.js';

const CWD = '/repo';
const edit = (file: string, i = 0): StreamItem => ({
  kind: 'tool_called',
  tool: 'Edit',
  input: { file_path: `${CWD}/${file}`, old_string: `a${i}`, new_string: `b${i}` },
  callId: `c-${file}-${i}`,
});
const result = (
  text: string | undefined,
  extra: Partial<Extract<StreamItem, { kind: 'result' }>> = {},
): StreamItem => ({
  kind: 'result',
  isError: false,
  truncated: false,
  ...(text !== undefined ? { text } : {}),
  ...extra,
});

function outcome(
  items: StreamItem[],
  exitCode: number | null = 0,
  wholeText = false,
  rule: 'default' | 'reference' = 'default',
) {
  const c = new RunCollector(CWD, wholeText, rule);
  for (const i of items) c.add(i);
  return c.outcome({ exitCode });
}

describe('outcome inference without a STATUS line', () => {
  it('produced changes ⇒ done', () => {
    expect(outcome([edit('src/a.ts'), result('I made the changes.')])).toMatchObject({
      status: 'done',
      reported: null,
      summary: 'changed 1 file(s); no STATUS line',
      filesChanged: ['src/a.ts'],
    });
  });

  it('a result flagged as error ⇒ failed', () => {
    expect(
      outcome([edit('src/a.ts'), result('API Error: 529 overloaded', { isError: true })]),
    ).toMatchObject({
      status: 'failed',
      summary: 'API Error: 529 overloaded',
    });
  });

  it('a tool error at the end ⇒ failed', () => {
    expect(
      outcome([
        { kind: 'tool_called', tool: 'Bash', input: { command: 'npm test' }, callId: 't1' },
        { kind: 'tool_failed', tool: 'Bash', error: 'Exit code 1\n2 failing', callId: 't1' },
        result(''),
      ]),
    ).toMatchObject({ status: 'failed', summary: 'Bash: Exit code 1 2 failing' });
  });

  it('truncated output (turn limit) ⇒ partial, even with changes', () => {
    expect(outcome([edit('src/a.ts'), result(undefined, { truncated: true })])).toMatchObject({
      status: 'partial',
      reported: null,
      summary: 'stopped at its turn or budget limit without a STATUS line',
    });
  });

  it('a non-zero exit without STATUS ⇒ failed', () => {
    expect(outcome([result('bye')], 2)).toMatchObject({ status: 'failed', summary: 'exit code 2' });
  });

  it('a text report without changes ⇒ done with its last line', () => {
    expect(
      outcome([{ kind: 'text', text: 'Routes:\n- /a uses auth' }, result(undefined)]),
    ).toMatchObject({
      status: 'done',
      summary: '- /a uses auth',
    });
  });

  it('nothing at all ⇒ failed', () => {
    expect(outcome([result(undefined)])).toMatchObject({
      status: 'failed',
      summary: 'no output and no STATUS line',
    });
  });

  it('an explicit STATUS wins over the evidence', () => {
    expect(
      outcome([edit('src/a.ts'), result('STATUS: failed — wrong approach', { isError: true })]),
    ).toMatchObject({
      status: 'failed',
      reported: 'failed',
      summary: 'wrong approach',
      filesChanged: ['src/a.ts'],
    });
  });

  it('plain text: the whole output is the final message', () => {
    const items: StreamItem[] = [
      { kind: 'text', text: 'STATUS: partial — a | REMAINING: b' },
      { kind: 'text', text: 'trailing chatter' },
    ];
    expect(outcome(items, 0, true)).toMatchObject({ status: 'partial', remaining: 'b' });
  });
});

describe('overrides', () => {
  it('three edits of one file ending in done are work by default, a SPIRAL by the reference rule', () => {
    const items = [
      edit('src/a.ts', 1),
      edit('src/a.ts', 2),
      edit('src/a.ts', 3),
      result('STATUS: done — fine'),
    ];
    expect(outcome(items)).toMatchObject({ status: 'done', findings: [] });
    const o = outcome(items, 0, false, 'reference');
    expect(o.status).toBe('spiral');
    expect(o.reported).toBe('done');
    expect(o.findings).toEqual([{ pattern: 'edit-spiral', file: 'src/a.ts', occurrences: 3 }]);
  });

  it('SPIRAL overrides done: edits that undo each other (A→B→A→B)', () => {
    const flip = (i: number): StreamItem => ({
      kind: 'tool_called',
      tool: 'Edit',
      input: {
        file_path: `${CWD}/src/a.ts`,
        old_string: i % 2 === 0 ? 'A' : 'B',
        new_string: i % 2 === 0 ? 'B' : 'A',
      },
      callId: `f${i}`,
    });
    const o = outcome([flip(0), flip(1), flip(2), result('STATUS: done — fine')]);
    expect(o).toMatchObject({ status: 'spiral', reported: 'done' });
    expect(o.findings).toEqual([{ pattern: 'edit-spiral', file: 'src/a.ts', occurrences: 3 }]);
  });

  it('edits of different files are no spiral', () => {
    expect(
      outcome([
        edit('src/a.ts'),
        edit('src/b.ts'),
        edit('src/a.ts', 1),
        result('STATUS: done — ok'),
      ]).status,
    ).toBe('done');
  });

  it('error-echo ⇒ failed; pagination ⇒ stagnant', () => {
    const failing = (i: number): StreamItem[] => [
      {
        kind: 'tool_called',
        tool: 'Bash',
        input: { command: 'npm test' },
        callId: `b${i}`,
      },
      { kind: 'tool_failed', tool: 'Bash', error: 'Cannot find module ./x', callId: `b${i}` },
    ];
    expect(
      outcome([...failing(1), ...failing(2), ...failing(3), result('STATUS: done — ok')]).status,
    ).toBe('failed');
    const read = (offset: number): StreamItem => ({
      kind: 'tool_called',
      tool: 'Read',
      input: { file_path: `${CWD}/big.ts`, offset, limit: 100 },
    });
    expect(
      outcome([read(0), read(100), read(0), result('STATUS: partial — x | REMAINING: y')]).status,
    ).toBe('stagnant');
    expect(
      outcome(
        [read(0), read(100), read(200), result('STATUS: partial — x | REMAINING: y')],
        0,
        false,
        'reference',
      ).status,
    ).toBe('stagnant');
  });

  it('a tool failure without a matching call is still recorded', () => {
    const c = new RunCollector(CWD);
    c.add({ kind: 'tool_failed', tool: 'Edit', error: 'boom', callId: 'zz' });
    expect(c.calls).toEqual([{ tool: 'Edit', input: {}, error: 'boom', callId: 'zz', seq: 1 }]);
  });
});

describe('recovery after a failed tool call', () => {
  it('a failed last call the agent answered afterwards is not a failed run', () => {
    const items: StreamItem[] = [
      { kind: 'tool_called', tool: 'Bash', input: { command: 'npm test' }, callId: 'b1' },
      { kind: 'tool_failed', tool: 'Bash', error: 'exit 1', callId: 'b1' },
      { kind: 'text', text: 'The failing test is flaky upstream; nothing to change here.' },
      result(undefined),
    ];
    expect(outcome(items)).toMatchObject({
      status: 'done',
      summary: 'The failing test is flaky upstream; nothing to change here.',
    });
  });

  it('a failed last call with no answer after it is still a failed run', () => {
    const items: StreamItem[] = [
      { kind: 'text', text: 'Running the tests.' },
      { kind: 'tool_called', tool: 'Bash', input: { command: 'npm test' }, callId: 'b1' },
      { kind: 'tool_failed', tool: 'Bash', error: 'exit 1', callId: 'b1' },
      result(undefined),
    ];
    expect(outcome(items)).toMatchObject({ status: 'failed', summary: 'Bash: exit 1' });
  });

  it("sub-agent calls are not the agent's own: no spiral from them", () => {
    const sub = (n: number): StreamItem => ({
      kind: 'tool_called',
      tool: 'Edit',
      input: { file_path: `${CWD}/src/a.ts`, old_string: `a${n}`, new_string: `b${n}` },
      callId: `s${n}`,
      parentCallId: 'task-1',
    });
    const out = outcome([sub(1), sub(2), sub(3), result('STATUS: done — ok')]);
    expect(out.status).toBe('done');
    expect(out.findings).toEqual([]);
    expect(out.filesChanged).toEqual(['src/a.ts']);
  });
});
