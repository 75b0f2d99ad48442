/**
 * A live session leaves the replay checkpoint of its log when it stops: paused by the operator,
 * then resumed and completed. Each stop's checkpoint serves `wave replay` with the files and
 * divergences of a full replay through the machines; the paused one, kept aside, continues the
 * grown log from the machine state the live coordinator saved.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayLog, type ReplayResult } from '../../src/cli/replay.command.js';
import { ResolvedPlanSchema } from '../../src/domain/plan.schema.js';
import { replayCheckpointPath } from '../../src/runtime/replay-checkpoint.js';
import { createWaveExecutor, resumeWaveExecutor } from '../../src/runtime.js';
import { burstRunner } from '../support/burst-runner.js';
import { makeRepo } from '../support/git-repo.js';

/** An agent that reads 20 files and reports done. */
const reader = burstRunner(20, { pauseMs: 5 });

const plan = ResolvedPlanSchema.parse({
  session: { type: 'feature', intent: 'Checkpoint at stop' },
  config: {},
  runners: { default: { kind: 'command', argv: ['true'], format: 'text' } },
  waves: ['Impl-Core', 'Impl-Polish', 'Quality'].map((role, w) => ({
    wave: w + 1,
    role,
    tasks: Array.from({ length: 3 }, (_, i) => ({ id: `m-${w * 3 + i + 1}`, task: `T${i}` })),
  })),
});

/** What a replay produced, comparable (owned-lines outputs carry a function). */
const comparable = (r: ReplayResult) => ({
  events: r.events,
  lastSeq: r.lastSeq,
  divergences: r.divergences,
  outputs: r.outputs.map((o) =>
    o.kind === 'file' ? o : { kind: o.kind, path: o.path, lines: o.lines },
  ),
});

describe('the checkpoint a live session leaves', () => {
  it('serves wave replay after a pause and after the resumed end, as a full replay would', async () => {
    const repo = makeRepo();
    const stop = new AbortController();
    const first = await createWaveExecutor({
      plan,
      repo,
      allowDirty: true,
      runners: { default: reader },
      signal: stop.signal,
      replayCheckpointAfterBytes: 0,
    });
    first.subscribe((batch) => {
      if (batch.some((e) => e.type === 'wave.started' && e.data.wave === 2)) stop.abort();
    });
    const paused = await first.run();
    expect(paused.outcome).toBe('aborted');
    const log = paused.logPath as string;
    const cp = replayCheckpointPath(repo, log);
    expect(existsSync(cp)).toBe(true);
    const cold = await replayLog(log, undefined, { checkpoint: null });
    const warm = await replayLog(log, undefined, { checkpoint: cp });
    expect(warm.checkpoint).toBe('used');
    expect(comparable(warm)).toEqual(comparable(cold));
    const aside = mkdtempSync(join(tmpdir(), 'wave-cp-aside-'));
    cpSync(dirname(cp), aside, { recursive: true });

    const second = await resumeWaveExecutor({
      repo,
      runners: { default: reader },
      replayCheckpointAfterBytes: 0,
    });
    const done = await second.run();
    expect(done.exitCode).toBe(0);
    const coldEnd = await replayLog(log, undefined, { checkpoint: null });
    expect(coldEnd.lastSeq).toBeGreaterThan(cold.lastSeq);
    const warmEnd = await replayLog(log, undefined, { checkpoint: cp });
    expect(warmEnd.checkpoint).toBe('used');
    expect(comparable(warmEnd)).toEqual(comparable(coldEnd));
    // The pause's checkpoint: the machines the live coordinator saved go on with the new events.
    rmSync(dirname(cp), { recursive: true, force: true });
    cpSync(aside, dirname(cp), { recursive: true });
    const grown = await replayLog(log, undefined, { checkpoint: cp });
    expect(grown.checkpoint).toBe('continued');
    expect(comparable(grown)).toEqual(comparable(coldEnd));
  }, 60_000);

  it('is not left for a log under the threshold', async () => {
    const repo = makeRepo();
    const ex = await createWaveExecutor({
      plan,
      repo,
      allowDirty: true,
      runners: { default: reader },
    });
    const out = await ex.run();
    expect(existsSync(replayCheckpointPath(repo, out.logPath as string))).toBe(false);
  }, 60_000);
});
