/**
 * Parsing and validating a repository's `## Session Config` section into a {@link SessionConfig}
 * (only the keys wave-executor reads; other keys are the reference's business and are ignored).
 * Invalid booleans, integers and enum values, and the reference validator's rules
 * (`agents-per-wave` ≥ 2, `waves` ≥ 3, non-empty commands), become one {@link Issue} each.
 */
import type { Issue } from '../../errors.js';
import { usesChanged } from '../../domain/gate-kinds.js';
import { configCommandArgv } from './command-argv.js';
import { parseBudgets, parsePrices } from './session-config.budgets.js';
import {
  CONFIG_GATE_NAMES,
  type IntSetting,
  type SessionConfig,
} from './session-config.defaults.js';
import {
  extractConfigSection,
  parseBlock,
  parseFlatEntries,
  parseListBlock,
  type RawEntry,
} from './session-config.section.js';
import { parseSupervisionBlock } from './session-config.supervision.js';

/** The outcome of parsing: the explicitly set keys, and every problem found. */
export interface ParsedSessionConfig {
  /** False when the file has no `## Session Config` section (all defaults apply). */
  found: boolean;
  config: SessionConfig;
  issues: Issue[];
}

type Report = (entry: RawEntry, key: string, message: string) => void;

function quoted(value: string): string {
  return JSON.stringify(value);
}

function toBool(entry: RawEntry, key: string, report: Report): boolean | undefined {
  const lower = entry.value.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  report(entry, key, `must be true or false; got ${quoted(entry.value)}`);
  return undefined;
}

function toEnum<T extends string>(
  entry: RawEntry,
  key: string,
  allowed: readonly T[],
  report: Report,
): T | undefined {
  const lower = entry.value.toLowerCase();
  const hit = allowed.find((a) => a === lower);
  if (hit === undefined) {
    report(entry, key, `must be one of ${allowed.join(', ')}; got ${quoted(entry.value)}`);
  }
  return hit;
}

function toInt(entry: RawEntry, key: string, min: number, report: Report): number | undefined {
  if (!/^\d+$/.test(entry.value)) {
    report(entry, key, `must be an integer; got ${quoted(entry.value)}`);
    return undefined;
  }
  const n = Number.parseInt(entry.value, 10);
  if (n < min) {
    report(entry, key, `must be at least ${min}; got ${n}`);
    return undefined;
  }
  return n;
}

/** `6` or the override form `6 (deep: 18, housekeeping: 2)`; every number must be ≥ `min`. */
function toIntSetting(
  entry: RawEntry,
  key: string,
  min: number,
  report: Report,
): IntSetting | undefined {
  const m = /^(\d+)\s*\(([^)]*)\)$/.exec(entry.value);
  if (!m) return toInt(entry, key, min, report);
  const base = toInt({ ...entry, value: m[1] ?? '' }, key, min, report);
  const overrides: Record<string, number> = {};
  let ok = base !== undefined;
  for (const pair of (m[2] ?? '').split(',')) {
    const colon = pair.indexOf(':');
    const name = pair.slice(0, colon).trim();
    const raw = pair.slice(colon + 1).trim();
    if (colon === -1 || name === '' || !/^\d+$/.test(raw)) {
      report(
        entry,
        key,
        `invalid override ${quoted(pair.trim())}: expected <session-type>: <integer>`,
      );
      ok = false;
      continue;
    }
    const n = Number.parseInt(raw, 10);
    if (n < min) {
      report(entry, key, `override for ${name} must be at least ${min}; got ${n}`);
      ok = false;
      continue;
    }
    overrides[name] = n;
  }
  return ok && base !== undefined ? { default: base, overrides } : undefined;
}

function toMaxTurns(entry: RawEntry, report: Report): 'auto' | number | undefined {
  if (entry.value.toLowerCase() === 'auto') return 'auto';
  if (/^\d+$/.test(entry.value) && Number.parseInt(entry.value, 10) > 0) {
    return Number.parseInt(entry.value, 10);
  }
  report(entry, 'max-turns', `must be "auto" or a positive integer; got ${quoted(entry.value)}`);
  return undefined;
}

function toCommand(entry: RawEntry, key: string, report: Report): string[] | null | undefined {
  const lower = entry.value.toLowerCase();
  if (lower === 'skip' || lower === 'none' || lower === 'null') return null;
  if (entry.value.trim() === '') {
    report(entry, key, 'must not be empty (write "skip" to disable the gate)');
    return undefined;
  }
  const split = configCommandArgv(entry.value);
  if (!split.ok) report(entry, key, split.message);
  return split.ok ? split.argv : undefined;
}

/** `redact-patterns:` items: each a valid JavaScript regular expression that matches no empty text. */
function toPatterns(items: RawEntry[], report: Report): string[] {
  const out: string[] = [];
  for (const item of items) {
    let re: RegExp;
    try {
      re = new RegExp(item.value);
    } catch (error) {
      report(item, 'redact-patterns', `invalid regular expression: ${(error as Error).message}`);
      continue;
    }
    if (item.value === '' || re.test('')) {
      report(item, 'redact-patterns', `must not match empty text; got ${quoted(item.value)}`);
      continue;
    }
    out.push(item.value);
  }
  return out;
}

