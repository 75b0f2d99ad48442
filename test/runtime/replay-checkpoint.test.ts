/**
 * Replay checkpoints (`src/runtime/replay-checkpoint.ts`) over the recorded fixture logs, each
 * copied into a real repository layout: a full replay leaves a checkpoint, the next replay of the
 * same log is served by it with the same files, divergences, event count and repository; a log
 * that grew goes on from the machines' state saved with it and gives the full replay's result; a
 * log edited (same size), replayed by other code, a replay `--at` an earlier event, and a torn or
 * foreign checkpoint or machine state all fall back to the full replay through the machines.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayLog, type ReplayResult } from '../../src/cli/replay.command.js';
import { Projector } from '../../src/projections/projector.js';
import { allProjections } from '../../src/projections/all.projections.js';
import {
  continueFromCheckpoint,
  replayCheckpointPath,
  replayFromCheckpoint,
} from '../../src/runtime/replay-checkpoint.js';
import { FIXTURES } from '../support/fixture-catalogue.js';
import { logPath, tempDir } from '../replay/fixture-files.js';

/** The log copied into `<repo>/.orchestrator/log/`, and where its checkpoint goes. */
function inRepo(text: string): { log: string; cp: string } {
  const repo = tempDir('replay-cp-');
  const log = path.join(repo, '.orchestrator', 'log', 'fx-session.jsonl');
  fs.mkdirSync(path.dirname(log), { recursive: true });
  fs.writeFileSync(log, text);
  return { log, cp: replayCheckpointPath(repo, log) };
}

/** What a replay produced, comparable (owned-lines outputs carry a function). */
function comparable(r: ReplayResult) {
  return {
    events: r.events,
    lastSeq: r.lastSeq,
    divergences: r.divergences,
    repo: r.repo,
    outputs: r.outputs.map((o) =>
      o.kind === 'file'
        ? o
        : { kind: o.kind, path: o.path, lines: o.lines, markers: o.markers ?? null },
    ),
  };
}

const replay = (log: string, cp: string | null, at?: number) =>
  replayLog(log, at, { checkpoint: cp, checkpointAfterBytes: 0 });

const read = (file: string) => fs.readFileSync(file, 'utf8');

