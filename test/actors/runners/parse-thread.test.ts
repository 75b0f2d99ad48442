/**
 * The parse thread (the built `dist/actors/runners/parse-thread/parse-thread.worker.js`, as the
 * agent runner uses it): given a vendor stream cut into chunks anywhere (inside a line, inside a
 * UTF-8 character), when parsed in the thread, then the items are exactly those the parser gives
 * in this thread, in order, all delivered before `end()` resolves; over-long lines are cut with
 * the same bounds; the reader is saturated while too much is unanswered and drains; a thread that
 * fails hands its streams to this thread without losing a chunk; a process that used the thread
 * still exits on its own.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { StreamFormat } from '../../../src/domain/plan.schema.js';
import { ParseThread } from '../../../src/actors/runners/parse-thread/parse-thread.client.js';
import { sharedParseThread } from '../../../src/actors/runners/parse-thread/shared-parse-thread.js';
import { createStreamParser } from '../../../src/actors/runners/stream-parser.factory.js';
import { parsingReader, type StdoutReader } from '../../../src/actors/runners/stdout-reader.js';
import type { StreamItem } from '../../../src/actors/runners/stream-item.js';
import { fixture } from './transcript.helpers.js';
import { moduleFile } from '../../support/module-file.js';

const PROGRAM = resolve('dist/actors/runners/parse-thread/parse-thread.worker.js');

const formatOf = (name: string): StreamFormat =>
  name.startsWith('claude')
    ? 'claude-stream-json'
    : name.startsWith('codex')
      ? 'codex-json'
      : 'gemini-stream-json';

/** Every vendor transcript, with its format. */
const transcripts = [
  ...['claude-stream-json.jsonl', 'codex-exec.jsonl', 'gemini-stream-json.jsonl'].map(
    (f) => `transcripts/${f}`,
  ),
  ...readdirSync(fixture('transcripts/vendor'))
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => `transcripts/vendor/${f}`),
].map((rel) => ({
  rel,
  format: formatOf(rel.split('/').at(-1) as string),
  bytes: readFileSync(fixture(rel)),
}));

/** Cuts bytes into chunks of pseudo-random sizes (1 to 97 bytes), seeded. */
function chunksOf(bytes: Buffer, seed: number): Buffer[] {
  const out: Buffer[] = [];
  let s = seed;
  for (let at = 0; at < bytes.length;) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const n = 1 + (s % 97);
    out.push(Buffer.from(bytes.subarray(at, at + n)));
    at += n;
  }
  return out;
}

/** Feeds chunks to a reader; resolves with the items it delivered before `end()` resolved. */
async function feed(
  open: (onItems: (items: StreamItem[]) => void) => StdoutReader,
  chunks: Buffer[],
): Promise<{ items: StreamItem[]; reader: StdoutReader }> {
  const items: StreamItem[] = [];
  const reader = open((batch) => items.push(...batch));
  for (const chunk of chunks) reader.push(chunk);
  await reader.end();
  return { items: [...items], reader };
}

const here = (format: StreamFormat, chunks: Buffer[], max?: number) =>
  feed((on) => parsingReader(createStreamParser(format), on, max), chunks);

