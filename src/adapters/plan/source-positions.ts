/**
 * Source positions for plan and config problems: key paths (`waves[1].tasks[0].id`), a locator
 * that maps a key path to a 1-based line and column, and the YAML implementation of that locator
 * (the `yaml` package's node ranges plus its `LineCounter`).
 */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/** One step of a key path: a map key or a sequence index. */
type KeySegment = string | number;
/** A key path inside a document. */
export type KeyPath = readonly KeySegment[];

/** A 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Maps a key path to where it stands in the source. `at: 'key'` asks for the position of the last
 * segment's key (for "unknown key" problems); otherwise the position of the value. A path that
 * does not exist resolves to its deepest existing ancestor (e.g. a missing key to its map).
 */
export type Locator = (path: KeyPath, at?: 'key' | 'value') => Position | undefined;

/** Formats a key path the way messages show it: `waves[1].tasks[0].id`. */
export function formatKeyPath(path: KeyPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/** 1-based position of a character offset in `text` (counts `\n` line ends; `\r` is in-line). */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

function startOf(node: Node | null | undefined, lineCounter: LineCounter): Position | undefined {
  const offset = node?.range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** A locator over a parsed YAML (or JSON) document. */
export function yamlLocator(doc: Document, lineCounter: LineCounter): Locator {
  return (path, at = 'value') => {
    let node: unknown = doc.contents;
    let best = startOf(doc.contents, lineCounter);
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
        );
        if (!pair) return best;
        const keyPos = isScalar(pair.key) ? startOf(pair.key, lineCounter) : undefined;
        if (last && at === 'key') return keyPos ?? best;
        const valuePos = startOf(pair.value as Node | null, lineCounter);
        best = valuePos ?? keyPos ?? best;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment];
        if (item === undefined) return best;
        best = startOf(item as Node, lineCounter) ?? best;
        node = item;
      } else {
        return best;
      }
    }
    return best;
  };
}
