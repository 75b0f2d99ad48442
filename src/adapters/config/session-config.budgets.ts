/**
 * The Session Config keys `budgets:` and `prices:` of a CLAUDE.md / AGENTS.md. Both are two-level
 * blocks; each entry is written inline or as its own indented block:
 *
 * ```
 * budgets:
 *   session: { usd: 20, minutes: 120 }
 *   agent:
 *     tokens: 500000
 * prices:
 *   claude-sonnet-4-5: { input-per-mtok: 3, output-per-mtok: 15 }
 * ```
 *
 * Every bad name or value is one issue at its line and column, keyed `budgets.agent.tokens`.
 */
import type { BudgetLimit, Budgets, Prices } from '../../domain/budget/budget.schema.js';
import type { RawEntry, SectionLine } from './session-config.section.js';

type Report = (entry: RawEntry, key: string, message: string) => void;

/** One entry of a two-level block: its name and its `key: value` pairs. */
interface BlockEntry {
  name: RawEntry;
  pairs: { key: RawEntry; value: RawEntry }[];
}

const indentOf = (text: string): number => text.length - text.trimStart().length;

/** Splits `{ a: 1, b: 2 }` (starting at 1-based `column`) into pairs. */
function inlinePairs(body: string, line: number, column: number, report: Report, path: string) {
  const pairs: BlockEntry['pairs'] = [];
  let offset = 0;
  for (const part of body.split(',')) {
    const col = column + offset + (part.length - part.trimStart().length);
    offset += part.length + 1;
    if (part.trim() === '') continue;
    const m = /^\s*([A-Za-z][\w-]*)\s*:\s*(.*?)\s*$/.exec(part);
    if (!m) {
      report(
        { value: part.trim(), line, column: col },
        path,
        `expected <key>: <value>; got ${JSON.stringify(part.trim())}`,
      );
      continue;
    }
    const key = m[1] ?? '';
    const valueCol = col + part.trimStart().indexOf(m[2] ?? '', key.length);
    pairs.push({
      key: { value: key, line, column: col },
      value: { value: m[2] ?? '', line, column: valueCol },
    });
  }
  return pairs;
}

