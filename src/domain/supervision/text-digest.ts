/**
 * Short, deterministic, non-cryptographic digests for the loop detectors: two 32-bit FNV-1a lanes
 * (different offsets) over UTF-16 code units, printed as 16 hex digits. Used to compare texts and
 * tool inputs without keeping them (collisions are ~2^-64 per pair; a collision can only make a
 * detector see a repetition that was not one).
 */

const OFFSET_A = 0x811c9dc5;
const OFFSET_B = 0x01000193 ^ 0x9e3779b9;
const PRIME = 0x01000193;

/** A running digest (two lanes). */
export interface Digest {
  a: number;
  b: number;
}

/** A fresh running digest. */
export function startDigest(): Digest {
  return { a: OFFSET_A, b: OFFSET_B };
}

/** Folds a string into a running digest. */
export function addText(d: Digest, text: string): void {
  let a = d.a;
  let b = d.b;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, PRIME);
    b = Math.imul(b ^ (c + 0x3b), PRIME);
  }
  // A separator, so ("ab","c") and ("a","bc") differ.
  d.a = Math.imul(a ^ 0xff, PRIME);
  d.b = Math.imul(b ^ 0x1ff, PRIME);
}

/** The hex form of a running digest. */
export function digestHex(d: Digest): string {
  return (d.a >>> 0).toString(16).padStart(8, '0') + (d.b >>> 0).toString(16).padStart(8, '0');
}

/** The digest of one text (the form `inputDigests` of `agent.tool_called` carries). */
export function textDigest(text: string): string {
  const d = startDigest();
  addText(d, text);
  return digestHex(d);
}