/** Parses the Session Config of `content` (the text of `file`, used in issues). */
export function parseSessionConfig(content: string, file: string): ParsedSessionConfig {
  const config: SessionConfig = {
    gates: {},
    liteGates: {},
    verificationAutoFix: {},
    workerPool: {},
  };
  const issues: Issue[] = [];
  const lines = extractConfigSection(content);
  if (!lines) return { found: false, config, issues };
  const report: Report = (entry, key, message) =>
    issues.push({ file, line: entry.line, column: entry.column, path: key, message });

  const flat = parseFlatEntries(lines);
  const get = (key: string): RawEntry | undefined => flat.get(key);
  let e: RawEntry | undefined;
  if ((e = get('persistence'))) config.persistence = toBool(e, 'persistence', report);
  if ((e = get('enforcement')))
    config.enforcement = toEnum(e, 'enforcement', ['strict', 'warn', 'off'], report);
  if ((e = get('isolation')))
    config.isolation = toEnum(e, 'isolation', ['worktree', 'none', 'auto'], report);
  if ((e = get('agents-per-wave')))
    config.agentsPerWave = toIntSetting(e, 'agents-per-wave', 2, report);
  if ((e = get('waves'))) config.waves = toIntSetting(e, 'waves', 3, report);
  if ((e = get('max-turns'))) config.maxTurns = toMaxTurns(e, report);
  if ((e = get('grounding-check'))) config.groundingCheck = toBool(e, 'grounding-check', report);
  if ((e = get('grounding-injection-max-files')))
    config.groundingInjectionMaxFiles = toInt(e, 'grounding-injection-max-files', 0, report);
  if ((e = get('resource-awareness')))
    config.resourceAwareness = toBool(e, 'resource-awareness', report);
  if ((e = get('heavy-repo'))) config.heavyRepo = toBool(e, 'heavy-repo', report);
  if ((e = get('auto-commit-per-wave')))
    config.autoCommitPerWave = toBool(e, 'auto-commit-per-wave', report);
  if ((e = get('agent-timeout-ms')))
    config.agentTimeoutMs = toInt(e, 'agent-timeout-ms', 1, report);
  if ((e = get('agent-silence-ms')))
    config.agentSilenceMs = toInt(e, 'agent-silence-ms', 1, report);
  if ((e = get('gate-timeout-ms'))) config.gateTimeoutMs = toInt(e, 'gate-timeout-ms', 1, report);
  for (const gate of CONFIG_GATE_NAMES) {
    const key = `${gate}-command`;
    if ((e = get(key))) {
      const argv = toCommand(e, key, report);
      if (argv && usesChanged(argv)) {
        report(e, key, `{changed} belongs in ${gate}-lite-command (the Quality-Lite command)`);
      } else if (argv !== undefined) config.gates[gate] = argv;
    }
    const liteKey = `${gate}-lite-command`;
    if ((e = get(liteKey))) {
      const argv = toCommand(e, liteKey, report);
      if (argv === null) report(e, liteKey, `cannot be "skip" (skip the gate with ${key})`);
      else if (argv !== undefined) config.liteGates[gate] = argv;
    }
  }

  const vaf = parseBlock(lines, 'verification-auto-fix');
  if ((e = vaf?.get('enabled')))
    config.verificationAutoFix.enabled = toBool(e, 'verification-auto-fix.enabled', report);
  if ((e = vaf?.get('max-retries'))) {
    const n = toInt(e, 'verification-auto-fix.max-retries', 0, report);
    if (n !== undefined && n > 10)
      report(e, 'verification-auto-fix.max-retries', `must be at most 10; got ${n}`);
    else config.verificationAutoFix.maxRetries = n;
  }
  const pool = parseBlock(lines, 'worker-pool');
  if ((e = pool?.get('enabled')))
    config.workerPool.enabled = toBool(e, 'worker-pool.enabled', report);
  if ((e = pool?.get('max-parallel')))
    config.workerPool.maxParallel = toInt(e, 'worker-pool.max-parallel', 1, report);
  if ((e = pool?.get('drain-timeout-ms')))
    config.workerPool.drainTimeoutMs = toInt(e, 'worker-pool.drain-timeout-ms', 0, report);

  const supervision = parseSupervisionBlock(lines, report);
  if (supervision) config.supervision = supervision;

  const patterns = parseListBlock(lines, 'redact-patterns');
  if (patterns) config.redactPatterns = toPatterns(patterns, report);
  if ((e = get('vcs'))) config.vcs = toEnum(e, 'vcs', ['github', 'gitlab'], report);
  const budgets = parseBudgets(lines, report);
  if (budgets) config.budgets = budgets;
  const prices = parsePrices(lines, report);
  if (prices) config.prices = prices;

  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { found: true, config, issues };
}
