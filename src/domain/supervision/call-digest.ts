/**
 * The turn-key digests of one tool call, computed in one pass over its input without building
 * any text: every string is hashed once (with the lanes of {@link textDigest}, so the edit
 * detectors reuse them), object entries are combined in a key-order-independent way (a sum of
 * mixed entry hashes: no key sorting), and the results are two 64-bit hashes printed as 16 hex
 * digits: `key` (paging arguments left out) and `raw` (with them).
 *
 * The digests are compared only with each other inside one watch, never stored outside it: their
 * exact values are free to change, their equality is what matters. Two inputs get equal digests
 * when they hold the same entries (a number and its decimal text are one value, as before); a
 * string cut before logging counts by its digest (`inputDigests`), which is the digest of the
 * whole string, so a cut input and the uncut one are equal too.
 */
import { PAGING_KEYS } from './paging-keys.js';
import { hashText, hexOf, laneA, laneB } from './text-digest.js';

/** Lanes of the last {@link hashValue}. */
let va = 0;
let vb = 0;

/** The murmur3 finalizer: a full avalanche of one 32-bit lane. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const HEX_DIGIT = /^[0-9a-f]{16}$/;

/** Lanes of a digest text (16 hex digits), else of the text itself. */
function hashDigest(digest: string): void {
  if (HEX_DIGIT.test(digest)) {
    va = parseInt(digest.slice(0, 8), 16) | 0;
    vb = parseInt(digest.slice(8), 16) | 0;
    return;
  }
  hashText(digest);
  va = laneA;
  vb = laneB;
}

const PRIME = 0x01000193;

/** Lanes of a small non-negative integer's decimal text, without building the text. */
function hashDigits(n: number): void {
  let p = 1;
  while (p <= n / 10) p *= 10;
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x9e3779b9;
  for (; p >= 1; p = (p / 10) | 0) {
    const digit = ((n / p) | 0) % 10;
    const c = 48 + digit;
    a = Math.imul(a ^ c, PRIME);
    b = Math.imul(b ^ (c + 0x3b), PRIME);
  }
  va = Math.imul(a ^ 0xff, PRIME);
  vb = Math.imul(b ^ 0x1ff, PRIME);
}

/** Lanes of one value (path and digests only when strings of the input were cut). */
function hashValue(value: unknown, path: string, digests: Record<string, string> | undefined) {
  if (typeof value === 'string') {
    const given = digests === undefined ? undefined : digests[path];
    if (given !== undefined) return hashDigest(given);
    hashText(value);
    va = laneA;
    vb = laneB;
  } else if (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= 0 &&
    value <= 0x7fffffff
  ) {
    hashDigits(value);
  } else if (Array.isArray(value)) {
    let a = 0x5bd1e995;
    let b = 0x27d4eb2f;
    for (let i = 0; i < value.length; i += 1) {
      hashValue(value[i], digests === undefined ? '' : `${path}.${i}`, digests);
      a = fmix((a ^ va) + 0x9e3779b9);
      b = fmix((b ^ vb) + 0x7f4a7c15);
    }
    va = fmix(a ^ value.length);
    vb = fmix(b + value.length);
  } else if (value !== null && typeof value === 'object') {
    let a = 0;
    let b = 0;
    let n = 0;
    const obj = value as Record<string, unknown>;
    // `for…in` reads the fields by their enum cache (inputs are plain data: no inherited keys).
    for (const k in obj) {
      const sub = digests === undefined ? '' : path === '' ? k : `${path}.${k}`;
      entry(k, obj[k], sub, digests);
      a = (a + va) | 0;
      b = (b + vb) | 0;
      n += 1;
    }
    va = fmix(a ^ 0x3c6ef372 ^ n);
    vb = fmix(b + 0xa54ff53a + n);
  } else {
    // Other primitives as their text (`true`, `null`, `1.5`), like a string of that text.
    hashText(String(value));
    va = laneA;
    vb = laneB;
  }
}

/** Hash lanes of recurring texts, each hashed once (up to `bound` texts). */
interface LaneCache {
  readonly slots: Map<string, number>;
  readonly a: Int32Array;
  readonly b: Int32Array;
}
const laneCache = (bound: number): LaneCache => ({
  slots: new Map(),
  a: new Int32Array(bound),
  b: new Int32Array(bound),
});

