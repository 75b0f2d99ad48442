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
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sessionRepo } from './lib/session-log.mjs';
import { alternate, report } from './lib/stats.mjs';

const EVENTS = Number(process.env.REPLAY_EVENTS ?? 1_000_000);
const ROUNDS = Number(process.env.REPLAY_ROUNDS ?? 5);
const COLD_ROUNDS = Number(process.env.REPLAY_COLD_ROUNDS ?? 1);
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
let coldFiles = null;
let warmFiles = null;
const replayInto = (keep) => {
  const out = mkdtempSync(join(tmpdir(), 'wave-replay-bench-'));
  try {
    const { ms, stdout } = timed([cli, 'replay', log, '--out', out]);
    if (!stdout.startsWith(`replayed ${events} events`)) throw new Error(`replay said: ${stdout}`);
    if (keep === 'cold') coldFiles ??= filesUnder(out);
    else warmFiles ??= filesUnder(out);
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
  `replay-machines: checkpoint ${written.join(', ')} (${statSync(join(checkpoints, written[0])).size} bytes)`,
);
const w = await alternate({ bare: read, replay: () => replayInto('warm') }, ROUNDS);
if (JSON.stringify(warmFiles) !== JSON.stringify(coldFiles))
  throw new Error('the files replayed from the checkpoint differ from the cold replay');
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
