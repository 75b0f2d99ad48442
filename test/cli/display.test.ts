import { describe, expect, it } from 'vitest';
import { createDisplay, displayModeFor } from '../../src/cli/display.js';
import { buildProgressLog } from './progress-log.fixture.js';

describe('createDisplay', () => {
  const log = buildProgressLog();

  it('picks the mode: --json, else TTY or plain', () => {
    expect(displayModeFor({ json: true, isTTY: true })).toBe('json');
    expect(displayModeFor({ isTTY: true })).toBe('tty');
    expect(displayModeFor({ isTTY: false })).toBe('plain');
    expect(displayModeFor({})).toBe('plain');
  });

  it('folds the history of a resumed session silently, then shows only new events', () => {
    let err = '';
    let out = '';
    const cut = log.findIndex((e) => e.type === 'gate.started');
    const d = createDisplay({
      mode: 'plain',
      out: { write: (c: string) => (out += c) },
      err: { write: (c: string) => (err += c) },
      now: () => 0,
      history: log.slice(0, cut),
    });
    expect(err).toBe('');
    expect(d.view.agents.size).toBe(3);
    d.onEvents(log.slice(cut));
    expect(err.split('\n')[0]).toBe('[wave 2] gate attempt 1: typecheck, test');
    d.close();
    d.close();
    expect(out.match(/## Wave 2/g)).toHaveLength(1);
    expect(out).toContain('## Wave 2 (Impl-Core) Complete ✓\n- Add token bucket: done');
  });

  it('uses the repository it was given before session.started arrives', () => {
    let out = '';
    const d = createDisplay({
      mode: 'plain',
      out: { write: (c: string) => (out += c) },
      err: { write: () => true },
      now: () => 0,
      repo: '/r',
    });
    d.onEvents(log.slice(-1));
    d.close();
    expect(out).toContain('Log: /r/.orchestrator/log/3f2b8c1e-9d4a-4f6b-8e2c-1a2b3c4d5e6f.jsonl');
    expect(out).toContain('sessions.jsonl: /r/.orchestrator/metrics/sessions.jsonl');
  });
});
