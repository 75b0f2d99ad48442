// Durable append benchmark for the JSONL event store.
// (1) Group commit: many concurrent appenders, every append durable when it resolves, vs raw fs
//     writes of the same lines with the same batching (one write + one fdatasync per batch).
// (2) A lone durable commit on an idle log vs one bare fdatasync (median of SAMPLES).
import { closeSync, fdatasync, fdatasyncSync, openSync, writeSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJsonlEventStore } from '../dist/adapters/jsonl-event-store.js';
import { serializeEvent } from '../dist/adapters/jsonl-serialize.js';

const EVENTS = Number(process.env.APPEND_EVENTS ?? 200_000);
const APPENDERS = 1000;
const BATCH = 1000;
const SAMPLES = 200;
const ROUNDS = 2;

function makeEvent(stream, seq) {
  const ts = new Date(Date.UTC(2026, 10, 24, 9) + seq).toISOString();
  const base = { v: 1, seq, ts, session: stream };
  const agentId = `W1-a${seq % 7}`;
  switch (seq % 4) {
    case 0:
      return {
        ...base,
        type: 'agent.tool_called',
        data: {
          agentId,
          tool: 'Edit',
          input: { file_path: `src/f${seq % 97}.ts`, old_string: 'a', new_string: 'b' },
        },
      };
    case 1:
      return { ...base, type: 'agent.output', data: { agentId, text: `working on step ${seq}` } };
    case 2:
      return {
        ...base,
        type: 'mission.status_changed',
        data: { id: `m-${seq % 1000}`, from: 'in-dev', to: 'testing', reason: 'agent done' },
        causation: seq - 1,
      };
    default:
      return { ...base, type: 'heartbeat.recorded', data: { wave: 1 } };
  }
}

const datasync = (fd) => new Promise((res, rej) => fdatasync(fd, (e) => (e ? rej(e) : res())));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function groupCommit(dir, name, validateOnAppend) {
  const store = createJsonlEventStore({ dir, validateOnAppend });
  const events = Array.from({ length: EVENTS }, (_, i) => makeEvent(name, i + 1));
  await store.openWriter(name);
  let next = 0;
  const appender = async () => {
    while (next < EVENTS) {
      const e = events[next++];
      await store.append(name, [e], { expectedVersion: 'any' });
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: APPENDERS }, appender));
  const ms = performance.now() - t0;
  await store.close();
  return EVENTS / (ms / 1000);
}

async function rawBatches(dir, name) {
  const lines = Array.from({ length: EVENTS }, (_, i) => serializeEvent(makeEvent(name, i + 1)));
  const fd = openSync(join(dir, `${name}.jsonl`), 'a');
  const t0 = performance.now();
  for (let i = 0; i < EVENTS; i += BATCH) {
    const buf = Buffer.from(lines.slice(i, i + BATCH).join(''));
    for (let off = 0; off < buf.length;) off += writeSync(fd, buf, off, buf.length - off);
    await datasync(fd);
  }
  const ms = performance.now() - t0;
  closeSync(fd);
  return EVENTS / (ms / 1000);
}

async function loneCommits(dir) {
  const store = createJsonlEventStore({ dir });
  await store.openWriter('lone');
  const samples = [];
  for (let seq = 1; seq <= SAMPLES; seq++) {
    const e = makeEvent('lone', seq);
    const t0 = performance.now();
    await store.append('lone', [e], { expectedVersion: seq - 1 });
    samples.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 1));
  }
  await store.close();
  return median(samples);
}

async function bareFdatasyncs(dir) {
  const fd = openSync(join(dir, 'bare.jsonl'), 'a');
  const samples = [];
  for (let seq = 1; seq <= SAMPLES; seq++) {
    writeSync(fd, serializeEvent(makeEvent('bare', seq)));
    const t0 = performance.now();
    fdatasyncSync(fd);
    samples.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 1));
  }
  closeSync(fd);
  return median(samples);
}

const dir = await mkdtemp(join(tmpdir(), 'wave-append-bench-'));
try {
  const best = { validated: 0, trusted: 0, raw: 0, lone: Infinity, bare: Infinity };
  for (let r = 0; r < ROUNDS; r++) {
    best.raw = Math.max(best.raw, await rawBatches(dir, `raw-${r}`));
    best.validated = Math.max(best.validated, await groupCommit(dir, `val-${r}`, true));
    best.trusted = Math.max(best.trusted, await groupCommit(dir, `unv-${r}`, false));
    best.lone = Math.min(best.lone, await loneCommits(join(dir, `lone-${r}`)));
    best.bare = Math.min(best.bare, await bareFdatasyncs(dir));
  }
  const eps = (x) => `${Math.round(x).toLocaleString('en-US')} events/s`;
  const raw = `raw fs writes (${BATCH}-line batches, 1 fdatasync each): ${eps(best.raw)}`;
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
