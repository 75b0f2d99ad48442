/**
 * The STATE.md frontmatter codec: the reference's YAML subset (`scripts/lib/state-md/yaml-parser.mjs`),
 * reproduced rule for rule so that our files are byte-fixpoints of its serializer and its files
 * parse here exactly as they parse there.
 *
 * Grammar: `key: scalar` | `key: [a, b]` (flow array) | `key:` followed by a block sequence of flat
 * mappings (`  - k: v` then `    k: v`, one level). Blank lines and `#` comments are skipped.
 * The parser never throws: bad input yields `null`.
 */

/** A value the YAML subset can hold. */
export type YamlValue = null | boolean | number | string | YamlValue[] | YamlMapping;
/** A flat mapping (an item of a block sequence, or the whole frontmatter). */
export interface YamlMapping {
  [key: string]: YamlValue;
}
/** A parsed STATE.md: frontmatter (key order preserved) and body (one leading `\n` stripped). */
export interface StateMdDocument {
  frontmatter: YamlMapping;
  body: string;
}

const FRONTMATTER_RE = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;
/** Characters permitted in an unquoted (bare) scalar. */
const BARE_SCALAR_RE = /^[\w\-./:+@]+$/;
const INT_RE = /^-?\d+$/;
const FLOAT_RE = /^-?\d+\.\d+$/;
const SKIP_RE = /^\s*#/;

/** Sets a key without ever touching the prototype (`__proto__` is data here). */
function put(target: YamlMapping, key: string, value: YamlValue): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** Parses one scalar (or flow array) exactly as the reference does. */
export function parseScalar(raw: string): YamlValue {
  if (raw === '' || raw === 'null' || raw === '~') return null;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (INT_RE.test(raw)) return parseInt(raw, 10);
  if (FLOAT_RE.test(raw)) return parseFloat(raw);
  if (raw.startsWith('[') && raw.endsWith(']')) {
    const inner = raw.slice(1, -1).trim();
    if (inner === '') return [];
    return inner.split(',').map((s) => parseScalar(s.trim()));
  }
  if (raw.startsWith('"') && raw.endsWith('"')) {
    try {
      return JSON.parse(raw) as YamlValue;
    } catch (error) {
      // Not valid JSON (hand-authored): the reference strips the quotes instead of failing.
      if (!(error instanceof SyntaxError)) throw error;
      return raw.slice(1, -1);
    }
  }
  if (raw.startsWith("'") && raw.endsWith("'")) return raw.slice(1, -1);
  return raw;
}

/** Serializes one scalar or flow array with the reference's quoting rule. */
export function serializeScalar(v: YamlValue | undefined): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return `[${v.map(serializeScalar).join(', ')}]`;
  // A mapping is no scalar: written as its JSON, quoted, rather than `[object Object]`.
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  if (BARE_SCALAR_RE.test(s) && parseScalar(s) === s) return s;
  return JSON.stringify(s);
}

function rstrip(line: string): string {
  return line.replace(/\s+$/, '');
}

function isSkippable(line: string): boolean {
  return line === '' || SKIP_RE.test(line);
}

/** `key: value` split of one line; null when there is no colon or the key is empty. */
function splitKey(line: string): [string, string] | null {
  const idx = line.indexOf(':');
  if (idx === -1) return null;
  const key = line.slice(0, idx).trim();
  if (key === '') return null;
  return [key, line.slice(idx + 1).trim()];
}

