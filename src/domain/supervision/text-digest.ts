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

/** Folds another digest's value (e.g. of a nested value) into a running digest. */
export function addDigest(d: Digest, other: Digest): void {
  d.a = Math.imul(d.a ^ other.a, PRIME);
  d.b = Math.imul(d.b ^ other.b, PRIME);
  d.a = Math.imul(d.a ^ (other.b >>> 16), PRIME);
  d.b = Math.imul(d.b ^ (other.a >>> 16), PRIME);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(n: number): string {
  return (
    (HEX[(n >>> 24) & 255] as string) +
    (HEX[(n >>> 16) & 255] as string) +
    (HEX[(n >>> 8) & 255] as string) +
    (HEX[n & 255] as string)
  );
}

/** The hex form of a running digest (16 hex digits). */
export function digestHex(d: Digest): string {
  return hex32(d.a) + hex32(d.b);
}

/** The digest of one text (the form `inputDigests` of `agent.tool_called` carries). */
export function textDigest(text: string): string {
  const d = startDigest();
  addText(d, text);
  return digestHex(d);
}
