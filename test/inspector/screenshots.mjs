// Takes the screenshots of docs/inspector.md: `wave inspect <log>` in headless Chromium, the
// scrubber on event SEQ. Usage (after `npm run build`, and `npm run demo` for the demo log):
//   node test/inspector/screenshots.mjs <log> <seq> <out.png>
import { launchChromium, startInspectProcess } from '../support/chromium.mjs';

const [log, seq, out] = process.argv.slice(2);
if (!log || !seq || !out) throw new Error('usage: screenshots.mjs <log> <seq> <out.png>');
const { child: inspect, url } = await startInspectProcess('dist/cli/wave.js', [log]);
const { context, close } = await launchChromium({ deviceScaleFactor: 1 });
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  await page.waitForSelector('body[data-loaded]');
  await page.locator('#scrubber').fill(seq);
  await page.waitForSelector(`body[data-shown-seq="${seq}"]`);
  await page.waitForTimeout(200);
  await page.screenshot({ path: out });
} finally {
  await close();
  inspect.kill('SIGINT');
}
