/**
 * Helpers of the inspector's end-to-end tests: `wave inspect` as a real child process (its URL read
 * from stdout, stopped by its own pid), and headless Chromium (Debian's `chromium`, driven by
 * playwright-core) with a fresh profile and the flags that keep it off the network.
 */
import type { ChildProcess } from 'node:child_process';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, startInspectProcess } from '../support/chromium.mjs';
import { WAVE_BIN } from '../support/wave-cli.js';

/** A running `wave inspect`. */
export interface InspectProcess {
  child: ChildProcess;
  url: string;
  origin: string;
  token: string;
  stop(): Promise<void>;
}

/** Starts `wave inspect <args>` and waits for its URL. */
export async function startInspect(args: string[], cwd = process.cwd()): Promise<InspectProcess> {
  const started = await startInspectProcess(WAVE_BIN, args, { cwd });
  const { child } = started;
  return {
    ...started,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.removeAllListeners('exit');
        child.once('exit', () => done());
        child.kill('SIGINT');
      }),
  };
}

/** A headless Chromium with a fresh profile; `requests` records every URL the page asked for. */
export interface Browser {
  context: BrowserContext;
  page: Page;
  requests: string[];
  close(): Promise<void>;
}

/** Launches Chromium; anything not bound for 127.0.0.1 is aborted and recorded. */
export async function launchBrowser(viewport = { width: 1600, height: 1000 }): Promise<Browser> {
  const { context, close } = await launchChromium({ viewport });
  const requests: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url.startsWith('http://127.0.0.1:') || url.startsWith('data:')) return route.continue();
    return route.abort('internetdisconnected');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    requests,
    close,
  };
}

/** Opens the inspector and waits until the history is loaded. */
export async function openInspector(page: Page, url: string): Promise<number> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector('body[data-loaded]', { timeout: 60_000 });
  if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
  return Number(await page.getAttribute('body', 'data-loaded'));
}

/** Selects event `seq` by moving the scrubber, and waits until the page shows it. */
export async function scrubTo(page: Page, seq: number): Promise<void> {
  await page.locator('#scrubber').fill(String(seq));
  await page.waitForSelector(`body[data-shown-seq="${seq}"]`, { timeout: 30_000 });
}
