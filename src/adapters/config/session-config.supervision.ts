/**
 * The `supervision:` block of a repository's `## Session Config`:
 *
 * ```
 * supervision:
 *   on-loop: stop            # observe | stop (default stop)
 *   spiral-rule: default     # default | reference (default default)
 *   silence-seconds: 600     # an agent printing nothing this long is stopped
 * ```
 *
 * Bad values become one issue each, naming file, line, column and key (`supervision.on-loop`).
 */
import type { SectionLine, RawEntry } from './session-config.section.js';
import { parseBlock } from './session-config.section.js';

/** The keys of the block that were set explicitly. */
export interface SupervisionSettings {
  onLoop?: 'observe' | 'stop';
  spiralRule?: 'default' | 'reference';
  silenceSeconds?: number;
}

/** Reports one problem of an entry under a key path. */
type Report = (entry: RawEntry, key: string, message: string) => void;

function oneOf<T extends string>(
  entry: RawEntry,
  key: string,
  allowed: readonly T[],
  report: Report,
): T | undefined {
  const hit = allowed.find((a) => a === entry.value.toLowerCase());
  if (hit === undefined) {
    report(entry, key, `must be one of ${allowed.join(', ')}; got ${JSON.stringify(entry.value)}`);
  }
  return hit;
}

/** Parses the `supervision:` block; `undefined` when the section has none. */
export function parseSupervisionBlock(
  lines: readonly SectionLine[],
  report: Report,
): SupervisionSettings | undefined {
  const block = parseBlock(lines, 'supervision');
  if (block === undefined) return undefined;
  const out: SupervisionSettings = {};
  for (const [key, entry] of block) {
    const path = `supervision.${key}`;
    if (key === 'on-loop') {
      const v = oneOf(entry, path, ['observe', 'stop'] as const, report);
      if (v !== undefined) out.onLoop = v;
    } else if (key === 'spiral-rule') {
      const v = oneOf(entry, path, ['default', 'reference'] as const, report);
      if (v !== undefined) out.spiralRule = v;
    } else if (key === 'silence-seconds') {
      const n = /^\d+$/.test(entry.value) ? Number.parseInt(entry.value, 10) : Number.NaN;
      if (!Number.isSafeInteger(n) || n < 1) {
        report(entry, path, `must be a positive integer; got ${JSON.stringify(entry.value)}`);
      } else {
        out.silenceSeconds = n;
      }
    } else {
      report(entry, path, 'unknown key (expected on-loop, spiral-rule or silence-seconds)');
    }
  }
  return out;
}
