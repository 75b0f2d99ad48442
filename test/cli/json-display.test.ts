import { describe, expect, it } from 'vitest';
import { createDisplay } from '../../src/cli/display.js';
import { parseEvent } from '../../src/events.js';
import { serializeEvents } from '../../src/adapters/jsonl-serialize.js';
import { buildProgressLog } from './progress-log.fixture.js';

describe('JSON display', () => {
  const log = buildProgressLog();

  it('writes exactly the log lines on stdout, the summary on stderr', () => {
    let out = '';
    let err = '';
    const d = createDisplay({
      mode: 'json',
      out: { write: (c: string) => (out += c) },
      err: { write: (c: string) => (err += c) },
      now: () => 0,
    });
    d.onEvents(log.slice(0, 10));
    d.onEvents([]);
    d.onEvents(log.slice(10));
    d.close();
    expect(out).toBe(serializeEvents(log));
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(log.length);
    expect(lines.map((l) => parseEvent(JSON.parse(l)))).toEqual(log);
    expect(err).toContain('## Wave 2 (Impl-Core) Complete ✓');
    expect(d.view.state).toBe('completed');
  });

  it('writes nothing after close', () => {
    let out = '';
    const d = createDisplay({
      mode: 'json',
      out: { write: (c: string) => (out += c) },
      err: { write: () => true },
      now: () => 0,
      summary: false,
    });
    d.close();
    d.onEvents(log);
    expect(out).toBe('');
  });
});
