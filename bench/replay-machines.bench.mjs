// `wave replay` of a 1,000,000-event log through the machines and projections (issue 12; the
// replay path is the lead's, this measures it): `wave replay <log> --out <tmp>` as a child
// process vs a child process doing a bare chunked read + JSON.parse of the same log
// (bench/lib/bare-read.mjs), alternated, ROUNDS rounds, min/median/max. Target ≤ 1.5×. The log
// is a real session's (bench/lib/session-log.mjs), generated once and cached.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sessionRepo } from './lib/session-log.mjs';
import { alternate, report } from './lib/stats.mjs';

const EVENTS = Number(process.env.REPLAY_EVENTS ?? 1_000_000);
const ROUNDS = Number(process.env.REPLAY_ROUNDS ?? 3);
const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', 'dist', 'cli', 'wave.js');
const bare = join(here, 'lib', 'bare-read.mjs');

function timed(argv) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return performance.now() - t0;
}

const { log, events, bytes } = await sessionRepo(EVENTS);
console.log(
  `replay-machines: ${events.toLocaleString('en-US')} events, ${(bytes / 1e6).toFixed(0)} MB`,
);
const replay = () => {
  const out = mkdtempSync(join(tmpdir(), 'wave-replay-bench-'));
  try {
    return timed([cli, 'replay', log, '--out', out]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
};
const read = () =>
  timed([
    '--input-type=module',
    '-e',
    `const { bareRead } = await import(${JSON.stringify(bare)}); await bareRead(${JSON.stringify(log)});`,
  ]);
const r = await alternate({ bare: read, replay }, ROUNDS);
report({
  name: `wave replay of ${events.toLocaleString('en-US')} events (machines + projections)`,
  unit: 'ms',
  value: r.replay,
  baseline: r.bare,
  baselineName: 'bare read + JSON.parse (child process)',
  limit: 1.5,
  target: '≤ 1.5',
  digits: 0,
});
