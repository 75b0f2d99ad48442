// Takes the screenshots of docs/inspector.md: `wave inspect <log>` in headless Chromium, the
// scrubber on event SEQ. Usage (after `npm run build`, and `npm run demo` for the demo log):
//   node test/inspector/screenshots.mjs <log> <seq> <out.png>
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [log, seq, out] = process.argv.slice(2);
if (!log || !seq || !out) throw new Error('usage: screenshots.mjs <log> <seq> <out.png>');
const inspect = spawn(process.execPath, ['dist/cli/wave.js', 'inspect', log], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise((resolve, reject) => {
  let text = '';
  inspect.stdout.on('data', (d) => {
    text += d;
    const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(text);
    if (m) resolve(m[0]);
  });
  inspect.on('exit', (code) => reject(new Error(`wave inspect exited ${code}`)));
});
const profile = mkdtempSync(join(tmpdir(), 'wave-shot-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1600, height: 1000 },
  deviceScaleFactor: 1,
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
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  await page.waitForSelector('body[data-loaded]');
  await page.locator('#scrubber').fill(seq);
  await page.waitForSelector(`body[data-shown-seq="${seq}"]`);
  await page.waitForTimeout(200);
  await page.screenshot({ path: out });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  inspect.kill('SIGINT');
}
