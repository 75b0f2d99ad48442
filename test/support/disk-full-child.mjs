// Appends to a JSONL event store until the disk refuses (issue 8, item 7), as a real process:
//   node disk-full-child.mjs <dir> fill      appends 8 KiB events in batches of 4 until an append
//                                            fails; prints {"version":…,"error":"ENOSPC"|…}
//   node disk-full-child.mjs <dir> one       opens the store again and appends one batch of 3;
//                                            prints {"version":…}
import { createJsonlEventStore } from '../../dist/adapters/jsonl-event-store.js';

const [dir, mode] = process.argv.slice(2);
const store = createJsonlEventStore({ dir });
const stream = 'disk-full';
let version = (await store.openWriter(stream)).version;
const ts = '2026-01-01T00:00:00.000Z';
const batch = (n) =>
  Array.from({ length: n }, (_, i) => ({
    v: 1,
    seq: version + i + 1,
    ts,
    session: stream,
    type: 'agent.output',
    data: { agentId: 'w1-m-1-a1', text: `${version + i + 1} `.padEnd(8192, 'x') },
  }));
let error = null;
for (let i = 0; i < (mode === 'one' ? 1 : 10_000); i++) {
  try {
    const events = batch(mode === 'one' ? 3 : 4);
    version = (await store.append(stream, events, { expectedVersion: version })).version;
  } catch (e) {
    error = e.code ?? e.cause?.code ?? e.errors?.[0]?.code ?? String(e);
    break;
  }
}
await store.close().catch(() => undefined);
process.stdout.write(`${JSON.stringify({ version, error })}\n`);