/** Parses a block sequence of flat mappings after an empty `key:` line. */
function parseBlockValue(
  lines: string[],
  start: number,
): { value: YamlMapping[] | null; next: number } | null {
  let i = start;
  while (i < lines.length && isSkippable(rstrip(lines[i] as string))) i++;
  if (i >= lines.length) return { value: null, next: start };
  const bullet = /^(\s+)- /.exec(rstrip(lines[i] as string));
  if (!bullet) return { value: null, next: start };
  const indent = bullet[1] as string;
  const contIndent = `${indent}  `;
  const entries: YamlMapping[] = [];
  while (i < lines.length) {
    const line = rstrip(lines[i] as string);
    if (isSkippable(line)) {
      i++;
      continue;
    }
    if (!line.startsWith(`${indent}- `)) break;
    const first = splitKey(line.slice(indent.length + 2));
    if (!first) return null;
    const entry: YamlMapping = {};
    put(entry, first[0], parseScalar(first[1]));
    i++;
    while (i < lines.length) {
      const inner = rstrip(lines[i] as string);
      if (isSkippable(inner)) {
        i++;
        continue;
      }
      if (!inner.startsWith(contIndent) || inner.startsWith(`${indent}- `)) break;
      const rest = inner.slice(contIndent.length);
      if (/^\s/.test(rest)) return null;
      const kv = splitKey(rest);
      if (!kv) return null;
      put(entry, kv[0], parseScalar(kv[1]));
      i++;
    }
    entries.push(entry);
  }
  return { value: entries, next: i };
}

/** Parses the frontmatter block (between the fences); null on any malformed line. */
function parseFrontmatter(text: string): YamlMapping | null {
  const out: YamlMapping = {};
  const lines = text.split(/\r?\n/);
  let i = 0;
  while (i < lines.length) {
    const line = rstrip(lines[i] as string);
    if (isSkippable(line)) {
      i++;
      continue;
    }
    if (/^\s/.test(line)) return null;
    const kv = splitKey(line);
    if (!kv) return null;
    if (kv[1] === '') {
      const block = parseBlockValue(lines, i + 1);
      if (block === null) return null;
      put(out, kv[0], block.value);
      i = block.next;
    } else {
      put(out, kv[0], parseScalar(kv[1]));
      i++;
    }
  }
  return out;
}

/**
 * Parses a STATE.md into frontmatter and body, or returns null (never throws) when there is no
 * fence or the frontmatter is malformed (indented top-level line, missing `:`, empty key).
 */
export function parseStateMd(contents: unknown): StateMdDocument | null {
  if (typeof contents !== 'string') return null;
  const match = FRONTMATTER_RE.exec(contents);
  if (!match) return null;
  const frontmatter = parseFrontmatter(match[1] as string);
  if (frontmatter === null) return null;
  const body = match[2] as string;
  return { frontmatter, body: body.startsWith('\n') ? body.slice(1) : body };
}

function isBlockSeqOfMappings(v: YamlValue | undefined): v is YamlMapping[] {
  return (
    Array.isArray(v) &&
    v.length > 0 &&
    v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x))
  );
}

/** The lines of one block-sequence item (`  - k: v`, then `    k: v`). */
export function serializeBlockItem(entry: YamlMapping): string {
  const keys = Object.keys(entry);
  if (keys.length === 0) return '  - {}';
  let out = '';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    out += `${i === 0 ? '  - ' : '\n    '}${key}: ${serializeScalar(entry[key])}`;
  }
  return out;
}

/** The frontmatter lines of one key (`key: value`, or `key:` plus its block sequence). */
export function serializeEntry(key: string, value: YamlValue | undefined): string {
  if (isBlockSeqOfMappings(value)) {
    return `${key}:\n${value.map(serializeBlockItem).join('\n')}`;
  }
  return `${key}: ${serializeScalar(value)}`;
}

/**
 * Serializes frontmatter and body into STATE.md text: keys in insertion order, exactly one blank
 * line after the closing fence (a body that already starts with `\n` is kept as it is).
 */
export function serializeStateMd(doc: StateMdDocument): string {
  const fm = Object.keys(doc.frontmatter).map((k) => serializeEntry(k, doc.frontmatter[k]));
  const body = doc.body.startsWith('\n') ? doc.body : `\n${doc.body}`;
  return `---\n${fm.join('\n')}\n---\n${body}`;
}
