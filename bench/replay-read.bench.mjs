// Replay read benchmark: a 1,000,000-event (~200 MB) log read (a) bare: chunked read + JSON.parse
// of every line (the yardstick), (b) through the JSONL store, every line validated, (c) trusted.
// Prints MB/s, ratios against the yardstick (best of ROUNDS interleaved runs) and the peak RSS.
// Plug a projection fold in via `fold` below: it gets every batch of events, in order.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createJsonlEventStore } from '../dist/adapters/jsonl-event-store.js';
import { bareRead } from './lib/bare-read.mjs';
import { fillerText as text } from './lib/fake-data.mjs';

const EVENTS = Number(process.env.REPLAY_EVENTS ?? 1_000_000);
const ROUNDS = 3;
const SESSION = 's-bench';

/** Per-batch hook for the projection fold (the lead plugs the projections in here). */
const fold = (_batch) => {};

let peakRss = 0;
const sampleRss = () => {
  const rss = process.memoryUsage().rss;
  if (rss > peakRss) peakRss = rss;
};

function eventFor(seq) {
  const r = (seq * 2654435761) % 100;
  const agentId = `W${1 + (seq % 5)}-a${seq % 7}`;
  let type;
  let data;
  if (r < 40) {
    type = 'agent.tool_called';
    data =
      r % 2 === 0
        ? {
            agentId,
            tool: 'Edit',
            input: {
              file_path: `src/module-${seq % 300}/file-${seq % 17}.ts`,
              old_string: text(seq, 16),
              new_string: text(seq + 1, 20),
            },
            callId: `toolu_${seq.toString(36)}`,
          }
        : { agentId, tool: 'Bash', input: { command: `npx vitest run test/m${seq % 90}` } };
  } else if (r < 60) {
    type = 'agent.output';
    data = { agentId, text: text(seq, 20 + (seq % 70)) };
  } else if (r < 72) {
    type = 'mission.status_changed';
    data = { id: `m-${seq % 1000}`, from: 'in-dev', to: 'testing', reason: 'agent done' };
  } else if (r < 82) {
    type = 'agent.usage';
    data = { agentId, inputTokens: seq % 9000, outputTokens: seq % 700, costUsd: 0.0123, turns: 3 };
  } else if (r < 88) {
    type = 'heartbeat.recorded';
    data = { wave: 1 + (seq % 5) };
  } else if (r < 93) {
    type = 'agent.tool_failed';
    data = { agentId, tool: 'Bash', error: `exit code 1: ${text(seq, 40)}` };
  } else if (r < 97) {
    type = 'agent.dispatched';
    data = {
      wave: 1 + (seq % 5),
      taskId: `t-${seq % 1000}`,
      agentId,
      attempt: 1,
      runner: 'claude',
      description: text(seq, 50),
      maxTurns: 20,
      reason: 'planned',
    };
  } else {
    type = 'agent.finished';
    data = {
      agentId,
      status: 'done',
      reported: 'done',
      summary: text(seq, 80),
      filesChanged: [`src/module-${seq % 300}/file-${seq % 17}.ts`],
      turns: 7,
      exitCode: 0,
      openQuestions: [],
    };
  }
  const ts = new Date(Date.UTC(2026, 10, 24, 9) + seq * 10).toISOString();
  const causation = seq > 1 ? `,"causation":${seq - 1}` : '';
  return `{"v":1,"seq":${seq},"ts":"${ts}","session":"${SESSION}","type":"${type}","data":${JSON.stringify(data)}${causation}}\n`;
}

async function writeLog(file) {
  const out = createWriteStream(file);
  let chunk = '';
  for (let seq = 1; seq <= EVENTS; seq++) {
    chunk += eventFor(seq);
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

async function storeRead(store, trusted) {
  let count = 0;
  for await (const batch of store.read(SESSION, { trusted })) {
    count += batch.length;
    fold(batch);
    sampleRss();
  }
  return count;
}

async function time(fn) {
  const t0 = performance.now();
  const n = await fn();
  const ms = performance.now() - t0;
  if (n !== EVENTS) throw new Error(`read ${n} events, expected ${EVENTS}`);
  return ms;
}

const dir = await mkdtemp(join(tmpdir(), 'wave-replay-bench-'));
try {
  const file = join(dir, `${SESSION}.jsonl`);
  await writeLog(file);
  const size = (await stat(file)).size;
  const mb = size / 1e6;
  const store = createJsonlEventStore({ dir });
  peakRss = 0;
  sampleRss();
  const timer = setInterval(sampleRss, 10);
  const best = { bare: Infinity, validated: Infinity, trusted: Infinity };
  // The order alternates each round: the yardstick does not always run first.
  const steps = [
    async () => {
      best.bare = Math.min(
        best.bare,
        await time(() =>
          bareRead(file, (batch) => {
            fold(batch);
            sampleRss();
          }),
        ),
      );
    },
    async () => {
      best.validated = Math.min(best.validated, await time(() => storeRead(store, false)));
    },
    async () => {
      best.trusted = Math.min(best.trusted, await time(() => storeRead(store, true)));
    },
  ];
  for (let round = 0; round < ROUNDS; round++) {
    for (const step of round % 2 === 0 ? steps : [...steps].reverse()) await step();
  }
  clearInterval(timer);
  await store.close();
  const rate = (ms) => `${(mb / (ms / 1000)).toFixed(1)} MB/s`;
  const yard = `bare chunked read + JSON.parse: ${rate(best.bare)} (${best.bare.toFixed(0)} ms)`;
  console.log(`replay-read: ${EVENTS} events, ${mb.toFixed(1)} MB log`);
  console.log(
    `replay-read validated: ${rate(best.validated)} (${best.validated.toFixed(0)} ms) vs ${yard} → ratio ${(best.validated / best.bare).toFixed(2)} (target ≤ 2.0)`,
  );
  console.log(
    `replay-read trusted: ${rate(best.trusted)} (${best.trusted.toFixed(0)} ms) vs ${yard} → ratio ${(best.trusted / best.bare).toFixed(2)} (target ≤ 1.3)`,
  );
  console.log(
    `replay-read peak RSS: ${(peakRss / 1048576).toFixed(0)} MB vs limit: 300 MB → ratio ${(peakRss / 1048576 / 300).toFixed(2)} (target ≤ 1.0)`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
