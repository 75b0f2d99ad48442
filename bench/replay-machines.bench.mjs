// `wave replay` of a 1,000,000-event log through the machines and projections (issue 12):
// `wave replay <log> --out <tmp>` as a child process vs a child process doing a bare chunked read
// + JSON.parse of the same log (bench/lib/bare-read.mjs), alternated, min/median/max. Target
// ≤ 1.5×. The log is a real session's (bench/lib/session-log.mjs), generated once and cached.
//
// Two figures:
// - cold: no replay checkpoint, so every event goes through the machines (COLD_ROUNDS rounds,
//   default 1; the checkpoint is deleted before each). It leaves the checkpoint.
// - with the checkpoint (ROUNDS rounds): the replay verifies the checkpoint against every byte
//   of the log (SHA-256) and the code, then folds only the projections' lines
//   (src/runtime/replay-checkpoint.ts). Its files are checked byte-identical to the cold ones.
// - grown (ROUNDS rounds): the user's path while a session goes on or is resumed: the checkpoint
//   was left when the log had GROWN_BY (default 10,000) fewer events; the replay verifies it
//   against the log's prefix, restores the machines from the state saved with it, and sends only
//   the new events through them. The saved checkpoint is put back before each round (a replay
//   leaves a fresh one). Its files are checked byte-identical to the cold ones.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sessionRepo } from './lib/session-log.mjs';
import { alternate, report } from './lib/stats.mjs';

const EVENTS = Number(process.env.REPLAY_EVENTS ?? 1_000_000);
const ROUNDS = Number(process.env.REPLAY_ROUNDS ?? 5);
const COLD_ROUNDS = Number(process.env.REPLAY_COLD_ROUNDS ?? 1);
const GROWN_BY = Number(process.env.REPLAY_GROWN_BY ?? 10_000);
const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', 'dist', 'cli', 'wave.js');
const bare = join(here, 'lib', 'bare-read.mjs');

function timed(argv) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms: performance.now() - t0, stdout: r.stdout };
}

/** Every file under `dir`, relative path → content. */
function filesUnder(dir, base = dir, out = {}) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) filesUnder(p, base, out);
    else out[relative(base, p)] = readFileSync(p, 'utf8');
  }
  return out;
}

const { repo, log, events, bytes } = await sessionRepo(EVENTS);
const checkpoints = join(repo, '.orchestrator', 'runtime', 'replay');
console.log(
  `replay-machines: ${events.toLocaleString('en-US')} events, ${(bytes / 1e6).toFixed(0)} MB`,
);
const files = {};
const replayInto = (keep, file = log) => {
  const out = mkdtempSync(join(tmpdir(), 'wave-replay-bench-'));
  try {
    const { ms, stdout } = timed([cli, 'replay', file, '--out', out]);
    if (!stdout.startsWith(`replayed ${events} events`)) throw new Error(`replay said: ${stdout}`);
    files[keep] ??= filesUnder(out);
    return ms;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
};
const read = () =>
  timed([
    '--input-type=module',
    '-e',
    `const { bareRead } = await import(${JSON.stringify(bare)}); await bareRead(${JSON.stringify(log)});`,
  ]).ms;
const cold = () => {
  rmSync(checkpoints, { recursive: true, force: true });
  return replayInto('cold');
};
const c = await alternate({ bare: read, cold }, COLD_ROUNDS);
const written = readdirSync(checkpoints);
console.log(
  `replay-machines: checkpoint ${written.map((n) => `${n} (${statSync(join(checkpoints, n)).size} bytes)`).join(', ')}`,
);
const w = await alternate({ bare: read, replay: () => replayInto('warm') }, ROUNDS);
if (JSON.stringify(files.warm) !== JSON.stringify(files.cold))
  throw new Error('the files replayed from the checkpoint differ from the cold replay');

// The grown log: the same log in another repository, its checkpoint left GROWN_BY events earlier.
const grownRepo = mkdtempSync(join(tmpdir(), 'wave-replay-grown-'));
const grownLog = join(grownRepo, '.orchestrator', 'log', basename(log));
const grownCps = join(grownRepo, '.orchestrator', 'runtime', 'replay');
const saved = join(grownRepo, 'saved-checkpoint');
mkdirSync(dirname(grownLog), { recursive: true });
const whole = readFileSync(log);
let cut = whole.length - 1;
for (let n = 0; n < GROWN_BY; n++) cut = whole.lastIndexOf(10, cut - 1);
writeFileSync(grownLog, whole.subarray(0, cut + 1));
const prefixOut = mkdtempSync(join(tmpdir(), 'wave-replay-bench-'));
timed([cli, 'replay', grownLog, '--out', prefixOut]);
rmSync(prefixOut, { recursive: true, force: true });
cpSync(grownCps, saved, { recursive: true });
writeFileSync(grownLog, whole);
const g = await alternate(
  {
    bare: read,
    grown: () => {
      rmSync(grownCps, { recursive: true, force: true });
      cpSync(saved, grownCps, { recursive: true });
      return replayInto('grown', grownLog);
    },
  },
  ROUNDS,
);
rmSync(grownRepo, { recursive: true, force: true });
if (JSON.stringify(files.grown) !== JSON.stringify(files.cold))
  throw new Error(
    'the files of the grown log replayed from its checkpoint differ from the cold replay',
  );
report({
  name: `wave replay of ${events.toLocaleString('en-US')} events, grown by ${GROWN_BY.toLocaleString('en-US')} after its checkpoint (machines restored, the new events through them)`,
  unit: 'ms',
  value: g.grown,
  baseline: g.bare,
  baselineName: 'bare read + JSON.parse (child process)',
  limit: 1.5,
  target: '≤ 1.5',
  digits: 0,
});
report({
  name: `wave replay of ${events.toLocaleString('en-US')} events (machines + projections, verified checkpoint)`,
  unit: 'ms',
  value: w.replay,
  baseline: w.bare,
  baselineName: 'bare read + JSON.parse (child process)',
  limit: 1.5,
  target: '≤ 1.5',
  digits: 0,
});
report({
  name: `wave replay of ${events.toLocaleString('en-US')} events, cold (no checkpoint: every event through the machines)`,
  unit: 'ms',
  value: c.cold,
  baseline: c.bare,
  baselineName: 'bare read + JSON.parse (child process)',
  limit: 1.5,
  target: '≤ 1.5',
  digits: 0,
});