describe('replay checkpoints', () => {
  it.each(FIXTURES.map((f) => f.name))(
    '%s: the second replay is served by the checkpoint, with the same result',
    async (name) => {
      const { log, cp } = inRepo(read(logPath(name)));
      const plain = await replay(log, null);
      expect(plain.checkpoint).toBe('none');
      const first = await replay(log, cp);
      expect(first.checkpoint).toBe('written');
      const second = await replay(log, cp);
      expect(second.checkpoint).toBe('used');
      expect(comparable(second)).toEqual(comparable(plain));
      expect(comparable(first)).toEqual(comparable(plain));
    },
  );

  it('keeps the divergences the machines found', async () => {
    const lines = read(logPath('happy-3-waves')).split('\n').slice(0, -1);
    const i = lines.findIndex((l) => l.includes('"type":"wave.started"'));
    lines[i] = (lines[i] as string).replace('"enforcement":"strict"', '"enforcement":"warn"');
    const { log, cp } = inRepo(`${lines.join('\n')}\n`);
    const first = await replay(log, cp);
    expect(first.divergences).toHaveLength(1);
    const second = await replay(log, cp);
    expect(second.checkpoint).toBe('used');
    expect(second.divergences).toEqual(first.divergences);
  });

  it('is not used for a log edited in place (same size): full replay, fresh checkpoint', async () => {
    const text = read(logPath('happy-3-waves'));
    const { log, cp } = inRepo(text);
    await replay(log, cp);
    const before = JSON.parse(read(cp)) as { prefixSha256: string };
    fs.writeFileSync(log, text.replace('"enforcement":"strict"', '"enforcement":"relax"'));
    expect(fs.statSync(log).size).toBe(Buffer.byteLength(text) - 1);
    const projector = new Projector(allProjections());
    expect(replayFromCheckpoint(cp, log, projector)).toEqual({
      rejected: 'the log is shorter than it',
    });
    // Same size, one byte differs in the middle: only the hash can tell.
    const at = text.indexOf('"summary":"') + '"summary":"'.length;
    const flipped = text[at] === 'x' ? 'y' : 'x';
    const sameSize = `${text.slice(0, at)}${flipped}${text.slice(at + 1)}`;
    expect(sameSize.length).toBe(text.length);
    fs.writeFileSync(log, sameSize);
    expect(replayFromCheckpoint(cp, log, projector)).toEqual({
      rejected: 'the log differs from the one it was made from',
    });
    const again = await replay(log, cp);
    expect(again.checkpoint).toBe('written');
    expect((JSON.parse(read(cp)) as { prefixSha256: string }).prefixSha256).not.toBe(
      before.prefixSha256,
    );
    expect(comparable(again)).toEqual(comparable(await replay(log, null)));
  });

  it.each(FIXTURES.map((f) => f.name))(
    '%s: a log that grew goes on from the machines saved at its checkpoint, with the same result',
    async (name) => {
      const lines = read(logPath(name)).split('\n').slice(0, -1);
      for (const cut of [1, Math.floor(lines.length / 3), lines.length - 1]) {
        const { log, cp } = inRepo(`${lines.slice(0, cut).join('\n')}\n`);
        expect((await replay(log, cp)).lastSeq).toBe(cut);
        fs.writeFileSync(log, `${lines.join('\n')}\n`);
        const projector = new Projector(allProjections());
        expect(replayFromCheckpoint(cp, log, projector)).toMatchObject({
          rejected: expect.stringMatching(/^the log has \d+ bytes after it$/) as unknown,
        });
        const grown = await replay(log, cp);
        expect(grown).toMatchObject({ checkpoint: 'continued', lastSeq: lines.length });
        expect(comparable(grown), `cut at ${cut}`).toEqual(comparable(await replay(log, null)));
        // It left a checkpoint of the whole log.
        expect((await replay(log, cp)).checkpoint).toBe('used');
      }
    },
  );

  it('replays a grown log in full when its machine state is missing, foreign or torn', async () => {
    const lines = read(logPath('happy-3-waves')).split('\n').slice(0, -1);
    const { log, cp } = inRepo(`${lines.slice(0, 30).join('\n')}\n`);
    await replay(log, cp);
    fs.writeFileSync(log, `${lines.join('\n')}\n`);
    const machines = cp.replace(/\.json$/, '.machines');
    const state = fs.readFileSync(machines);
    const projector = new Projector(allProjections());
    fs.writeFileSync(machines, state.subarray(0, state.length - 5));
    expect(continueFromCheckpoint(cp, log, projector)).toEqual({
      rejected: 'its machine state is not the one it was made with',
    });
    fs.rmSync(machines);
    expect(continueFromCheckpoint(cp, log, projector)).toEqual({
      rejected: 'its machine state is missing',
    });
    // Nothing was folded by the refusals.
    expect(
      comparable({ ...(await replay(log, null)), outputs: projector.render() }).outputs,
    ).toEqual(
      comparable({
        ...(await replay(log, null)),
        outputs: new Projector(allProjections()).render(),
      }).outputs,
    );
    const full = await replay(log, cp);
    expect(full.checkpoint).toBe('written');
    expect(comparable(full)).toEqual(comparable(await replay(log, null)));
    // A checkpoint of the prefix that is not the log's prefix: refused by the hash.
    const { log: other, cp: otherCp } = inRepo(`${lines.slice(0, 30).join('\n')}\n`);
    await replay(other, otherCp);
    const edited = `${lines.join('\n')}\n`.replace(
      '"enforcement":"strict"',
      '"enforcement":"relax!"',
    );
    fs.writeFileSync(other, edited);
    expect(continueFromCheckpoint(otherCp, other, projector)).toEqual({
      rejected: 'the log differs from the one it was made from',
    });
  });

  it('is not used by other code, --at an earlier event, or when torn; nothing folded then', async () => {
    const { log, cp } = inRepo(read(logPath('questions-crash-timeout')));
    const full = await replay(log, cp);
    const projector = new Projector(allProjections());
    expect(replayFromCheckpoint(cp, log, projector, full.lastSeq - 1)).toEqual({
      rejected: `--at ${full.lastSeq - 1} is before its last event (${full.lastSeq})`,
    });
    const at = await replay(log, cp, 10);
    expect(at).toMatchObject({ checkpoint: 'none', lastSeq: 10 });
    expect(comparable(at)).toEqual(comparable(await replay(log, null, 10)));
    // --at at or past the end is the whole log: served.
    expect((await replay(log, cp, full.lastSeq)).checkpoint).toBe('used');
    const cpText = read(cp);
    fs.writeFileSync(cp, cpText.replace(/"code":"[0-9a-f]+"/, '"code":"0000"'));
    expect(replayFromCheckpoint(cp, log, projector)).toEqual({
      rejected: 'another version of the code made it',
    });
    fs.writeFileSync(cp, cpText.slice(0, 50));
    expect(replayFromCheckpoint(cp, log, projector)).toEqual({ rejected: 'it is not JSON' });
    fs.writeFileSync(cp, '{"format":1}');
    expect(replayFromCheckpoint(cp, log, projector)).toEqual({ rejected: 'it lacks fields' });
    fs.writeFileSync(cp, cpText.replace('"log":"fx-session.jsonl"', '"log":"other.jsonl"'));
    expect(replayFromCheckpoint(cp, log, projector)).toEqual({
      rejected: 'it is the checkpoint of other.jsonl',
    });
    expect(comparable({ ...full, outputs: projector.render() }).outputs).toEqual(
      comparable({ ...full, outputs: new Projector(allProjections()).render() }).outputs,
    );
    const rebuilt = await replay(log, cp);
    expect(rebuilt.checkpoint).toBe('written');
    expect((await replay(log, cp)).checkpoint).toBe('used');
  });

  it('is left only for a log of at least the threshold', async () => {
    const { log, cp } = inRepo(read(logPath('happy-3-waves')));
    const r = await replayLog(log, undefined, { checkpoint: cp });
    expect(r.checkpoint).toBe('none');
    expect(fs.existsSync(cp)).toBe(false);
  });
});

describe('replay checkpoints where none can be kept', () => {
  it('replays without one, and says why, when something is in the way', async () => {
    const { log, cp } = inRepo(read(logPath('happy-3-waves')));
    fs.mkdirSync(path.dirname(path.dirname(cp)), { recursive: true });
    fs.writeFileSync(path.dirname(cp), 'not a directory');
    const r = await replay(log, cp);
    expect(r.checkpoint).toBe('none');
    expect(r.note).toMatch(/^no replay checkpoint written \((EEXIST|ENOTDIR): .*\.json\)$/);
    expect(comparable(r)).toEqual(comparable(await replay(log, null)));
    fs.rmSync(path.dirname(cp));
    fs.mkdirSync(cp, { recursive: true });
    expect(replayFromCheckpoint(cp, log, new Projector(allProjections()))).toEqual({
      rejected: 'it cannot be read (EISDIR)',
    });
  });
});
