/* global document, fetch, MutationObserver, requestAnimationFrame, Event, location -- functions passed to page.evaluate run in the browser */
// The inspector with 100,000 events (issue 11), measured in headless Chromium (Debian's
// `chromium`, playwright-core), over `wave inspect` run as a child process like a user would:
// - load: from navigation until the page holds every event (SSE history, lanes indexed, the last
//   event derived and shown); yardstick, measured in the same page and run, order alternated:
//   fetching the same log file from a bare static server and JSON.parse-ing every line (the floor
//   of getting those events into a page at all);
// - scrub: moving the scrubber to the middle (first jump), then single steps forward and backward
//   and jumps of ±1,000 around it, each timed from the input until the charts, files, JSON and
//   spend for that event are on screen. Target: < 100 ms per scrub step. Yardstick: one local
//   HTTP round trip plus one animation frame, the floor of any update that asks the server.
// The log is a real-shaped session (5 waves × 50 agents) made by the replay bench's generator.
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, startInspectProcess } from '../test/support/chromium.mjs';

const EVENTS = Number(process.env.INSPECTOR_EVENTS ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 3);
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'wave-inspect-bench-'));
const log = join(dir, 'session.jsonl');
const gen = spawnSync(
  process.execPath,
  [join(root, 'bench/replay-projections.bench.mjs'), '--generate', log],
  {
    env: { ...process.env, REPLAY_EVENTS: String(EVENTS) },
    stdio: 'inherit',
  },
);
if (gen.status !== 0) throw new Error('log generation failed');

const { child: inspect, url } = await startInspectProcess(join(root, 'dist/cli/wave.js'), [log], {
  timeoutMs: 120_000,
});
process.on('exit', () => inspect.kill('SIGINT'));
const bare = createServer((req, res) => {
  if (req.url !== '/log') {
    res.writeHead(200, { 'content-type': 'text/html' });
    return res.end('<!doctype html><title>bare</title>');
  }
  res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
  createReadStream(log).pipe(res);
});
await new Promise((r) => bare.listen(0, '127.0.0.1', r));
const bareUrl = `http://127.0.0.1:${bare.address().port}/log`;

const { context, close } = await launchChromium({
  args: [
    '--disable-renderer-backgrounding',
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
  ],
});
const page = context.pages()[0] ?? (await context.newPage());
const barePage = await context.newPage();
await barePage.goto(bareUrl.replace('/log', '/'));

async function loadOnce() {
  await page.bringToFront();
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForSelector(`body[data-shown-seq="${EVENTS}"]`, { timeout: 300_000 });
  return Date.now() - t0;
}
async function bareOnce() {
  await barePage.bringToFront();
  return barePage.evaluate(async (u) => {
    const t0 = performance.now();
    const text = await (await fetch(u)).text();
    let n = 0;
    for (const line of text.split('\n')) if (line) n += JSON.parse(line).seq > 0 ? 1 : 0;
    if (n === 0) throw new Error('empty');
    return performance.now() - t0;
  }, bareUrl);
}
/** Selects `seq` through the scrubber and resolves with the ms until it is on screen. */
const step = (seq) =>
  page.evaluate(
    (s) =>
      new Promise((resolve) => {
        const scrub = document.getElementById('scrubber');
        const t0 = performance.now();
        const obs = new MutationObserver(() => {
          if (document.body.dataset.shownSeq === String(s)) {
            obs.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - t0));
          }
        });
        obs.observe(document.body, { attributes: true });
        scrub.value = String(s);
        scrub.dispatchEvent(new Event('input'));
      }),
    seq,
  );
const floor = () =>
  page.evaluate(async () => {
    const t0 = performance.now();
    await (await fetch(`/api/meta${location.search}`)).text();
    await new Promise((r) => requestAnimationFrame(r));
    return performance.now() - t0;
  });

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
};
const f = (x) => x.toFixed(1);

const loads = [];
const bares = [];
for (let r = 0; r < RUNS; r++) {
  if (r % 2 === 0) {
    loads.push(await loadOnce());
    bares.push(await bareOnce());
  } else {
    bares.push(await bareOnce());
    loads.push(await loadOnce());
  }
}
await page.bringToFront();
const mid = Math.floor(EVENTS / 2);
const firstJump = await step(mid);
const steps = [];
const floors = [];
const moves = [1, 1, 1, -1, -1, -1, -1, 1000, -1000, -1000, 1000, 1, -1, 2, -2, 1, -1];
let at = mid;
for (let i = 0; i < 3; i++) {
  for (const [k, d] of moves.entries()) {
    if (k % 2 === 0) floors.push(await floor());
    at += d;
    steps.push(await step(at));
    if (k % 2 === 1) floors.push(await floor());
  }
}
const backSteps = [];
for (let i = 0; i < 10; i++) backSteps.push(await step(--at));

const load = stats(loads);
const yard = stats(bares);
const sc = stats(steps);
const fl = stats(floors);
const back = stats(backSteps);
const mb = (statSync(log).size / 1e6).toFixed(1);
console.log(
  `inspector: ${EVENTS.toLocaleString('en')} events (${mb} MB log), ${RUNS} loads; ${steps.length} scrub steps (±1, ±2, ±1,000) around the middle, then 10 single steps back`,
);
console.log(
  `load min/median/max: ${f(load.min)}/${f(load.median)}/${f(load.max)} ms; bare fetch + JSON.parse of the same log: ${f(yard.min)}/${f(yard.median)}/${f(yard.max)} ms`,
);
console.log(`first jump to the middle (seq ${mid}): ${f(firstJump)} ms`);
console.log(
  `scrub step min/median/max: ${f(sc.min)}/${f(sc.median)}/${f(sc.max)} ms; single steps back: ${f(back.min)}/${f(back.median)}/${f(back.max)} ms; floor (HTTP round trip + frame): ${f(fl.min)}/${f(fl.median)}/${f(fl.max)} ms`,
);
console.log(
  `BENCH ${JSON.stringify({ name: 'inspector load of 100,000 events', value: Math.round(load.median), unit: 'ms', baseline: Math.round(yard.median), baselineName: 'bare fetch + JSON.parse of the log in the page', ratio: +(load.median / yard.median).toFixed(2), target: 'informational', ok: true })}`,
);
console.log(
  `BENCH ${JSON.stringify({ name: 'inspector scrub step (median, 100,000 events)', value: +sc.median.toFixed(1), unit: 'ms', baseline: +fl.median.toFixed(1), baselineName: 'HTTP round trip + one frame', ratio: +(sc.median / fl.median).toFixed(2), target: '< 100 ms', ok: sc.median < 100 })}`,
);
console.log(
  `BENCH ${JSON.stringify({ name: 'inspector scrub step (max, 100,000 events)', value: +sc.max.toFixed(1), unit: 'ms', baseline: +fl.max.toFixed(1), baselineName: 'HTTP round trip + one frame (max)', ratio: +(sc.max / fl.max).toFixed(2), target: '< 100 ms', ok: sc.max < 100 })}`,
);

await close();
bare.close();
inspect.kill('SIGINT');
rmSync(dir, { recursive: true, force: true });
