/**
 * The inspector page in a real headless Chromium over `wave inspect` run as a user would: a
 * recorded log is loaded, the scrubber moves to an event, and the charts highlight the states and
 * the transition just taken while STATE.md is shown as it was then (the diff to the previous event
 * marked); the page loads with the network cut (every request stays on 127.0.0.1); a request
 * without the token is refused.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEvent, type DomainEvent } from '../../src/events.js';
import { projectAt } from '../../src/projections/projector.js';
import { stateMdProjection } from '../../src/projections/state-md/state-md.projection.js';
import { logPath } from '../replay/fixture-files.js';
import { foldBudgetSpend } from '../../src/domain/budget/spend.fold.js';
import {
  launchBrowser,
  openInspector,
  scrubTo,
  startInspect,
  type Browser,
  type InspectProcess,
} from './inspector-process.js';

const LOG = logPath('spiral-failure-carryover');
const events = readFileSync(LOG, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => parseEvent(JSON.parse(l)));

const stateMdAt = (seq: number) => {
  const [out] = projectAt([stateMdProjection], events, seq);
  return out?.kind === 'file' ? (out.content ?? '') : '';
};

let inspect: InspectProcess;
let browser: Browser;

beforeAll(async () => {
  inspect = await startInspect([LOG]);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await inspect?.stop();
});

describe('wave inspect in headless Chromium (recorded log)', () => {
  it('loads the whole log and follows it to its last event', async () => {
    const loaded = await openInspector(browser.page, inspect.url);
    expect(loaded).toBe(events.length);
    await browser.page.waitForSelector(`body[data-shown-seq="${events.length}"]`);
    const session = browser.page.locator('figure[data-chart="session"] g.state.active');
    expect(
      await session.evaluateAll((gs) => gs.map((g) => (g as SVGGElement).dataset.state)),
    ).toEqual(['completed']);
  });

  it('scrubbing to an agent verdict highlights its states, the transition taken, and STATE.md then', async () => {
    const failed = events.find(
      (e) => e.type === 'agent.finished' && e.data.status === 'failed',
    ) as DomainEvent & { data: { agentId: string } };
    await scrubTo(browser.page, failed.seq);
    const page = browser.page;
    expect(await page.textContent('#seq')).toBe(`#${failed.seq} / ${events.length}`);
    const agent = page.locator('figure[data-chart="agent"]');
    expect(await agent.locator('g.state.focus').getAttribute('data-state')).toBe('failed');
    expect(await agent.locator('g.state.focus.terminal rect.inner').count()).toBe(1);
    const taken = agent.locator('g.edge.taken');
    expect(await taken.count()).toBe(1);
    expect(await taken.getAttribute('data-event')).toBe('agent.finished');
    expect(await agent.locator('figcaption').textContent()).toContain(
      `${failed.data.agentId}: running → failed`,
    );
    const sessionActive = await page
      .locator('figure[data-chart="session"] g.state.active')
      .evaluateAll((gs) => gs.map((g) => (g as SVGGElement).dataset.state));
    expect(sessionActive).toEqual(['running', 'running.waving']);
    const shown = await page.locator('#file pre[data-file="STATE.md"]').evaluate((pre) =>
      Array.from(pre.children)
        .filter((s) => !s.classList.contains('del'))
        .map((s) => s.textContent)
        .join(''),
    );
    expect(shown).toBe(stateMdAt(failed.seq));
    const removed = await page.locator('#file pre .del').allTextContents();
    const added = await page.locator('#file pre .add').allTextContents();
    const before = stateMdAt(failed.seq - 1);
    for (const l of removed) expect(before).toContain(l.trimEnd());
    for (const l of added) expect(stateMdAt(failed.seq)).toContain(l.trimEnd());
    expect(await page.locator('#event pre.json').getAttribute('data-seq')).toBe(String(failed.seq));
    expect(await page.locator('#causation a').count()).toBeGreaterThan(1);
    // Spend as the session's own accounting has it then; the agents of the event's wave listed.
    const spend = foldBudgetSpend(events.slice(0, failed.seq));
    const cells = (sel: string) =>
      page
        .locator(`#spend ${sel}`)
        .evaluateAll((rows) =>
          rows.map((r) => Array.from(r.children).map((c) => c.textContent?.trim())),
        );
    const int = (n: number) => n.toLocaleString('en');
    const [total] = await cells('tr.total');
    expect(total?.slice(0, 4)).toEqual([
      'session',
      int(spend.session.inputTokens),
      int(spend.session.outputTokens),
      `$${spend.session.usd.toFixed(4)}`,
    ]);
    expect(spend.session.inputTokens).toBeGreaterThan(0);
    const wave = spend.agents[failed.data.agentId]?.wave;
    const sameWave = Object.entries(spend.agents).filter(([, a]) => a.wave === wave);
    expect((await cells('tr.agent')).map((r) => r[0])).toEqual(sameWave.map(([id]) => id));
    expect((await cells('tr.wave')).map((r) => r[0])).toEqual(
      Object.keys(spend.waves).map((w) => `wave ${w}`),
    );
  });

  it('stepping back one event with the keyboard re-derives the earlier state', async () => {
    const page = browser.page;
    const seq = Number(await page.getAttribute('body', 'data-shown-seq'));
    await page.locator('#scrubber').focus();
    await page.keyboard.press('ArrowLeft');
    await page.waitForSelector(`body[data-shown-seq="${seq - 1}"]`);
    expect(await page.locator('#event pre.json').getAttribute('data-seq')).toBe(String(seq - 1));
    const shown = await page.locator('#file pre[data-file="STATE.md"]').evaluate((pre) =>
      Array.from(pre.children)
        .filter((s) => !s.classList.contains('del'))
        .map((s) => s.textContent)
        .join(''),
    );
    expect(shown).toBe(stateMdAt(seq - 1));
  });

  it('the timeline zooms around the pointer with the wheel, and a click selects an event in view', async () => {
    const page = browser.page;
    await page.click('#fit');
    const canvas = page.locator('#timeline');
    const view = async () =>
      ((await canvas.getAttribute('data-view')) ?? '').split('-').map(Number) as [number, number];
    const [from0, to0] = await view();
    const box = (await canvas.boundingBox()) as { x: number; y: number; width: number };
    const plot = (f: number) => box.x + 150 + f * (box.width - 158);
    await page.mouse.move(plot(0.25), box.y + 20);
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -100);
    await page.waitForFunction(
      (before) => {
        const v = document.getElementById('timeline')?.dataset.view ?? '';
        const [a, b] = v.split('-').map(Number);
        return (b as number) - (a as number) < before;
      },
      (to0 - from0) * 0.5,
    );
    const [from, to] = await view();
    const at = from0 + 0.25 * (to0 - from0);
    expect(from).toBeLessThanOrEqual(at);
    expect(to).toBeGreaterThanOrEqual(at);
    await page.mouse.click(plot(0.5), box.y + 20);
    const expected = Math.round(from + 0.5 * (to - from));
    await page.waitForSelector(`body[data-shown-seq="${expected}"]`);
  });

  it('made no request that left 127.0.0.1 (the page works with the network off)', () => {
    expect(browser.requests.length).toBeGreaterThan(3);
    for (const url of browser.requests)
      expect(url.startsWith(`${inspect.origin}/`), url).toBe(true);
    for (const url of browser.requests) expect(url).toContain(`token=${inspect.token}`);
  });

  it('refuses the page without the token', async () => {
    const res = await browser.page.goto(`${inspect.origin}/`);
    expect(res?.status()).toBe(403);
    const api = await browser.page.goto(`${inspect.origin}/api/at?seq=1`);
    expect(api?.status()).toBe(403);
  });
});
