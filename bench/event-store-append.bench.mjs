// Durable append benchmark for the JSONL event store.
// (1) Group commit: many concurrent appenders, every append durable when it resolves, vs raw fs
//     writes of the same lines with the same batching (one write + one fdatasync per batch).
//     Events are made as they are appended (stamped by the appender), in both runs.
// (2) A lone durable commit on an idle log vs one bare fdatasync (median of SAMPLES, interleaved).
// Each figure is the best of ROUNDS runs.
import { closeSync, fdatasync, fdatasyncSync, openSync, writeSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJsonlEventStore } from '../dist/adapters/jsonl-event-store.js';
import { serializeEvent } from '../dist/adapters/jsonl-serialize.js';

const EVENTS = Number(process.env.APPEND_EVENTS ?? 200_000);
const APPENDERS = Number(process.env.APPEND_CONCURRENCY ?? 2000);
const BATCH = 1000;
const SAMPLES = 200;
const ROUNDS = 5;

// Events are stamped when they happen (as the runtime does), not prebuilt: a timestamp per ms.
const T0 = Date.UTC(2026, 10, 24, 9);
const tsCache = new Map();
const stamp = (seq) => {
  const ms = Math.floor(seq / 100);
  let ts = tsCache.get(ms);
  if (ts === undefined) tsCache.set(ms, (ts = new Date(T0 + ms).toISOString()));
  return ts;
};

const AGENTS = Array.from({ length: 7 }, (_, i) => `W1-a${i}`);
const FILES = Array.from({ length: 97 }, (_, i) => `src/f${i}.ts`);
const MISSIONS = Array.from({ length: 1000 }, (_, i) => `m-${i}`);

function makeEvent(session, seq) {
  const ts = stamp(seq);
  const agentId = AGENTS[seq % 7];
  switch (seq % 4) {
    case 0:
      return {
        v: 1,
        seq,
        ts,
        session,
        type: 'agent.tool_called',
        data: {
          agentId,
          tool: 'Edit',
          input: { file_path: FILES[seq % 97], old_string: 'a', new_string: 'b' },
        },
      };
    case 1:
      return {
        v: 1,
        seq,
        ts,
        session,
        type: 'agent.output',
        data: { agentId, text: `working on step ${seq}` },
      };
    case 2:
      return {
        v: 1,
        seq,
        ts,
        session,
        type: 'mission.status_changed',
        data: { id: MISSIONS[seq % 1000], from: 'in-dev', to: 'testing', reason: 'agent done' },
        causation: seq - 1,
      };
    default:
      return { v: 1, seq, ts, session, type: 'heartbeat.recorded', data: { wave: 1 } };
  }
}

const datasync = (fd) => new Promise((res, rej) => fdatasync(fd, (e) => (e ? rej(e) : res())));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function groupCommit(dir, name, validateOnAppend) {
  const store = createJsonlEventStore({ dir, validateOnAppend });
  await store.openWriter(name);
  let next = 0;
  const appender = async () => {
    while (next < EVENTS) {
      const e = makeEvent(name, ++next);
      await store.append(name, [e], { expectedVersion: 'any' });
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: APPENDERS }, appender));
  const ms = performance.now() - t0;
  await store.close();
  return EVENTS / (ms / 1000);
}

/** The yardstick: the same events, JSON.stringify'd, one write + one fdatasync per batch. */
async function rawBatches(dir, name) {
  const fd = openSync(join(dir, `${name}.jsonl`), 'a');
  const t0 = performance.now();
  for (let i = 0; i < EVENTS; i += BATCH) {
    let text = '';
    for (let seq = i + 1; seq <= i + BATCH; seq++)
      text += JSON.stringify(makeEvent(name, seq)) + '\n';
    const buf = Buffer.from(text);
    for (let off = 0; off < buf.length;) off += writeSync(fd, buf, off, buf.length - off);
    await datasync(fd);
  }
  const ms = performance.now() - t0;
  closeSync(fd);
  return EVENTS / (ms / 1000);
}

/** Lone commits on an idle log and bare fdatasyncs, interleaved so both see the same disk. */
async function loneVsBare(dir) {
  const store = createJsonlEventStore({ dir });
  await store.openWriter('lone');
  const fd = openSync(join(dir, 'bare.jsonl'), 'a');
  const lone = [];
  const bare = [];
  for (let seq = 1; seq <= SAMPLES; seq++) {
    const e = makeEvent('lone', seq);
    let t0 = performance.now();
    await store.append('lone', [e], { expectedVersion: seq - 1 });
    lone.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 1));
    writeSync(fd, serializeEvent(makeEvent('bare', seq)));
    t0 = performance.now();
    fdatasyncSync(fd);
    bare.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 1));
  }
  closeSync(fd);
  await store.close();
  return { lone: median(lone), bare: median(bare) };
}

const dir = await mkdtemp(join(tmpdir(), 'wave-append-bench-'));
try {
  const best = { validated: 0, trusted: 0, raw: 0, lone: Infinity, bare: 1 };
  for (let r = 0; r < ROUNDS; r++) {
    // The order alternates each round: the yardstick does not always run first.
    const steps = [
      async () => (best.raw = Math.max(best.raw, await rawBatches(dir, `raw-${r}`))),
      async () =>
        (best.validated = Math.max(best.validated, await groupCommit(dir, `val-${r}`, true))),
      async () =>
        (best.trusted = Math.max(best.trusted, await groupCommit(dir, `unv-${r}`, false))),
    ];
    for (const step of r % 2 === 0 ? steps : [...steps].reverse()) await step();
    const { lone, bare } = await loneVsBare(join(dir, `lone-${r}`));
    if (lone / bare < best.lone / best.bare) Object.assign(best, { lone, bare });
  }
  const eps = (x) => `${Math.round(x).toLocaleString('en-US')} events/s`;
  const raw = `raw fs (JSON.stringify + write, ${BATCH}-event batches, 1 fdatasync each): ${eps(best.raw)}`;
  console.log(`event-store-append: ${EVENTS} events, ${APPENDERS} concurrent appenders`);
  console.log(
    `append durable group commit (validated): ${eps(best.validated)} vs ${raw} → ratio ${(best.validated / best.raw).toFixed(2)} (target ≥ 0.5, and ≥ 200,000 events/s)`,
  );
  console.log(
    `append durable group commit (validateOnAppend: false): ${eps(best.trusted)} vs ${raw} → ratio ${(best.trusted / best.raw).toFixed(2)} (target ≥ 0.5, and ≥ 200,000 events/s)`,
  );
  const us = (ms) => `${(ms * 1000).toFixed(0)} µs`;
  console.log(
    `append lone durable commit (median of ${SAMPLES}): ${us(best.lone)} vs bare fdatasync: ${us(best.bare)} → ratio ${(best.lone / best.bare).toFixed(2)} (target ≤ 1.5)`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
