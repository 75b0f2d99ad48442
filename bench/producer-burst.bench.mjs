// Peak RSS under a producer burst (issue 12): a whole session through the runtime whose 10 agents
// (host-supplied runners, 6 at a time) emit BURST tool-call events as fast as they can, honouring
// the engine's backpressure (the stream reader pauses while the queue is full). Target: peak RSS
// < 300 MB. Yardstick: the RSS of this process once the library is loaded, before the session
// (information); the issue measured 790 MB and a 902k-event queue without backpressure.
import { burstPlan, burstRunner, makeRepo } from './lib/session-log.mjs';
import { rmSync } from 'node:fs';

const BURST = Number(process.env.BURST_EVENTS ?? 400_000);
const { createWaveExecutor } = await import('../dist/runtime.js');
const plan = await burstPlan();
globalThis.gc?.();
const before = process.memoryUsage().rss / 1e6;
let peak = before;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss / 1e6);
}, 20);
const repo = makeRepo();
const t0 = performance.now();
const executor = await createWaveExecutor({
  plan,
  repo,
  runners: { default: burstRunner(Math.ceil(BURST / 10)) },
});
const outcome = await executor.run();
clearInterval(sampler);
const secs = (performance.now() - t0) / 1000;
peak = Math.max(peak, process.resourceUsage().maxRSS / 1024 / 1.048576);
rmSync(repo, { recursive: true, force: true });
if (outcome.exitCode !== 0) throw new Error(`burst session failed: ${JSON.stringify(outcome)}`);
console.log(
  `producer burst: ${BURST.toLocaleString('en-US')} events in ${secs.toFixed(1)} s (${Math.round(BURST / secs).toLocaleString('en-US')} events/s through the engine)`,
);
console.log(
  `producer burst peak RSS: ${peak.toFixed(0)} MB vs RSS before the session: ${before.toFixed(0)} MB → ratio ${(peak / before).toFixed(2)} (target < 300 MB)`,
);
console.log(
  `BENCH ${JSON.stringify({ name: `peak RSS under a ${BURST.toLocaleString('en-US')}-event producer burst`, value: Math.round(peak), unit: 'MB', baseline: Math.round(before), baselineName: 'RSS before the session', ratio: +(peak / before).toFixed(2), target: '< 300 MB', ok: peak < 300 })}`,
);
