/** `wave inspect` refuses bad input with exit 2 and a message naming the file (and line). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wave } from '../support/wave-cli.js';
import { logPath } from '../replay/fixture-files.js';

describe('wave inspect bad input', () => {
  it('exits 2 for a missing log, a directory, a bad port and a corrupt log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wave-inspect-bad-'));
    const corrupt = join(dir, 'bad.jsonl');
    const lines = readFileSync(logPath('happy-3-waves'), 'utf8').split('\n');
    writeFileSync(
      corrupt,
      `${lines.slice(0, 4).join('\n')}\n{"v":1,"seq":5,"oops"\n${lines.slice(5).join('\n')}`,
    );
    const cases: [string[], RegExp][] = [
      [['inspect', join(dir, 'none.jsonl')], /none\.jsonl: no such log file/],
      [['inspect', dir], /is a directory, not a log file/],
      [
        ['inspect', logPath('happy-3-waves'), '--port', '70000'],
        /--port must be an integer 0\.\.65535/,
      ],
      [['inspect', corrupt], /bad\.jsonl:5: /],
    ];
    for (const [args, message] of cases) {
      const r = await wave(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toContain('    at ');
    }
  });
});
