// Headless Chromium and `wave inspect` as the inspector's tests, its screenshot script and its
// benchmark all start them: Debian's chromium (`.ci/run` installs it) driven by playwright-core,
// with a fresh profile and the flags that keep it off the network; and `wave inspect` as a child
// process whose URL is read from its stdout. One place, so the three cannot drift apart.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/** Where Debian's chromium is. */
export const CHROMIUM = '/usr/bin/chromium';

/** Flags that keep a headless Chromium off the network and quiet. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The URL `wave inspect` prints: origin and token. */
export const INSPECT_URL = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]+)/;

/**
 * Launches Chromium with a fresh profile (removed on close).
 * @param {{ viewport?: {width: number, height: number}, args?: string[], deviceScaleFactor?: number }} [options]
 */
export async function launchChromium(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'wave-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: options.viewport ?? { width: 1600, height: 1000 },
    ...(options.deviceScaleFactor ? { deviceScaleFactor: options.deviceScaleFactor } : {}),
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Starts `wave inspect <args>` (`bin`: the built CLI) and resolves once it printed its URL.
 * @param {string} bin
 * @param {string[]} args
 * @param {{ cwd?: string, timeoutMs?: number }} [options]
 */
export function startInspectProcess(bin, args, options = {}) {
  const child = spawn(process.execPath, [bin, 'inspect', ...args], {
    cwd: options.cwd ?? process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no URL from wave inspect: ${out}${err}`)),
      options.timeoutMs ?? 20_000,
    );
    child.stderr.on('data', (d) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`wave inspect exited ${code}: ${err}`)));
    child.stdout.on('data', (d) => {
      out += d.toString();
      const m = INSPECT_URL.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({ child, url: m[0], origin: m[1], token: m[2] });
    });
  });
}
