/**
 * Secrets in a log never reach the inspector page: a copy of a recorded log with secrets put into
 * a mission's task (so STATE.md holds one), a tool call's input (a token-shaped string and a
 * secret-named key, and a blob fetched on demand) is served and shown masked — in the event JSON,
 * the blob, the event list, STATE.md, every `/api/at` reply and the SSE history — in headless Chromium, over `wave inspect` as a user runs it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDACTED } from '../../src/domain/redact.js';
import { createBlobStore } from '../../src/adapters/blob-store.js';
import { logPath } from '../replay/fixture-files.js';
import {
  launchBrowser,
  openInspector,
  scrubTo,
  startInspect,
  type Browser,
  type InspectProcess,
} from './inspector-process.js';

const GH = `ghp_${'Q7x'.repeat(12)}`;
const ANTHROPIC = `sk-ant-api03-${'Zq9'.repeat(10)}`;
const PLAIN = 'plain-looking-value-42';
const SECRETS = [GH, ANTHROPIC, PLAIN];
/** A large payload in the blob store, fetched on demand from the event's JSON. */
const BLOB_TEXT = `full transcript: export GITHUB_TOKEN=${GH}\nall done`;
/** The first mission's task (in the plan and the mission events; STATE.md shows it). */
const TASK = 'Find every read and write of the session cookie';

/** The spiral fixture with secrets in a mission's task and in its first tool call (a temp copy). */
async function logWithSecrets(): Promise<{ file: string; toolSeq: number; count: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'wave-inspect-secrets-'));
  const blob = await createBlobStore(join(dir, 'blobs')).put(BLOB_TEXT);
  const lines = readFileSync(logPath('spiral-failure-carryover'), 'utf8')
    .split('\n')
    .filter(Boolean);
  let toolSeq = 0;
  const out = lines.map((line) => {
    const e = JSON.parse(line.replaceAll(TASK, `${TASK} (deploy with ${GH})`)) as {
      seq: number;
      type: string;
      data: Record<string, unknown>;
    };
    if (e.type === 'agent.tool_called' && toolSeq === 0) {
      toolSeq = e.seq;
      e.data.input = {
        file_path: 'README.md',
        new_string: `key ${ANTHROPIC}`,
        apiKey: PLAIN,
        transcript: blob,
      };
    }
    return JSON.stringify(e);
  });
  const file = join(dir, 'session.jsonl');
  writeFileSync(file, `${out.join('\n')}\n`);
  return { file, toolSeq, count: lines.length };
}

const log = await logWithSecrets();
let inspect: InspectProcess;
let browser: Browser;

beforeAll(async () => {
  inspect = await startInspect([log.file]);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await inspect?.stop();
});

describe('wave inspect masks secrets in the page', () => {
  it('shows the tool call, its blob fetched on demand, the event list and STATE.md masked', async () => {
    const page = browser.page;
    expect(await openInspector(page, inspect.url)).toBe(log.count);
    await scrubTo(page, log.toolSeq);
    const json = (await page.textContent('#event pre.json')) ?? '';
    expect(json).toContain('***ANTHROPIC_KEY***');
    expect(json).toContain(`"apiKey": "${REDACTED}"`);
    await page.click('#tabs button:has-text("STATE.md")');
    const stateMd = (await page.textContent('#file pre[data-file="STATE.md"]')) ?? '';
    expect(stateMd).toContain('***GITHUB_PAT***');
    await page.click('#event button.blob');
    await page.waitForFunction(
      () => !/^loading/.test(document.querySelector('#event .blob-text')?.textContent ?? 'loading'),
    );
    expect(await page.textContent('#event .blob-text')).toBe(
      'full transcript: export GITHUB_TOKEN=***GITHUB_PAT***\nall done',
    );
    const all = await page.evaluate(() => document.documentElement.outerHTML);
    for (const s of SECRETS) expect(all).not.toContain(s);
  });

  it('sends no secret in any reply: every /api/at and the SSE history', async () => {
    const page = browser.page;
    const bodies = await page.evaluate(
      async ({ count, token }) => {
        const out: string[] = [];
        for (let seq = 1; seq <= count; seq++) {
          const r = await fetch(`/api/at?seq=${seq}&token=${encodeURIComponent(token)}`);
          out.push(await r.text());
        }
        out.push(
          await new Promise<string>((resolve) => {
            const es = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
            let text = '';
            es.addEventListener('events', (m) => (text += (m as MessageEvent<string>).data));
            es.addEventListener('caught-up', () => {
              es.close();
              resolve(text);
            });
          }),
        );
        return out;
      },
      { count: log.count, token: inspect.token },
    );
    expect(bodies).toHaveLength(log.count + 1);
    expect(bodies.at(-1)).toContain('***ANTHROPIC_KEY***');
    for (const body of bodies) for (const s of SECRETS) expect(body).not.toContain(s);
  });
});