/** The entries under a top-level `key:` header, or `undefined` without one. */
function twoLevelBlock(
  lines: readonly SectionLine[],
  key: string,
  report: Report,
): BlockEntry[] | undefined {
  const header = new RegExp(`^(?:-\\s+)?(?:\\*\\*)?${key}:(?:\\*\\*)?\\s*$`);
  let entries: BlockEntry[] | undefined;
  let inBlock = false;
  let entryIndent = -1;
  let current: BlockEntry | undefined;
  for (const { text, line } of lines) {
    if (!inBlock) {
      if (header.test(text)) {
        inBlock = true;
        entries ??= [];
        entryIndent = -1;
        current = undefined;
      }
      continue;
    }
    if (text.trim() === '') continue;
    const indent = indentOf(text);
    if (indent === 0) {
      inBlock = header.test(text);
      current = undefined;
      entryIndent = -1;
      continue;
    }
    const stripped = text.replace(/\s+#.*$/, '');
    const m = /^(\s*)([^\s:{}][^:{}]*?)\s*:\s*(.*)$/.exec(stripped);
    if (!m) {
      report(
        { value: text.trim(), line, column: indent + 1 },
        key,
        `expected <name>: <value>; got ${JSON.stringify(text.trim())}`,
      );
      continue;
    }
    const name = m[2] ?? '';
    const rest = m[3] ?? '';
    const restCol = stripped.length - rest.length + 1;
    if (entryIndent === -1 || indent <= entryIndent) {
      entryIndent = indent;
      current = { name: { value: name, line, column: indent + 1 }, pairs: [] };
      entries?.push(current);
      if (rest === '') continue;
      const inline = /^\{(.*)\}$/.exec(rest);
      if (!inline) {
        report(
          { value: rest, line, column: restCol },
          `${key}.${name}`,
          `must be { <key>: <value>, … } or an indented block; got ${JSON.stringify(rest)}`,
        );
        continue;
      }
      current.pairs.push(
        ...inlinePairs(inline[1] ?? '', line, restCol + 1, report, `${key}.${name}`),
      );
    } else if (current) {
      current.pairs.push({
        key: { value: name, line, column: indent + 1 },
        value: { value: rest.replace(/^"(.*)"$/, '$1'), line, column: restCol },
      });
    }
  }
  return entries;
}

type NumberKind = 'positive-int' | 'positive' | 'non-negative';

const KIND_TEXT: Record<NumberKind, string> = {
  'positive-int': 'a positive integer',
  positive: 'a positive number',
  'non-negative': 'a number ≥ 0',
};

function toNumber(entry: RawEntry, path: string, kind: NumberKind, report: Report) {
  const ok =
    kind === 'positive-int' ? /^\d+$/.test(entry.value) : /^\d+(\.\d+)?$/.test(entry.value);
  const n = ok ? Number(entry.value) : Number.NaN;
  if (!ok || (kind !== 'non-negative' && n === 0)) {
    report(entry, path, `must be ${KIND_TEXT[kind]}; got ${JSON.stringify(entry.value)}`);
    return undefined;
  }
  return n;
}

const SCOPES = ['session', 'wave', 'agent'] as const;
const METRICS = ['tokens', 'usd', 'minutes'] as const;

/** `budgets:` of the section, or `undefined` when absent. */
export function parseBudgets(lines: readonly SectionLine[], report: Report): Budgets | undefined {
  const entries = twoLevelBlock(lines, 'budgets', report);
  if (entries === undefined) return undefined;
  const budgets: Budgets = {};
  for (const e of entries) {
    const scope = SCOPES.find((s) => s === e.name.value);
    if (scope === undefined) {
      report(
        e.name,
        `budgets.${e.name.value}`,
        `unknown budget scope; expected one of ${SCOPES.join(', ')}`,
      );
      continue;
    }
    const limit: BudgetLimit = { ...budgets[scope] };
    for (const { key, value } of e.pairs) {
      const metric = METRICS.find((m) => m === key.value);
      const path = `budgets.${scope}.${key.value}`;
      if (metric === undefined) {
        report(key, path, `unknown budget metric; expected one of ${METRICS.join(', ')}`);
        continue;
      }
      const n = toNumber(value, path, metric === 'tokens' ? 'positive-int' : 'positive', report);
      if (n !== undefined) limit[metric] = n;
    }
    budgets[scope] = limit;
  }
  return budgets;
}

/** `prices:` of the section, or `undefined` when absent. */
export function parsePrices(lines: readonly SectionLine[], report: Report): Prices | undefined {
  const entries = twoLevelBlock(lines, 'prices', report);
  if (entries === undefined) return undefined;
  const prices: Prices = {};
  for (const e of entries) {
    const fields: Record<string, number | undefined> = {};
    for (const { key, value } of e.pairs) {
      const path = `prices.${e.name.value}.${key.value}`;
      if (key.value !== 'input-per-mtok' && key.value !== 'output-per-mtok') {
        report(key, path, 'unknown price key; expected input-per-mtok, output-per-mtok');
        continue;
      }
      fields[key.value] = toNumber(value, path, 'non-negative', report);
    }
    const input = fields['input-per-mtok'];
    const output = fields['output-per-mtok'];
    for (const [k, v] of [
      ['input-per-mtok', input],
      ['output-per-mtok', output],
    ] as const) {
      if (v === undefined && !e.pairs.some((p) => p.key.value === k)) {
        report(e.name, `prices.${e.name.value}.${k}`, 'is required');
      }
    }
    if (input !== undefined && output !== undefined) {
      prices[e.name.value] = { inputPerMtok: input, outputPerMtok: output };
    }
  }
  return prices;
}