/** The lanes {@link cachedLanes} found. */
let ca = 0;
let cb = 0;

/** Sets `ca`/`cb` to the lanes of `text`'s hash, from the cache when it holds them. */
function cachedLanes(cache: LaneCache, text: string): void {
  const slot = cache.slots.get(text);
  if (slot !== undefined) {
    ca = cache.a[slot] as number;
    cb = cache.b[slot] as number;
    return;
  }
  hashText(text);
  ca = laneA;
  cb = laneB;
  const next = cache.slots.size;
  if (next < cache.a.length) {
    cache.a[next] = ca;
    cache.b[next] = cb;
    cache.slots.set(text, next);
  }
}

/** Lanes of input key names (few and recurring). */
const NAMES = laneCache(1024);

/** Mixes a key's hash into the value lanes in `va`/`vb` (equal entries, equal lanes). */
function mixKey(k: string): void {
  const xa = va;
  const xb = vb;
  cachedLanes(NAMES, k);
  const ka = ca;
  const kb = cb;
  va = fmix(((ka + Math.imul(xa, 0x9e3779b1)) | 0) ^ (xb >>> 7));
  vb = fmix(kb ^ ((Math.imul(xb, 0x85ebca6b) + (xa >>> 9)) | 0));
}

/** Lanes of one object entry. */
function entry(k: string, value: unknown, path: string, digests?: Record<string, string>): void {
  hashValue(value, path, digests);
  mixKey(k);
}

/** The turn-key digests of a call; the lanes of its top-level edit strings come along. */
export interface CallDigests {
  key: string;
  raw: string;
  /** The input has a paging argument (`raw` is then its own digest, else the key's text). */
  paged: boolean;
}

/** Top-level strings whose lanes {@link callDigests} keeps for the edit detectors. */
type KeptKey = 'old_string' | 'new_string' | 'content';
const keptA = [0, 0, 0];
const keptB = [0, 0, 0];
const keptText: (string | undefined)[] = [undefined, undefined, undefined];

/**
 * The digest of a top-level string of the input last given to {@link callDigests} (the value of
 * `textDigest(text)`, or the given digest of a cut string), when `text` is the string it hashed
 * under `key`; else undefined.
 */
export function keptDigest(key: KeptKey, text: string): string | undefined {
  const i = keptIndex(key);
  return keptText[i] === text ? hexOf(keptA[i] as number, keptB[i] as number) : undefined;
}

/** Index of a top-level string in {@link KeptKey}, else -1 (keys are few: compared in place). */
function keptIndex(k: string): number {
  return k === 'old_string' ? 0 : k === 'new_string' ? 1 : k === 'content' ? 2 : -1;
}

/** Lanes of tool names (few and recurring). */
const TOOLS = laneCache(256);

/** Sets `va`/`vb` to the lanes of a tool name's text. */
function hashTool(tool: string): void {
  cachedLanes(TOOLS, tool);
  va = ca;
  vb = cb;
}

/** Digests of a call: `key` without the paging arguments, `raw` with them. */
export function callDigests(
  tool: string,
  input: Record<string, unknown>,
  digests: Record<string, string> | undefined,
): CallDigests {
  keptText[0] = keptText[1] = keptText[2] = undefined;
  let ka = 0;
  let kb = 0;
  let pa = 0;
  let pb = 0;
  let paged = false;
  for (const k in input) {
    const value = input[k];
    hashValue(value, k, digests);
    if (typeof value === 'string') {
      const i = keptIndex(k);
      if (i !== -1) {
        keptA[i] = va;
        keptB[i] = vb;
        keptText[i] = value;
      }
    }
    mixKey(k);
    if (PAGING_KEYS.includes(k)) {
      paged = true;
      pa = (pa + va) | 0;
      pb = (pb + vb) | 0;
    } else {
      ka = (ka + va) | 0;
      kb = (kb + vb) | 0;
    }
  }
  hashTool(tool);
  const ta = va;
  const tb = vb;
  const key = hexOf(fmix(ta ^ ka), fmix(tb + kb));
  // Without paging arguments the raw digest is the key's (same lanes): the text is shared.
  const raw = paged ? hexOf(fmix(ta ^ ((ka + pa) | 0)), fmix(tb + ((kb + pb) | 0))) : key;
  return { key, raw, paged };
}
