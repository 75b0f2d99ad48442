/**
 * The inspector's server over real HTTP: the token is required on every request, only this
 * server's Host is served, the log streams over SSE (history, then appended events, resumable
 * with Last-Event-ID), `/api/at` answers the state as of an event with the transition just taken,
 * and blobs come from the blob store, masked.
 */
import {
  appendFileSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InspectorSource } from '../../src/adapters/inspector/inspector-source.js';
import {
  startInspectorServer,
  type InspectorServer,
} from '../../src/adapters/inspector/inspector-server.js';
import type { StateReply } from '../../src/adapters/inspector/state-reply.js';
import { inspectorCharts } from '../../src/adapters/inspector/machine-charts.js';
import { createBlobStore } from '../../src/adapters/blob-store.js';
import { logPath } from '../replay/fixture-files.js';

const open: { server: InspectorServer; source: InspectorSource }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    o.source.stop();
    await o.server.close();
  }
});

async function serve(target: { log: string } | { repo: string }) {
  const source = new InspectorSource(target);
  await source.start();
  const server = await startInspectorServer({ source });
  open.push({ server, source });
  return { source, server };
}

function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type']) }),
      );
    })
      .on('error', reject)
      .end();
  });
}

/** Reads SSE messages until `until` says stop; returns them. */
function sse(
  url: string,
  headers: Record<string, string>,
  until: (msgs: { event: string; id?: string; data: string }[]) => boolean,
): Promise<{ event: string; id?: string; data: string }[]> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let buf = '';
      const msgs: { event: string; id?: string; data: string }[] = [];
      res.on('data', (d: Buffer) => {
        buf += d.toString();
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const m: { event: string; id?: string; data: string } = { event: 'message', data: '' };
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) m.event = line.slice(7);
            else if (line.startsWith('id: ')) m.id = line.slice(4);
            else if (line.startsWith('data: ')) m.data += line.slice(6);
          }
          if (m.data) msgs.push(m);
        }
        if (until(msgs)) {
          req.destroy();
          resolve(msgs);
        }
      });
    });
    req.on('error', (e: NodeJS.ErrnoException) =>
      e.code === 'ECONNRESET' ? undefined : reject(e),
    );
    req.end();
  });
}

const seqsOf = (msgs: { event: string; data: string }[]) =>
  msgs
    .filter((m) => m.event === 'events')
    .flatMap((m) => (JSON.parse(m.data) as { seq: number }[]).map((e) => e.seq));

