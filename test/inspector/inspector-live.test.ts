/**
 * The inspector follows a live session: `wave inspect --repo` starts before `wave run` (no log
 * yet), the page in headless Chromium gets the first events, then the rest as the scripted agents
 * work, and keeps following the newest event up to the completed session.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { makeRepo } from '../support/git-repo.js';
import { waveBackground, writePlan } from '../support/wave-cli.js';
import {
  launchBrowser,
  startInspect,
  type Browser,
  type InspectProcess,
} from './inspector-process.js';

const PLAN = `session:
  type: feature
  intent: Add a greeting module
config:
  quality-gates:
    test: node -e "process.exit(0)"
waves:
  - role: Impl-Core
    tasks:
      - { id: m-1, task: Write greet, files: [src/greet.js] }
      - { id: m-2, task: Write farewell, files: [src/farewell.js] }
  - role: Quality
    tasks:
      - { id: m-3, task: Review greet, files: [src/greet.js] }
`;

let inspect: InspectProcess | undefined;
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
  await inspect?.stop();
});

describe('wave inspect following a live wave run', () => {
  it('shows the session as it runs and ends on session.completed', async () => {
    const repo = makeRepo();
    writePlan(repo, PLAN);
    inspect = await startInspect(['--repo', repo]);
    browser = await launchBrowser();
    const page = browser.page;
    await page.goto(inspect.url);
    await page.waitForSelector('#session');
    const run = waveBackground(['run', 'plan.yaml', '--allow-dirty', '--yes'], {
      cwd: repo,
      env: { SCRIPTED_AGENT_DELAY_MS: '120', SCRIPTED_AGENT_TOOLS: '6' },
    });
    const exit = new Promise<number | null>((done) => run.on('exit', (code) => done(code)));
    await page.waitForSelector('body[data-loaded]', { timeout: 30_000 });
    const firstLoad = Number(await page.getAttribute('body', 'data-loaded'));
    await page.waitForSelector(
      'figure[data-chart="session"] g.state.active[data-state="completed"]',
      {
        timeout: 60_000,
      },
    );
    expect(await exit).toBe(0);
    const total = await page.evaluate(
      () =>
        (window as unknown as { __inspector: { st: { events: unknown[] } } }).__inspector.st.events
          .length,
    );
    expect(firstLoad).toBeLessThan(total);
    expect(await page.textContent('#seq')).toBe(`#${total} / ${total}`);
    expect(await page.textContent('#seq-type')).toContain('session.completed');
    expect(await page.textContent('#session')).toMatch(/^main-\d{4}-\d{2}-\d{2}-feature-1$/);
    expect(await page.locator('#file pre[data-file="STATE.md"]').textContent()).toContain(
      'status: completed',
    );
    for (const url of browser.requests)
      expect(url.startsWith(`${inspect.origin}/`), url).toBe(true);
  });
});
