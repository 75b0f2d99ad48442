/**
 * Equivalence of the loop detectors across speed work: every verdict each fact trips, the verdicts
 * at the end, the whole watch state (plain JSON) and, through the run collector, the findings and
 * kept calls, digested per stream and compared with the digests recorded before the work
 * (__snapshots__/loop-watch.golden.json). Streams: 2,500 seeded random fact streams under both
 * spiral rules, every calibration and vendor transcript through its real parser and the run
 * collector, and a slice of the tool-stream bench's stream.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunCollector } from '../../../src/actors/runners/run-collector.js';
import { createStreamParser } from '../../../src/actors/runners/stream-parser.factory.js';
import {
  finishLoopWatch,
  newLoopWatch,
  observeFactAll,
} from '../../../src/domain/supervision/loop-watch.js';
import type { StreamFormat } from '../../../src/domain/plan.schema.js';
import { factStream } from './fact-streams.helpers.js';
import { turnLines } from '../../../bench/lib/claude-tool-stream.mjs';

const CWD = '/work/repo';
const STREAMS = 2500;

const digest = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

function collect(format: StreamFormat, lines: readonly string[], rule: 'default' | 'reference') {
  const parser = createStreamParser(format);
  const collector = new RunCollector(CWD, false, rule);
  const steps: number[] = [];
  for (const line of lines) {
    for (const item of parser.line(line)) {
      collector.add(item);
      steps.push(collector.verdicts.length);
    }
  }
  for (const item of parser.end()) collector.add(item);
  const findings = collector.findings();
  return digest({
    steps,
    findings,
    verdicts: collector.verdicts,
    watch: collector.watch,
    calls: collector.calls,
  });
}

function transcriptFiles(): { name: string; format: StreamFormat; file: string }[] {
  const out: { name: string; format: StreamFormat; file: string }[] = [];
  const formats = {
    claude: 'claude-stream-json',
    codex: 'codex-json',
    gemini: 'gemini-stream-json',
  } as const;
  for (const [vendor, format] of Object.entries(formats)) {
    for (const kind of ['legit', 'loop']) {
      const dir = join('test/fixtures/calibration', vendor, kind);
      for (const f of readdirSync(dir)
        .filter((x) => x.endsWith('.jsonl'))
        .sort()) {
        out.push({ name: `calibration/${vendor}/${kind}/${f}`, format, file: join(dir, f) });
      }
    }
  }
  const vendorDir = 'test/fixtures/transcripts/vendor';
  for (const f of readdirSync(vendorDir)
    .filter((x) => x.endsWith('.jsonl'))
    .sort()) {
    const vendor = f.split('-')[0] as keyof typeof formats;
    out.push({ name: `vendor/${f}`, format: formats[vendor], file: join(vendorDir, f) });
  }
  return out;
}

describe('loop detectors: the same verdicts and state as recorded before the speed work', () => {
  it('2,500 random fact streams, transcripts through the collector, the bench stream', async () => {
    const digests: Record<string, string> = {};
    for (let seed = 1; seed <= STREAMS; seed += 1) {
      const facts = factStream(seed);
      for (const rule of ['default', 'reference'] as const) {
        const state = newLoopWatch({ spiralRule: rule, cwd: CWD });
        const steps = facts.map((f) => observeFactAll(state, f));
        const end = finishLoopWatch(state);
        digests[`random/${seed}/${rule}`] = digest({ steps, end, state });
      }
    }
    const files = transcriptFiles();
    expect(files.length).toBeGreaterThan(150);
    for (const { name, format, file } of files) {
      const lines = readFileSync(file, 'utf8').split('\n');
      for (const rule of ['default', 'reference'] as const) {
        digests[`${name}/${rule}`] = collect(format, lines, rule);
      }
    }
    const bench: string[] = [];
    for (let i = 0; i < 6000; i += 1) bench.push(...turnLines(i % 3000, Math.floor(i / 3000)));
    digests['bench/6000-turns/default'] = collect('claude-stream-json', bench, 'default');
    await expect(`${JSON.stringify(digests, null, 2)}\n`).toMatchFileSnapshot(
      './__snapshots__/loop-watch.golden.json',
    );
  });
});
