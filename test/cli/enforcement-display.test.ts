/** The terminal shows the scope enforcement in force, and every scope violation. */
import { describe, expect, it } from 'vitest';
import { createDisplay } from '../../src/cli/display.js';
import { plainLine } from '../../src/cli/plain-display.js';
import { enforcementInForce } from '../../src/domain/enforcement-label.js';
import { evolveProgress } from '../../src/projections/progress.view.js';
import { initProgress } from '../../src/projections/progress.types.js';
import { createStamper } from '../projections/event-stamper.js';
import { buildProgressLog } from './progress-log.fixture.js';
import { ManualTime, VirtualTerminal } from './virtual-terminal.js';

describe('enforcement in force', () => {
  it('says what each mode does', () => {
    const paths = ['src/a.ts', 'src/b/'];
    expect(
      enforcementInForce({ enforcement: 'strict', role: 'Impl-Core', allowedPaths: paths }),
    ).toBe('enforcement strict: writes outside 2 allowed path(s) denied (Claude hook)');
    expect(
      enforcementInForce({ enforcement: 'warn', role: 'Impl-Core', allowedPaths: paths }),
    ).toBe(
      'enforcement warn: writes outside 2 allowed path(s) allowed with a warning (Claude hook)',
    );
    expect(enforcementInForce({ enforcement: 'off', role: 'Impl-Core', allowedPaths: paths })).toBe(
      'enforcement off: scope not checked',
    );
    expect(enforcementInForce({ enforcement: 'strict', role: 'Discovery', allowedPaths: [] })).toBe(
      'enforcement strict: read-only wave, every write denied (Claude hook)',
    );
  });

  it('a wide TTY shows it on the running wave line', () => {
    const time = new ManualTime();
    const term = new VirtualTerminal();
    const d = createDisplay({
      mode: 'tty',
      out: { write: () => true },
      err: term.sink,
      now: () => time.now,
      scheduler: time.scheduler,
      columns: () => 160,
      rows: () => 24,
      summary: false,
    });
    const log = buildProgressLog();
    const upTo = log.findIndex((e) => e.type === 'agent.started');
    for (const e of log.slice(0, upTo)) {
      time.advance(Math.max(0, Date.parse(e.ts) - time.now));
      d.onEvents([e]);
    }
    time.advance(100);
    expect(term.screen().find((l) => l.includes('Wave 2'))).toMatch(
      /▶ Wave 2 · Impl-Core · running · .* · enforcement warn: writes outside 1 allowed path\(s\) allowed with a warning \(Claude hook\)$/,
    );
  });

  it('prints a scope violation as a line and a wave warning', () => {
    const s = createStamper();
    const e = s('scope.violated', {
      wave: 2,
      agentId: 'w2-m-2-a1',
      taskId: 'm-2',
      files: ['README.md', 'src/math.js'],
      mode: 'strict',
      action: 'revert',
    });
    const view = evolveProgress(initProgress(), e);
    expect(plainLine(view, e)).toBe(
      '[wave 2] agent w2-m-2-a1 (m-2) changed 2 file(s) outside the wave scope: README.md, src/math.js — reverted (strict)',
    );
    expect(view.waves.get(2)?.warnings).toEqual([
      'w2-m-2-a1: 2 file(s) outside the scope reverted: README.md, src/math.js',
    ]);
  });
});
