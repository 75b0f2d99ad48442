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

/** Lanes of the last {@link hashText} (read right after the call). */
export let laneA = 0;
export let laneB = 0;

/**
 * Hashes one text from a fresh digest into {@link laneA} / {@link laneB}, allocating nothing:
 * the lanes of `textDigest(text)`.
 */
export function hashText(text: string): void {
  let a = OFFSET_A;
  let b = OFFSET_B;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, PRIME);
    b = Math.imul(b ^ (c + 0x3b), PRIME);
  }
  laneA = Math.imul(a ^ 0xff, PRIME);
  laneB = Math.imul(b ^ 0x1ff, PRIME);
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

const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

function hexCode(n: number, shift: number): number {
  return HEX_CODES[(n >>> shift) & 15] as number;
}

/** Two 32-bit lanes as 16 hex digits (one flat string, built at once). */
export function hexOf(a: number, b: number): string {
  return String.fromCharCode(
    hexCode(a, 28),
    hexCode(a, 24),
    hexCode(a, 20),
    hexCode(a, 16),
    hexCode(a, 12),
    hexCode(a, 8),
    hexCode(a, 4),
    hexCode(a, 0),
    hexCode(b, 28),
    hexCode(b, 24),
    hexCode(b, 20),
    hexCode(b, 16),
    hexCode(b, 12),
    hexCode(b, 8),
    hexCode(b, 4),
    hexCode(b, 0),
  );
}

/** The hex form of a running digest (16 hex digits). */
export function digestHex(d: Digest): string {
  return hexOf(d.a, d.b);
}

/** The digest of one text (the form `inputDigests` of `agent.tool_called` carries). */
export function textDigest(text: string): string {
  hashText(text);
  return hexOf(laneA, laneB);
}