describe('inspector server', () => {
  it('refuses a request without the token, with a wrong token, or for another Host', async () => {
    const { server } = await serve({ log: logPath('happy-3-waves') });
    const base = `http://127.0.0.1:${server.port}`;
    expect((await get(`${base}/`)).status).toBe(403);
    expect((await get(`${base}/api/events`)).status).toBe(403);
    expect((await get(`${base}/api/at?seq=1&token=${server.token.slice(1)}x`)).status).toBe(403);
    expect((await get(`${base}/?token=${server.token}`, { host: 'evil.example:80' })).status).toBe(
      403,
    );
    const page = await get(server.url);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="/app.js?token=');
    expect(page.body).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
    const script = await get(`${base}/app.js?token=${server.token}`);
    expect(script.type).toContain('javascript');
    // The SVG namespace is a name, not a request; the browser test checks that nothing is fetched.
    expect(script.body.replaceAll('http://www.w3.org/2000/svg', '')).not.toMatch(
      /https?:\/\/(?!127\.0\.0\.1)[a-z]/,
    );
  });

  it('streams the history, then appended events, and resumes after Last-Event-ID', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wave-inspect-'));
    const log = join(dir, 'session.jsonl');
    const lines = readFileSync(logPath('happy-3-waves'), 'utf8').split('\n').filter(Boolean);
    writeFileSync(log, `${lines.slice(0, 20).join('\n')}\n${(lines[20] as string).slice(0, 15)}`);
    const { server } = await serve({ log });
    const url = `http://127.0.0.1:${server.port}/api/events?token=${server.token}`;
    const first = await sse(
      url,
      {},
      (m) => m.some((x) => x.event === 'caught-up') && m.some((x) => x.event === 'meta'),
    );
    expect(seqsOf(first)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(first.find((m) => m.event === 'meta')?.data).toContain('"charts"');
    const live = sse(url, { 'last-event-id': '20' }, (m) => seqsOf(m).includes(lines.length));
    appendFileSync(log, `${(lines[20] as string).slice(15)}\n${lines.slice(21).join('\n')}\n`);
    const rest = await live;
    expect(seqsOf(rest)).toEqual(Array.from({ length: lines.length - 20 }, (_, i) => i + 21));
    const resumed = await sse(url, { 'last-event-id': String(lines.length - 2) }, (m) =>
      m.some((x) => x.event === 'caught-up'),
    );
    expect(seqsOf(resumed)).toEqual([lines.length - 1, lines.length]);
  });

  it('waits for the first session log of a repository, then follows it', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'wave-inspect-repo-'));
    const { server } = await serve({ repo });
    const url = `http://127.0.0.1:${server.port}/api/events?token=${server.token}`;
    const got = sse(url, {}, (m) => m.some((x) => x.event === 'caught-up'));
    mkdirSync(join(repo, '.orchestrator', 'log'), { recursive: true });
    copyFileSync(logPath('happy-3-waves'), join(repo, '.orchestrator', 'log', 's-1.jsonl'));
    const msgs = await got;
    expect(seqsOf(msgs).length).toBe(
      readFileSync(logPath('happy-3-waves'), 'utf8').trim().split('\n').length,
    );
  });

  it('answers the state as of an event: active states, the transition taken, files and causation', async () => {
    const { server } = await serve({ log: logPath('spiral-failure-carryover') });
    const r = await get(`http://127.0.0.1:${server.port}/api/at?seq=40&token=${server.token}`);
    expect(r.status).toBe(200);
    const reply = JSON.parse(r.body) as StateReply;
    const agent = reply.charts.find((c) => c.name === 'agent');
    expect(agent?.focus).toBe('w2-m-3-a1');
    expect(agent?.focusState).toBe('failed');
    expect(agent?.taken).toEqual([
      { instance: 'w2-m-3-a1', from: 'running', to: 'failed', edges: [expect.any(String)] },
    ]);
    expect(reply.charts.find((c) => c.name === 'session')?.active).toEqual({
      running: 1,
      'running.waving': 1,
    });
    expect(reply.files['STATE.md']?.after).toContain('status: active');
    expect(reply.causation[0]?.seq).toBeLessThan(40);
    // The wave's last agent finishing: edges that differ only by a guard are all candidates.
    const last = JSON.parse(
      (await get(`http://127.0.0.1:${server.port}/api/at?seq=44&token=${server.token}`)).body,
    ) as StateReply;
    const waveChart = inspectorCharts().find((c) => c.name === 'wave');
    const candidates = (waveChart?.edges ?? []).filter(
      (e) => e.source === 'mainRound' && e.target === 'inspecting' && e.event === 'agent.finished',
    );
    expect(candidates.map((e) => e.guard)).toEqual(['overBudget', null]);
    expect(last.charts.find((c) => c.name === 'wave')?.taken).toEqual([
      {
        instance: 'wave 2',
        from: 'mainRound',
        to: 'inspecting',
        edges: candidates.map((e) => e.id),
      },
    ]);
    expect(
      (await get(`http://127.0.0.1:${server.port}/api/at?seq=0&token=${server.token}`)).status,
    ).toBe(400);
  });

  it('serves a blob on demand, masked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wave-inspect-blob-'));
    const log = join(dir, 'session.jsonl');
    copyFileSync(logPath('happy-3-waves'), log);
    const hash = await createBlobStore(join(dir, 'blobs')).put(
      'prompt with sk-ant-api03-SECRETSECRETSECRETSECRET inside',
    );
    const { server } = await serve({ log });
    const r = await get(`http://127.0.0.1:${server.port}/api/blob/${hash}?token=${server.token}`);
    expect(r.status).toBe(200);
    expect(r.body).toBe('prompt with ***ANTHROPIC_KEY*** inside');
    expect(r.body).not.toContain('SECRETSECRET');
    const missing = await get(
      `http://127.0.0.1:${server.port}/api/blob/${'0'.repeat(64)}?token=${server.token}`,
    );
    expect(missing.status).toBe(500);
  });
});
