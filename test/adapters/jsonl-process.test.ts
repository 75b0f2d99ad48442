import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll } from '../../src/adapters/event-store.js';
import { createJsonlEventStore } from '../../src/adapters/jsonl-event-store.js';
import { ConcurrencyError } from '../../src/errors.js';
import { buildForChild, type ChildBuild } from './jsonl-child.helper.js';
import { makeEvents } from './event-store.contract.js';

// The child: `hold` opens the writer and waits; `try` attempts to open it and reports;
// `append` appends small concurrent batches forever, printing each acknowledged version.
const CHILD = `
const [root, dir, mode] = process.argv.slice(2);
const { createJsonlEventStore } = await import(root + '/src/adapters/jsonl-event-store.js');
const store = createJsonlEventStore({ dir });
const stream = 's-1';
const event = (seq) => ({ v: 1, seq, ts: '2026-11-24T09:00:00.000Z', session: stream,
  type: 'agent.output', data: { agentId: 'a', text: 'x'.repeat(seq % 300) } });
if (mode === 'hold') {
  await store.openWriter(stream);
  process.stdout.write('ready\\n');
  setInterval(() => {}, 1000);
} else if (mode === 'try') {
  try {
    await store.openWriter(stream);
    process.stdout.write(JSON.stringify({ ok: true }) + '\\n');
  } catch (error) {
    process.stdout.write(JSON.stringify({ ok: false, tag: error.tag, message: error.message }) + '\\n');
  }
  await store.close();
} else {
  let { version: next } = await store.openWriter(stream);
  const worker = async () => {
    for (;;) {
      const batch = [];
      for (let i = 0; i < 1 + (next % 5); i++) batch.push(event(++next));
      const { version } = await store.append(stream, batch, { expectedVersion: 'any' });
      process.stdout.write('ack ' + version + '\\n');
    }
  };
  for (let i = 0; i < 8; i++) void worker();
}
`;

let build: ChildBuild;
let dir: string;
let script: string;

beforeAll(async () => {
  build = await buildForChild(['src/adapters/jsonl-event-store.ts']);
  dir = await mkdtemp(join(tmpdir(), 'wave-jsonl-process-'));
  script = join(build.root, 'child.mjs');
  writeFileSync(script, CHILD);
});
afterAll(async () => {
  await build.cleanup();
  await rm(dir, { recursive: true, force: true });
});

function run(logDir: string, mode: string): { child: ChildProcess; lines: string[] } {
  const child = spawn(process.execPath, [script, build.root, logDir, mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  let rest = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop() ?? '';
    lines.push(...parts);
  });
  return { child, lines };
}

function until(check: () => boolean, child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (check()) {
        clearInterval(timer);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`child exited with ${child.exitCode}`));
      }
    }, 5);
  });
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

describe('JSONL store across processes', () => {
  it('refuses a writer in another process while this one holds the stream', async () => {
    const logDir = join(dir, 'a');
    const store = createJsonlEventStore({ dir: logDir });
    await store.append('s-1', makeEvents('s-1', 1, 2), { expectedVersion: 'no-stream' });
    const { child, lines } = run(logDir, 'try');
    await exited(child);
    const report = JSON.parse(lines[0] ?? '{}') as { ok: boolean; tag: string; message: string };
    expect(report).toMatchObject({ ok: false, tag: 'ConcurrencyError' });
    expect(report.message).toContain(`stream s-1 already has a writer: pid ${process.pid}`);
    await store.close();
  });

  it('refuses this writer while another process holds the stream', async () => {
    const logDir = join(dir, 'b');
    const { child, lines } = run(logDir, 'hold');
    await until(() => lines.includes('ready'), child);
    const store = createJsonlEventStore({ dir: logDir });
    const attempt = store.append('s-1', makeEvents('s-1', 1, 1), { expectedVersion: 'any' });
    await expect(attempt).rejects.toThrow(ConcurrencyError);
    await expect(store.openWriter('s-1')).rejects.toThrow(`pid ${child.pid as number}`);
    child.kill('SIGKILL');
    await exited(child);
    // The holder is dead: its lock is taken over.
    await expect(store.openWriter('s-1')).resolves.toEqual({ version: 0 });
    await store.close();
  });

  it('keeps every acknowledged event after kill -9 mid-append (at most a torn tail)', async () => {
    const logDir = join(dir, 'c');
    const { child, lines } = run(logDir, 'append');
    await until(() => lines.length >= 400, child);
    child.kill('SIGKILL');
    await exited(child);
    const acked = Math.max(
      ...lines.filter((l) => l.startsWith('ack ')).map((l) => Number(l.slice(4))),
    );
    const store = createJsonlEventStore({ dir: logDir });
    const opened = await store.openWriter('s-1');
    expect(opened.version).toBeGreaterThanOrEqual(acked);
    if (opened.truncated) expect(opened.truncated.line).toBe(opened.version + 1);
    const events = await readAll(store, 's-1');
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.length).toBe(opened.version);
    await store.append('s-1', [{ ...events[0]!, seq: opened.version + 1 }], {
      expectedVersion: opened.version,
    });
    await store.close();
  });
});
