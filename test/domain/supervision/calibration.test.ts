/**
 * Calibration of the loop detectors on transcripts in the three vendor formats
 * (test/fixtures/calibration, written by its generate.mjs): every transcript is parsed by the real
 * stream parser, its tool calls and failures become facts, the detectors fold them. Prints the
 * numbers per vendor and rule; requires that the default rule flags no legitimate transcript and
 * every seeded loop. The numbers are in docs/supervision.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStreamParser } from '../../../src/actors/runners/stream-parser.factory.js';
import type { StreamItem } from '../../../src/actors/runners/stream-item.js';
import {
  finishLoopWatch,
  newLoopWatch,
  observeFactAll,
} from '../../../src/domain/supervision/loop-watch.js';
import type {
  LoopVerdict,
  SpiralRule,
  ToolFact,
} from '../../../src/domain/supervision/loop-watch.types.js';

const ROOT = 'test/fixtures/calibration';
const CWD = '/work/repo';
const FORMATS = {
  claude: 'claude-stream-json',
  codex: 'codex-json',
  gemini: 'gemini-stream-json',
} as const;
type Vendor = keyof typeof FORMATS;

/** The facts of one parsed item (a sub-agent's calls are not the agent's own). */
function factOf(item: StreamItem): ToolFact | undefined {
  const id = (callId: string | undefined) => (callId !== undefined ? { callId } : {});
  switch (item.kind) {
    case 'tool_called':
      if (item.parentCallId !== undefined) return undefined;
      return { kind: 'call', tool: item.tool, input: item.input, ...id(item.callId) };
    case 'tool_failed':
      return { kind: 'failure', tool: item.tool, error: item.error, ...id(item.callId) };
    case 'permission_denied':
      return {
        kind: 'failure',
        tool: item.tool,
        error: `permission denied${item.target !== undefined ? ` (${item.target})` : ''}`,
        ...id(item.callId),
      };
    default:
      return undefined;
  }
}

function verdictsOf(vendor: Vendor, file: string, rule: SpiralRule): LoopVerdict[] {
  const parser = createStreamParser(FORMATS[vendor]);
  const state = newLoopWatch({ spiralRule: rule, cwd: CWD });
  const out: LoopVerdict[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  let tools = 0;
  for (const item of [...lines.flatMap((l) => parser.line(l)), ...parser.end()]) {
    const fact = factOf(item);
    if (fact?.kind === 'call') tools += 1;
    if (fact) out.push(...observeFactAll(state, fact));
  }
  out.push(...finishLoopWatch(state));
  // A transcript that parses to nothing would pass the legitimate half vacuously.
  expect(tools, file).toBeGreaterThan(0);
  return out;
}

function transcripts(vendor: Vendor, kind: 'legit' | 'loop'): string[] {
  const dir = join(ROOT, vendor, kind);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => join(dir, f));
}

describe('calibration of the loop detectors (all three vendor formats)', () => {
  const vendors = Object.keys(FORMATS) as Vendor[];

  it('has at least 30 legitimate and 15 loop transcripts per vendor', () => {
    for (const v of vendors) {
      expect(transcripts(v, 'legit').length).toBeGreaterThanOrEqual(30);
      expect(transcripts(v, 'loop').length).toBeGreaterThanOrEqual(15);
    }
  });

  it('default rule: flags no legitimate transcript and every seeded loop', () => {
    const report: string[] = [];
    const wrong: string[] = [];
    for (const rule of ['default', 'reference'] as const) {
      for (const v of vendors) {
        const legit = transcripts(v, 'legit');
        const loops = transcripts(v, 'loop');
        const flaggedLegit = legit.filter((f) => {
          const hits = verdictsOf(v, f, rule);
          if (rule === 'default' && hits.length > 0) {
            wrong.push(`${f}: ${hits.map((h) => h.pattern).join(', ')}`);
          }
          return hits.length > 0;
        });
        const patterns = new Map<string, number>();
        const flaggedLoops = loops.filter((f) => {
          const hits = verdictsOf(v, f, rule);
          if (hits[0] !== undefined) {
            patterns.set(hits[0].pattern, (patterns.get(hits[0].pattern) ?? 0) + 1);
          } else if (rule === 'default') {
            wrong.push(`${f}: not flagged`);
          }
          return hits.length > 0;
        });
        const first = [...patterns].map(([p, n]) => `${p} ${n}`).join(', ');
        report.push(
          `calibration ${rule.padEnd(9)} ${v.padEnd(6)}: legitimate flagged ${flaggedLegit.length}/${legit.length}, loops flagged ${flaggedLoops.length}/${loops.length} (first verdicts: ${first})`,
        );
      }
    }
    process.stdout.write(`${report.join('\n')}\n`);
    expect(wrong).toEqual([]);
  });
});
