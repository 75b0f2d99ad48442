/**
 * Reading the raw `## Session Config` section of a CLAUDE.md / AGENTS.md the way the reference
 * does (reference-behaviour.md §C): the section runs from the exact line `## Session Config` to
 * the next `## ` heading (a repeated `## Session Config` line, as in a fenced example, continues
 * it); lone code fences are skipped; CRLF is accepted. Every value keeps its 1-based line and
 * column so a bad value can be reported where it stands.
 */

/** A raw value found in the section, with where it starts. */
export interface RawEntry {
  value: string;
  line: number;
  column: number;
}

/** One line of the section, with its 1-based line number in the file. */
export interface SectionLine {
  text: string;
  line: number;
}

/** The section's lines, or `undefined` when the file has no `## Session Config` line. */
export function extractConfigSection(content: string): SectionLine[] | undefined {
  const lines = content.split(/\r?\n/);
  let found = false;
  let inSection = false;
  const out: SectionLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = (lines[i] ?? '').replace(/\s+$/, '');
    if (text === '## Session Config') {
      found = true;
      inSection = true;
      continue;
    }
    if (!inSection) continue;
    if (/^## /.test(text)) break;
    if (text.trim() === '```') continue;
    out.push({ text, line: i + 1 });
  }
  return found ? out : undefined;
}

const BOLD_FORM = /^(\s*-\s+\*\*([^*:]+):\*\*\s*)(.*)$/;
const PLAIN_FORM = /^(\s*(?:-\s+)?([a-zA-Z][a-zA-Z0-9_-]+):\s+)(.*)$/;

/** Strips an inline ` # comment` and then one pair of surrounding double quotes. */
function cleanValue(
  raw: string,
  column: number,
  quotes: string,
): { value: string; column: number } {
  let value = raw.replace(/\s+#.*$/, '').trim();
  const lead = raw.length - raw.trimStart().length;
  let col = column + lead;
  const q = value.charAt(0);
  if (value.length >= 2 && quotes.includes(q) && value.endsWith(q)) {
    value = value.slice(1, -1);
    col += 1;
  }
  return { value, column: col };
}

/**
 * Flat `key: value`, `- key: value` and `- **key:** value` lines; the last match of a key wins.
 * As in the reference, indented lines of nested blocks are read as flat keys too.
 */
export function parseFlatEntries(lines: readonly SectionLine[]): Map<string, RawEntry> {
  const entries = new Map<string, RawEntry>();
  for (const { text, line } of lines) {
    if (text.trim() === '') continue;
    const m = BOLD_FORM.exec(text) ?? PLAIN_FORM.exec(text);
    if (!m) continue;
    const key = (m[2] ?? '').trim();
    if (key === '') continue;
    const cleaned = cleanValue(m[3] ?? '', (m[1] ?? '').length + 1, '"');
    entries.set(key, { value: cleaned.value, line, column: cleaned.column });
  }
  return entries;
}

/**
 * The entries of a top-level block (`key:`, `- key:`, `**key:**` or `- **key:**` alone on a line,
 * then indented `sub-key: value` lines); the last occurrence of a sub-key wins. `undefined` when
 * the block is absent.
 */
export function parseBlock(
  lines: readonly SectionLine[],
  key: string,
): Map<string, RawEntry> | undefined {
  const header = new RegExp(
    `^(?:-\\s+)?(?:\\*\\*)?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(?:\\*\\*)?\\s*$`,
  );
  let entries: Map<string, RawEntry> | undefined;
  let inBlock = false;
  for (const { text, line } of lines) {
    if (!inBlock) {
      if (header.test(text)) {
        inBlock = true;
        entries ??= new Map();
      }
      continue;
    }
    if (text.length > 0 && !/^\s/.test(text)) {
      inBlock = header.test(text);
      continue;
    }
    const m = /^(\s+(?:-\s+)?(?:\*\*)?([a-zA-Z][a-zA-Z0-9_-]*):(?:\*\*)?[ \t]*)(.*)$/.exec(text);
    if (!m || !entries) continue;
    const cleaned = cleanValue(m[3] ?? '', (m[1] ?? '').length + 1, '"\'');
    entries.set(m[2] ?? '', { value: cleaned.value, line, column: cleaned.column });
  }
  return entries;
}

/**
 * A list block: the header `key:` (or `- key:`, `- **key:**`) and the indented `- item` lines
 * under it, each item's value with where it starts (` # comment` is NOT stripped: a list item may
 * be a regular expression; one pair of surrounding quotes is). `undefined` when there is no such
 * header.
 */
export function parseListBlock(lines: readonly SectionLine[], key: string): RawEntry[] | undefined {
  const header = new RegExp(
    `^(?:-\\s+)?(?:\\*\\*)?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(?:\\*\\*)?\\s*$`,
  );
  let items: RawEntry[] | undefined;
  let inBlock = false;
  for (const { text, line } of lines) {
    if (!inBlock) {
      if (header.test(text)) {
        inBlock = true;
        items ??= [];
      }
      continue;
    }
    if (text.length > 0 && !/^\s/.test(text)) {
      inBlock = header.test(text);
      continue;
    }
    const m = /^(\s+-\s+)(.*)$/.exec(text);
    if (!m || !items) continue;
    let value = (m[2] ?? '').trim();
    let column = (m[1] ?? '').length + 1;
    const q = value.charAt(0);
    if (value.length >= 2 && (q === '"' || q === "'") && value.endsWith(q)) {
      value = value.slice(1, -1);
      column += 1;
    }
    items.push({ value, line, column });
  }
  return items;
}