describe('parse thread', () => {
  it.each(transcripts)(
    'given $rel cut anywhere, when parsed in the thread, then it gives the items of this thread',
    async ({ format, bytes }) => {
      const thread = new ParseThread(PROGRAM);
      for (const seed of [1, 7, 42]) {
        const chunks = chunksOf(bytes, seed);
        const expected = (await here(format, chunks)).items;
        expect(expected.length).toBeGreaterThan(0);
        const got = await feed((on) => thread.open(format, on), chunks);
        expect(got.items).toEqual(expected);
      }
    },
  );

  it('given the built program, when a session reads an agent, then JSON formats go to the shared thread', () => {
    // Found from the sources (as in tests) and from dist/: else agents are parsed in this thread.
    expect(sharedParseThread()).toBeInstanceOf(ParseThread);
  });

  it('given a chunk of more lines than one report holds, when parsed in the thread, then every item comes, in order', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `agent chatter ${i}\n`).join('');
    const chunks = [Buffer.from(lines), Buffer.from(lines.slice(0, 4000))];
    const expected = (await here('claude-stream-json', chunks)).items;
    expect(expected.length).toBeGreaterThan(3000);
    const reader = new ParseThread(PROGRAM);
    const got = await feed((on) => reader.open('claude-stream-json', on), chunks);
    expect(got.items).toEqual(expected);
    expect(got.reader.saturated()).toBe(false);
  });

  it('given a line longer than the limit, when parsed in the thread, then it is cut with the same bounds', async () => {
    const long = JSON.stringify({
      type: 'assistant',
      message: { id: 'msg_01A', content: [{ type: 'text', text: 'é'.repeat(5000) }] },
    });
    const bytes = Buffer.from(
      `${long}\n${long}\n{"type":"result","subtype":"success","is_error":false,"result":"ok"}\n`,
    );
    const chunks = chunksOf(bytes, 3);
    const expected = await here('claude-stream-json', chunks, 4096);
    const got = await feed(
      (on) => new ParseThread(PROGRAM).open('claude-stream-json', on, 4096),
      chunks,
    );
    expect(got.items).toEqual(expected.items);
    expect(got.reader.bounds).toEqual({
      truncatedLines: 2,
      droppedBytes: expected.reader.bounds.droppedBytes,
    });
    expect(expected.reader.bounds.droppedBytes).toBeGreaterThan(0);
  });

  it('given more than 4 MiB unanswered, when the thread answers, then the reader drains', async () => {
    const line = `${JSON.stringify({ type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01X', content: 'x'.repeat(60_000) }] } })}\n`;
    const text = line.repeat(8);
    const reader = new ParseThread(PROGRAM).open('claude-stream-json', () => undefined);
    let pushed = 0;
    // A chunk is moved to the thread: a fresh one each time (bounded, should the limit break).
    for (let i = 0; i < 200 && !reader.saturated(); i += 1) {
      const chunk = Buffer.from(text);
      pushed += chunk.length;
      reader.push(chunk);
    }
    expect(reader.saturated()).toBe(true);
    expect(pushed).toBeGreaterThanOrEqual(4 * 1024 * 1024);
    await reader.drained();
    expect(reader.saturated()).toBe(false);
    await reader.end();
  });

  it('given a thread that fails, when a stream is open, then the bytes lost are named and the rest is parsed here', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wave-parse-'));
    const broken = join(dir, 'broken.worker.mjs');
    writeFileSync(
      broken,
      `import { parentPort } from 'node:worker_threads';\nparentPort.on('message', (m) => { if (m.kind === 'chunk') throw new Error('parser bug'); });\n`,
    );
    const { format, bytes } = transcripts[0] as (typeof transcripts)[number];
    const cut = bytes.indexOf(10, bytes.length >> 1) + 1;
    const items: StreamItem[] = [];
    const reader = new ParseThread(broken).open(format, (batch) => items.push(...batch));
    reader.push(Buffer.from(bytes.subarray(0, cut)));
    await vi.waitFor(() => expect(items).toHaveLength(1), { timeout: 10_000 });
    const first = items[0];
    expect(first?.kind === 'error' && first.message).toContain('parser bug');
    expect(first?.kind === 'error' && first.message).toContain(`${cut} bytes`);
    for (const chunk of chunksOf(bytes.subarray(cut), 9)) reader.push(chunk);
    await reader.end();
    const rest = (await here(format, chunksOf(bytes.subarray(cut), 9))).items;
    expect(rest.length).toBeGreaterThan(0);
    expect(items.slice(1)).toEqual(rest);
  });

  it('given an agent that never starts (aborted before, empty argv), when run, then its thread stream is ended and the process exits on its own', () => {
    const script = `
      const { streamReader } = await import(${JSON.stringify(resolve('dist/actors/runners/parse-thread/shared-parse-thread.js'))});
      const { runAgentProcess } = await import(${JSON.stringify(resolve('dist/actors/runners/agent-process.js'))});
      const aborted = AbortSignal.abort();
      const a = await runAgentProcess({ argv: ['node'], cwd: '/', env: {}, signal: aborted, stdout: streamReader('claude-stream-json', () => {}) });
      const b = await runAgentProcess({ argv: [], cwd: '/', env: {}, signal: new AbortController().signal, stdout: streamReader('codex-json', () => {}) });
      console.log(a.aborted, b.spawnError);`;
    const run = spawnSync(process.execPath, [moduleFile(script)], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('true empty argv: nothing to start');
  });

  it('given a process that parsed through the thread, when its work is done, then it exits on its own', () => {
    const script = `
      const { streamReader } = await import(${JSON.stringify(resolve('dist/actors/runners/parse-thread/shared-parse-thread.js'))});
      let n = 0;
      const reader = streamReader('claude-stream-json', (items) => { n += items.length; });
      reader.push(Buffer.from(${JSON.stringify(readFileSync(fixture('transcripts/claude-stream-json.jsonl'), 'utf8'))}));
      await reader.end();
      console.log(n);`;
    const run = spawnSync(process.execPath, [moduleFile(script)], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(0);
    expect(Number(run.stdout.trim())).toBeGreaterThan(0);
  });
});
