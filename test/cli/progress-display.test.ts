import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/events.js';
import { createDisplay, type Display } from '../../src/cli/display.js';
import { stripAnsi } from '../../src/cli/progress-format.js';
import { createStamper } from '../projections/event-stamper.js';
import { buildProgressLog, dispatch, opening, wave2Started } from './progress-log.fixture.js';
import { ManualTime, VirtualTerminal } from './virtual-terminal.js';

function tty(time: ManualTime, term: VirtualTerminal, columns = 80, rows = 24): Display {
  return createDisplay({
    mode: 'tty',
    out: { write: () => true },
    err: term.sink,
    now: () => time.now,
    scheduler: time.scheduler,
    columns: () => columns,
    rows: () => rows,
    summary: false,
  });
}

/** Feeds events one batch each, with the wall clock at each event's timestamp; then lets the
 * throttle interval pass so the last batch is on screen. */
function play(d: Display, time: ManualTime, events: readonly DomainEvent[]): void {
  for (const e of events) {
    time.advance(Math.max(0, Date.parse(e.ts) - time.now));
    d.onEvents([e]);
  }
  time.advance(100);
}

describe('TTY progress display', () => {
  const log = buildProgressLog();

  it('shows a line per wave and per agent: status, turns, last tool, elapsed', () => {
    const time = new ManualTime();
    const term = new VirtualTerminal();
    const d = tty(time, term);
    const upTo = log.findIndex((e) => e.type === 'agent.finished');
    play(d, time, log.slice(0, upTo));
    time.advance(500); // a running agent's elapsed comes from the wall clock
    expect(term.screen()).toEqual([
      '– Wave 1 · Discovery · skipped (no tasks)',
      '▶ Wave 2 · Impl-Core · running · 0/3 agents ended, 3 running · 10s',
      '  ▶ w2-m-1-a1   Add token bucket    2 turns  Edit src/rate-limit.ts         6s',
      '  ▶ w2-m-2-a1   Wire middleware      1 turn  Bash npm test                  5s',
      '  ▶ w2-m-3-a1   Document limits     0 turns  running                        4s',
      '  main-2026-08-22-deep-1 · running · wave 2/3 · 14s',
    ]);
    expect(term.cursorVisible).toBe(false);
  });

  it('leaves every finished wave on screen and shows the cursor again on close', () => {
    const time = new ManualTime();
    const term = new VirtualTerminal();
    const d = tty(time, term);
    play(d, time, log);
    d.close();
    expect(term.screen()).toEqual([
      '– Wave 1 · Discovery · skipped (no tasks)',
      // A failed gate is printed with its output's last lines (issue 7: TTY showed nothing).
      '[wave 2] gate attempt 1 failed: test exited 1',
      '    │ 1 failed',
      '✓ Wave 2 · Impl-Core · complete, quality pass · 4 agent run(s) · 1m28s',
      '  ✓ w2-m-1-a1   Add token bucket    5 turns  done                           7s',
      '  ◐ w2-m-2-a1   Wire middleware    15 turns  partial                        7s',
      '  ! w2-m-3-a1   Document limits     0 turns  crashed                     1m11s',
      '  ✓ w2-m-1-a2   Fix failing test …  3 turns  done                           1s',
      '✓ Wave 3 · Quality · complete, quality pass · 1 agent run(s) · 4s',
      '  ✓ w3-m-4-a1   Consolidate tests   4 turns  done                           1s',
    ]);
    expect(term.cursorVisible).toBe(true);
    const writes = term.writes;
    d.onEvents(log.slice(-1));
    time.advance(5000);
    expect(term.writes).toBe(writes);
    expect(time.pending).toBe(0);
  });

  it('redraws at most once per interval, however many batches arrive', () => {
    const time = new ManualTime();
    const term = new VirtualTerminal();
    const d = tty(time, term);
    const s = createStamper();
    d.onEvents([...opening(s), wave2Started(s)]);
    expect(term.writes).toBe(1);
    for (let i = 1; i <= 10; i += 1) d.onEvents([dispatch(s, 2, `m-${i}`, `task ${i}`)]);
    expect(term.writes).toBe(1);
    expect(time.pending).toBe(1);
    time.advance(99);
    expect(term.writes).toBe(1);
    time.advance(1);
    expect(term.writes).toBe(2);
    expect(term.screen().filter((l) => l.includes('queued'))).toHaveLength(10);
  });

  it('keeps elapsed time counting with a slow tick while agents run', () => {
    const time = new ManualTime();
    const term = new VirtualTerminal();
    const d = tty(time, term);
    const s = createStamper();
    const events = [...opening(s), wave2Started(s), dispatch(s, 2, 'm-1', 'x')];
    events.push(s('agent.started', { agentId: 'w2-m-1-a1', pid: 1, argv: [] }));
    play(d, time, events);
    const row = () => term.screen().find((l) => l.includes('w2-m-1-a1')) ?? '';
    expect(row()).toMatch(/running\s+0s$/);
    time.advance(3000);
    expect(row()).toMatch(/running\s+3s$/);
  });

  it('erases the block while a decision is asked and brings it back after the answer', () => {
    const time = new ManualTime();
    const term = new VirtualTerminal();
    const d = tty(time, term);
    const s = createStamper();
    play(d, time, [...opening(s), wave2Started(s), dispatch(s, 2, 'm-1', 'x')]);
    time.advance(10); // within the throttle interval: the erase must not wait for it
    d.onEvents([
      s('decision.requested', {
        id: 'd-1',
        kind: 'escalation',
        prompt: 'Proceed?',
        options: ['proceed', 'abort'],
        default: 'proceed',
      }),
    ]);
    expect(term.screen()).toEqual([]);
    term.write('Proceed? [proceed/abort] ');
    const writes = term.writes;
    time.advance(5000);
    expect(term.writes).toBe(writes);
    time.advance(1000);
    d.onEvents([s('decision.made', { id: 'd-1', answer: 'proceed', by: 'user' })]);
    expect(term.screen()[0]).toBe(
      'Proceed? [proceed/abort] ▶ Wave 2 · Impl-Core · running · 0/1 agents ended, 0 running · 7s',
    );
  });

  it('never writes a line wider than the terminal, and cuts long agent lists', () => {
    const time = new ManualTime();
    const term = new VirtualTerminal();
    const d = tty(time, term, 50, 8);
    const s = createStamper();
    const events = [...opening(s), wave2Started(s)];
    for (let i = 1; i <= 10; i += 1) {
      events.push(dispatch(s, 2, `m-${i}`, `a rather long description of task number ${i}`));
    }
    events.push(s('agent.started', { agentId: 'w2-m-9-a1', pid: 9, argv: [] }));
    play(d, time, events);
    const screen = term.screen();
    for (const line of screen) expect(line.length).toBeLessThan(50);
    const agents = screen.filter((l) => l.startsWith('  ') && l.includes('w2-'));
    expect(agents).toHaveLength(4);
    expect(agents[0]).toContain('w2-m-9-a1');
    expect(screen).toContain('  … 6 more agent(s)');
    expect(stripAnsi('\x1b[2F\x1b[Jok\x1b[?25h')).toBe('ok');
  });
});
