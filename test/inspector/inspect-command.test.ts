/**
 * `wave inspect` refuses bad input with exit 2 and a message naming the file (and line), a port in
 * use included; `--port` serves on that port and `--open` hands the URL to the desktop's opener
 * (`xdg-open`, here a scripted stand-in on PATH that records its arguments).
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wave } from '../support/wave-cli.js';
import { logPath } from '../replay/fixture-files.js';
import { startInspect } from './inspector-process.js';
import { waitFor } from '../support/wait-for.js';

/** A port that something else is listening on (closed by the returned function). */
async function busyPort(): Promise<{ port: number; close: () => void }> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { port: (server.address() as AddressInfo).port, close: () => server.close() };
}

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
    const busy = await busyPort();
    cases.push([
      ['inspect', logPath('happy-3-waves'), '--port', String(busy.port)],
      new RegExp(`--port ${busy.port}: 127\\.0\\.0\\.1:${busy.port} is already in use`),
    ]);
    try {
      for (const [args, message] of cases) {
        const r = await wave(args, { cwd: dir });
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.stderr).toMatch(message);
        expect(r.stderr).not.toContain('    at ');
      }
    } finally {
      busy.close();
    }
  });
});

describe('wave inspect --port and --open', () => {
  it('serves on the given port and opens the URL with the desktop opener', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'wave-inspect-open-'));
    const record = join(bin, 'opened.txt');
    const opener = join(bin, 'xdg-open');
    writeFileSync(
      opener,
      `#!${process.execPath}\nrequire('node:fs').writeFileSync(${JSON.stringify(record)}, process.argv.slice(2).join(' '));\n`,
    );
    chmodSync(opener, 0o755);
    const free = await busyPort();
    free.close();
    const prev = process.env.PATH;
    process.env.PATH = `${bin}:${prev ?? ''}`;
    let inspect;
    try {
      inspect = await startInspect([
        logPath('happy-3-waves'),
        '--port',
        String(free.port),
        '--open',
      ]);
    } finally {
      process.env.PATH = prev;
    }
    try {
      expect(inspect.origin).toBe(`http://127.0.0.1:${free.port}`);
      await waitFor(() => existsSync(record) && readFileSync(record, 'utf8') !== '');
      expect(readFileSync(record, 'utf8')).toBe(inspect.url);
    } finally {
      await inspect.stop();
    }
  });
});
