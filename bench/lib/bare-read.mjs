// The yardstick of the replay benchmarks: a chunked read of a JSONL file, split on '\n', with one
// JSON.parse per line and nothing else. `onBatch` (optional) gets each chunk's parsed records.
import { open } from 'node:fs/promises';

/** Reads `file` the bare way; returns the number of lines parsed. */
export async function bareRead(file, onBatch) {
  const handle = await open(file, 'r');
  let buf = Buffer.allocUnsafe(1 << 20);
  let carry = 0;
  let pos = 0;
  let count = 0;
  try {
    for (;;) {
      if (carry === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, carry);
        buf = bigger;
      }
      const { bytesRead } = await handle.read(buf, carry, buf.length - carry, pos);
      if (bytesRead === 0) break;
      pos += bytesRead;
      const filled = carry + bytesRead;
      const lastNl = buf.lastIndexOf(10, filled - 1);
      if (lastNl < 0) {
        carry = filled;
        continue;
      }
      const text = buf.toString('utf8', 0, lastNl);
      const batch = onBatch ? [] : null;
      for (let start = 0; start <= text.length;) {
        let nl = text.indexOf('\n', start);
        if (nl < 0) nl = text.length;
        const record = JSON.parse(text.slice(start, nl));
        if (batch) batch.push(record);
        count += 1;
        start = nl + 1;
      }
      if (batch) onBatch(batch);
      buf.copy(buf, 0, lastNl + 1, filled);
      carry = filled - lastNl - 1;
    }
  } finally {
    await handle.close();
  }
  return count;
}
