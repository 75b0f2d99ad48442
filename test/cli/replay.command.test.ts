/**
 * `wave replay` as a user runs it: the built CLI (dist/cli/wave.js, built by `npm test` before
 * vitest) in a child process, over the recorded fixture logs and broken copies of them.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allProjections } from '../../src/projections/all.projections.js';
import { projectAt } from '../../src/projections/projector.js';
import { FIXTURES } from '../support/fixture-catalogue.js';
import {
  ROOT,
  filesUnder,
  goldenPath,
  logPath,
  readLog,
  tempDir,
} from '../replay/fixture-files.js';

const WAVE = path.join(ROOT, 'dist/cli/wave.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function wave(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [WAVE, ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      const code = error ? ((error as { code?: unknown }).code as number) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function copyDir(from: string, to: string): string {
  fs.cpSync(from, to, { recursive: true });
  return to;
}

const HAPPY = logPath('happy-3-waves');
const happyLines = () => fs.readFileSync(HAPPY, 'utf8').split('\n').slice(0, -1);

/** Writes a broken copy of the happy log; returns its path. */
function brokenLog(name: string, text: string): string {
  const file = path.join(tempDir('replay-bad-'), name);
  fs.writeFileSync(file, text);
  return file;
}

describe('wave replay (built CLI)', () => {
  it.each(FIXTURES.map((f) => f.name))(
    'writes the golden files of %s, and --check on them exits 0',
    async (name) => {
      const out = tempDir('replay-out-');
      const events = await readLog(logPath(name));
      const run = await wave('replay', logPath(name), '--out', out);
      const golden = filesUnder(goldenPath(name));
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(
        `replayed ${events.length} events (to seq ${events.length}) into ${out}: ${golden.size} written, 0 deleted, ${allOutputs(events) - golden.size} unchanged\n`,
      );
      const written = filesUnder(out);
      expect([...written.keys()]).toEqual([...golden.keys()]);
      for (const [p, bytes] of golden)
        expect(Buffer.compare(written.get(p) as Buffer, bytes), p).toBe(0);
      const check = await wave('replay', logPath(name), '--out', goldenPath(name), '--check');
      expect(check).toEqual({
        code: 0,
        stdout: `replayed ${events.length} events (to seq ${events.length}): every projection matches\n`,
        stderr: '',
      });
    },
  );

  it('--check on the golden files exits 0', async () => {
    const run = await wave('replay', HAPPY, '--out', goldenPath('happy-3-waves'), '--check');
    expect(run).toEqual({
      code: 0,
      stdout: 'replayed 66 events (to seq 66): every projection matches\n',
      stderr: '',
    });
  });

  it('--check exits 1 and names each file that differs, is missing or should not exist', async () => {
    const dir = copyDir(goldenPath('happy-3-waves'), path.join(tempDir('replay-check-'), 'repo'));
    const state = path.join(dir, '.claude/STATE.md');
    fs.writeFileSync(
      state,
      fs.readFileSync(state, 'utf8').replace('status: completed', 'status: active'),
    );
    const edited = await wave('replay', HAPPY, '--out', dir, '--check');
    expect(edited).toEqual({
      code: 1,
      stdout:
        'different: .claude/STATE.md: line 7: expected "status: completed", found "status: active"\nreplayed 66 events (to seq 66): 1 difference(s)\n',
      stderr: '',
    });
    fs.rmSync(path.join(dir, '.orchestrator/metrics/sessions.jsonl'));
    fs.writeFileSync(path.join(dir, '.orchestrator/session.lock'), '{}\n');
    const more = await wave('replay', HAPPY, '--out', dir, '--check');
    expect(more.code).toBe(1);
    expect(more.stdout.split('\n').sort()).toEqual(
      [
        '',
        'different: .claude/STATE.md: line 7: expected "status: completed", found "status: active"',
        'missing: .orchestrator/metrics/sessions.jsonl: file does not exist',
        'unexpected: .orchestrator/session.lock: file exists but should not',
        'replayed 66 events (to seq 66): 3 difference(s)',
      ].sort(),
    );
    // --check writes nothing.
    expect(fs.existsSync(path.join(dir, '.orchestrator/metrics/sessions.jsonl'))).toBe(false);
  });

  it('--at SEQ writes the files as of that event, as projectAt renders them', async () => {
    const events = await readLog(HAPPY);
    const seq = events.find((e) => e.type === 'wave.started' && e.data.wave === 2)?.seq as number;
    const out = tempDir('replay-at-');
    const run = await wave('replay', HAPPY, '--out', out, '--at', String(seq));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^replayed ${seq} events \\(to seq ${seq}\\) into `));
    for (const o of projectAt(allProjections(), events, seq)) {
      const file = path.join(out, o.path);
      const want =
        o.kind === 'file' ? o.content : o.lines.length ? `${o.lines.join('\n')}\n` : null;
      expect(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null, o.path).toBe(want);
    }
    expect(fs.readFileSync(path.join(out, '.claude/STATE.md'), 'utf8')).toMatch(
      /^status: active\ncurrent-wave: 1$/m,
    );
    const check = await wave('replay', HAPPY, '--out', out, '--at', String(seq), '--check');
    expect(check.code).toBe(0);
  });

  it('writes into the repository that holds the log when --out is absent', async () => {
    const repo = tempDir('replay-repo-');
    const log = path.join(repo, '.orchestrator/log/fx-happy-3-waves.jsonl');
    fs.mkdirSync(path.dirname(log), { recursive: true });
    fs.copyFileSync(HAPPY, log);
    const run = await wave('replay', log);
    expect(run.code).toBe(0);
    expect(fs.readFileSync(path.join(repo, '.claude/STATE.md'))).toEqual(
      fs.readFileSync(path.join(goldenPath('happy-3-waves'), '.claude/STATE.md')),
    );
  });

  it('warns about a logged decision the machines would not take, and still replays', async () => {
    const lines = happyLines();
    const i = lines.findIndex((l) => l.includes('"type":"wave.started"'));
    lines[i] = (lines[i] as string).replace('"enforcement":"strict"', '"enforcement":"warn"');
    const run = await wave(
      'replay',
      brokenLog('divergent.jsonl', `${lines.join('\n')}\n`),
      '--out',
      tempDir('replay-div-'),
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      `wave replay: warning: seq ${i + 1}: wave.started was logged with other data than the machines decide now (wave.started:1)`,
    );
  });

  it('does not call reworded prose a divergence (decisions match by identity and data)', async () => {
    const lines = happyLines();
    const i = lines.findIndex((l) => l.includes('"type":"mission.status_changed"'));
    lines[i] = (lines[i] as string).replace(
      '"reason":"plan approved (/go)"',
      '"reason":"approved by hand"',
    );
    const run = await wave(
      'replay',
      brokenLog('reworded.jsonl', `${lines.join('\n')}\n`),
      '--out',
      tempDir('replay-reworded-'),
    );
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('warning');
  });
});

describe('wave replay: bad input exits 2 with one clear message', () => {
  const lines = happyLines();
  const text = (ls: string[]) => `${ls.join('\n')}\n`;
  const withLine = (n: number, edit: (line: string) => string) =>
    text(lines.map((l, i) => (i === n - 1 ? edit(l) : l)));
  const notJson = String.raw`not JSON: (Unexpected|Expected|Bad control|Unterminated).*`;
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  const cases: [string, () => string, (file: string) => string | RegExp][] = [
    [
      'a torn tail (last line cut mid-JSON, no newline)',
      () => brokenLog('torn.jsonl', text(lines).slice(0, -40)),
      (f) =>
        `wave replay: ${f}:66: torn last line (${Buffer.byteLength(lines[65] as string) + 1 - 40} bytes, no newline): the writer crashed mid-append; \`wave resume\` cuts it off and records it\n`,
    ],
    [
      'a corrupt middle line (half a record)',
      () =>
        brokenLog(
          'corrupt.jsonl',
          withLine(20, (l) => l.slice(0, 70)),
        ),
      (f) => new RegExp(`^wave replay: ${esc(f)}:20: ${notJson}\n$`),
    ],
    [
      'a non-JSON line',
      () =>
        brokenLog(
          'merge.jsonl',
          withLine(10, () => '<<<<<<< HEAD'),
        ),
      (f) => new RegExp(`^wave replay: ${esc(f)}:10: ${notJson}\n$`),
    ],
    [
      'an unknown event type',
      () =>
        brokenLog(
          'unknown.jsonl',
          withLine(3, (l) =>
            l.replace('"type":"decision.requested"', '"type":"decision.vanished"'),
          ),
        ),
      (f) =>
        `wave replay: ${f}:3: invalid decision.vanished event: unknown event type "decision.vanished"\n`,
    ],
    [
      'a newer event version',
      () =>
        brokenLog(
          'newer.jsonl',
          withLine(3, (l) => l.replace('{"v":1,', '{"v":2,')),
        ),
      (f) =>
        `wave replay: ${f}:3: invalid decision.requested event: version 2 is newer than this build knows (1)\n`,
    ],
    [
      'data that fails its schema',
      () =>
        brokenLog(
          'schema.jsonl',
          withLine(16, (l) => l.replace('"status":"done"', '"status":"exploded"')),
        ),
      (f) =>
        `wave replay: ${f}:16: invalid agent.finished event: status: Invalid option: expected one of "done"|"partial"|"failed"|"spiral"|"stagnant"|"crashed"|"timed_out"\n`,
    ],
    [
      'a missing line (seq gap)',
      () => brokenLog('gap.jsonl', text(lines.filter((_, i) => i !== 9))),
      (f) =>
        `wave replay: ${f}:10: seq 11 where 10 was expected (seqs must be contiguous from 1)\n`,
    ],
    [
      'an event of another session',
      () =>
        brokenLog(
          'mixed.jsonl',
          withLine(5, (l) => l.replace('"session":"fx-happy-3-waves"', '"session":"fx-other"')),
        ),
      (f) =>
        `wave replay: ${f}:5: session "fx-other" differs from the log's session "fx-happy-3-waves"\n`,
    ],
    [
      'an empty file',
      () => brokenLog('empty.jsonl', ''),
      (f) => `wave replay: ${f}:1: empty log: no events to replay\n`,
    ],
    [
      'a missing file',
      () => path.join(tempDir('replay-missing-'), 'nope.jsonl'),
      (f) => `wave replay: ${f}: no such log file\n`,
    ],
  ];

  it.each(cases)('%s', async (_what, make, message) => {
    const file = make();
    const out = tempDir('replay-bad-out-');
    const run = await wave('replay', file, '--out', out);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const want = message(file);
    if (typeof want === 'string') expect(run.stderr).toBe(want);
    else expect(run.stderr).toMatch(want);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it.each(['abc', '0', '-3', '2.5'])('--at %s', async (at) => {
    const run = await wave('replay', HAPPY, '--out', tempDir('replay-at-bad-'), '--at', at);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `wave replay: --at must be a positive event seq, got "${at}"\n`,
    });
  });

  it('replays a log with a torn tail as of an event before it', async () => {
    const torn = brokenLog('torn.jsonl', text(lines).slice(0, -40));
    const run = await wave('replay', torn, '--out', tempDir('replay-torn-'), '--at', '65');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^replayed 65 events \(to seq 65\) into /);
  });
});

function allOutputs(events: Parameters<typeof projectAt>[1]): number {
  return projectAt(allProjections(), events).length;
}
