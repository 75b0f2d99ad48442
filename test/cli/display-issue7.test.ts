// Issue 7, "What the terminal shows": open questions and gate failures in TTY mode, width by
// display columns (CJK, emoji), colour only when on, cost per agent live / in status / in the
// summary, counts of a failed gate parsed from its output.
import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { createDisplay } from '../../src/cli/display.js';
import { colourEnabled, cutToWidth, stripAnsi } from '../../src/cli/progress-format.js';
import { renderSessionSummary } from '../../src/cli/session-summary.js';
import { renderStatus } from '../../src/cli/status-format.js';
import { foldProgress } from '../../src/projections/progress.view.js';
import { createStamper } from '../projections/event-stamper.js';
import { dispatch, opening, wave2Started } from './progress-log.fixture.js';
import { ManualTime, VirtualTerminal } from './virtual-terminal.js';

function session() {
  const s = createStamper();
  const events = [
    ...opening(s),
    wave2Started(s),
    dispatch(s, 2, 'm-1', '限流ミドルウェアを追加する 🚦🚦 with a long description to cut'),
    s('agent.started', { agentId: 'w2-m-1-a1', pid: null, argv: ['x'] }),
    s('agent.usage', { agentId: 'w2-m-1-a1', costUsd: 0.0123, turns: 2 }),
    s('question.asked', {
      wave: 2,
      question: 'Which date format should the parser accept?',
      source: 'W2/w2-m-1-a1',
      prio: 'high',
    } as never),
  ];
  return { s, events };
}

function tty(term: VirtualTerminal, time: ManualTime, colour = false, columns = 100) {
  return createDisplay({
    mode: 'tty',
    out: { write: () => true },
    err: term.sink,
    now: () => time.now,
    scheduler: time.scheduler,
    columns: () => columns,
    rows: () => 24,
    summary: false,
    colour,
  });
}

describe('what the terminal shows', () => {
  it('TTY: the open question text appears; wide text never exceeds the width; cost is live', () => {
    const { events } = session();
    const term = new VirtualTerminal();
    const time = new ManualTime();
    const d = tty(term, time);
    for (const e of events) {
      time.advance(Math.max(0, Date.parse(e.ts) - time.now));
      d.onEvents([e]);
    }
    time.advance(200);
    const screen = term.screen();
    expect(screen.join('\n')).toContain('Which date format should the parser accept?');
    const agent = screen.find((l) => l.includes(' w2-m-1-a1 ')) as string;
    expect(agent).toContain('$0.0123');
    for (const line of screen) expect(stringWidth(line)).toBeLessThanOrEqual(99);
    expect(stringWidth(cutToWidth('日本語のテキスト', 7))).toBeLessThanOrEqual(7);
  });

  it('colour only when on: escapes with colour, none without (NO_COLOR, no TTY)', () => {
    const { events } = session();
    const plain = new VirtualTerminal();
    const coloured: string[] = [];
    const time = new ManualTime();
    tty(plain, time).onEvents(events);
    const d = createDisplay({
      mode: 'tty',
      out: { write: () => true },
      err: { write: (c: string) => coloured.push(c) },
      now: () => time.now,
      scheduler: time.scheduler,
      columns: () => 80,
      rows: () => 24,
      summary: false,
      colour: true,
    });
    d.onEvents(events);
    // eslint-disable-next-line no-control-regex
    const sgr = /\x1b\[\d+m/;
    expect(coloured.join('')).toMatch(sgr);
    expect(plain.screen().join('\n')).not.toMatch(sgr);
    expect(stripAnsi('\x1b[32m✓\x1b[39m ok')).toBe('✓ ok');
    expect(colourEnabled(true, {})).toBe(true);
    expect(colourEnabled(true, { NO_COLOR: '1' })).toBe(false);
    expect(colourEnabled(false, {})).toBe(false);
    expect(colourEnabled(true, { TERM: 'dumb' })).toBe(false);
  });

  it('cost per agent in wave status and in the summary; a failed gate has its counts', () => {
    const { s, events } = session();
    const all = [
      ...events,
      s('agent.finished', {
        agentId: 'w2-m-1-a1',
        status: 'done',
        reported: 'done',
        summary: 'added',
        filesChanged: [],
        turns: 2,
        exitCode: 0,
        openQuestions: [],
      }),
      s('gate.started', { wave: 2, attempt: 1, gates: ['test'] }),
      s('gate.failed', {
        wave: 2,
        attempt: 1,
        gate: 'test',
        command: ['node', '--test'],
        exitCode: 1,
        output: 'not ok 2 - parses dates\n# pass 1 # fail 1',
        timedOut: false,
      }),
    ];
    const view = foldProgress(all);
    expect(renderStatus(view, {}, 'log.jsonl')).toContain('$0.0123');
    const summary = renderSessionSummary(view);
    expect(summary).toContain('done ($0.0123)');
    expect(summary).toContain('- Cost: $0.0123 over 1 agent run(s)');
    expect(summary).toContain('- Tests: 1 passed, 1 failed (2 total)');
    expect(summary).not.toContain('counts not reported');
  });
});
