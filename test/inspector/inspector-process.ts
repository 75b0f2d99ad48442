/**
 * Helpers of the inspector's end-to-end tests: `wave inspect` as a real child process (its URL read
 * from stdout, stopped by its own pid), and headless Chromium (Debian's `chromium`, driven by
 * playwright-core) with a fresh profile and the flags that keep it off the network.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { WAVE_BIN } from '../support/wave-cli.js';

/** Where Debian's chromium is (`.ci/run` installs it when missing). */
const CHROMIUM = '/usr/bin/chromium';

/** A running `wave inspect`. */
export interface InspectProcess {
  child: ChildProcess;
  url: string;
  origin: string;
  token: string;
  stop(): Promise<void>;
}

/** Starts `wave inspect <args>` and waits for its URL. */
export function startInspect(args: string[], cwd = process.cwd()): Promise<InspectProcess> {
  const child = spawn(process.execPath, [WAVE_BIN, 'inspect', ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no URL from wave inspect: ${out}${err}`)),
      20_000,
    );
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`wave inspect exited ${code}: ${err}`)));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        child,
        url: m[0],
        origin: m[1] as string,
        token: m[2] as string,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGINT');
          }),
      });
    });
  });
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
  const profile = mkdtempSync(join(tmpdir(), 'wave-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
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
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
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
