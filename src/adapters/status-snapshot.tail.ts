/** Reading the line that ends just before a byte offset of a log (for the status snapshot). */
import { readSync } from 'node:fs';

const NL = 10;
const CHUNK = 16 * 1024;

/**
 * The bytes of the line whose newline is the byte at `offset - 1` (without the newline), or null
 * when that byte is not a newline. Reads backwards in small chunks: the cost is the line's length.
 */
export function lastLineBefore(fd: number, offset: number): Buffer | null {
  if (offset <= 0) return null;
  const one = Buffer.alloc(1);
  if (readSync(fd, one, 0, 1, offset - 1) !== 1 || one[0] !== NL) return null;
  const parts: Buffer[] = [];
  let end = offset - 1;
  while (end > 0) {
    const start = Math.max(0, end - CHUNK);
    const buf = Buffer.allocUnsafe(end - start);
    const n = readSync(fd, buf, 0, buf.length, start);
    const chunk = buf.subarray(0, n);
    const i = chunk.lastIndexOf(NL);
    if (i >= 0) {
      parts.unshift(chunk.subarray(i + 1));
      return Buffer.concat(parts);
    }
    parts.unshift(chunk);
    end = start;
  }
  return Buffer.concat(parts);
}
