// `wave status` on a 1,000,000-event log (issue 12): wall time vs `node -e 0` (target ≤ 1.5×) and
// peak RSS (target < 100 MB), each a child process, interleaved with the yardstick and alternated
// in order, ROUNDS rounds, min/median/max; the ratio is the median of the per-round ratios.
//
// The log is a real session's (bench/lib/session-log.mjs: 2 waves × 5 agents bursting tool calls
// through the runtime), generated once and cached in the temp directory. The first `wave status`
// finds no status snapshot: it folds the whole log and leaves one (printed as the cold figure,
// informational); every later one verifies the snapshot and folds only the lines after it.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sessionRepo } from './lib/session-log.mjs';
import { alternate, report, spread } from './lib/stats.mjs';

const EVENTS = Number(process.env.STATUS_EVENTS ?? 1_000_000);
const ROUNDS = Number(process.env.STATUS_ROUNDS ?? 15);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'wave.js');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Wall ms (and peak RSS in MB when /usr/bin/time is there) of `node argv`. */
function run(argv) {
  const t0 = process.hrtime.bigint();
  const r = TIME
    ? spawnSync(TIME, ['-f', '%M', process.execPath, ...argv], { encoding: 'utf8' })
    : spawnSync(process.execPath, argv, { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`node ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  const kb = TIME ? Number(r.stderr.trim().split('\n').at(-1)) : NaN;
  return { ms, mb: kb / 1024, stdout: r.stdout };
}

const { repo, log, bytes, events } = await sessionRepo(EVENTS);
console.log(
  `status-big-log: ${events.toLocaleString('en-US')} events, ${(bytes / 1e6).toFixed(0)} MB (${log})`,
);
rmSync(join(repo, '.orchestrator', 'runtime', 'status'), { recursive: true, force: true });
const cold = run([cli, 'status', '--repo', repo]);
if (!cold.stdout.includes('state: completed'))
  throw new Error(`unexpected status:\n${cold.stdout}`);
console.log(
  `status-big-log cold (no snapshot yet: the whole log folded, snapshot written): ${cold.ms.toFixed(0)} ms, peak RSS ${cold.mb.toFixed(0)} MB (information)`,
);
const warm = run([cli, 'status', '--repo', repo]);
if (warm.stdout !== cold.stdout)
  throw new Error('status from the snapshot differs from the full fold');
const r = await alternate(
  { base: () => run(['-e', '0']), status: () => run([cli, 'status', '--repo', repo]) },
  ROUNDS,
);
report({
  name: `wave status on a ${events.toLocaleString('en-US')}-event log`,
  unit: 'ms',
  value: r.status.map((x) => x.ms),
  baseline: r.base.map((x) => x.ms),
  baselineName: 'node -e 0',
  limit: 1.5,
  target: '≤ 1.5',
  digits: 1,
  paired: true,
});
if (TIME) {
  const rss = spread(r.status.map((x) => x.mb));
  const base = spread(r.base.map((x) => x.mb));
  console.log(
    `wave status peak RSS: ${rss.max.toFixed(1)} MB vs node -e 0: ${base.max.toFixed(1)} MB → ratio ${(rss.max / base.max).toFixed(2)} (target < 100 MB)`,
  );
  console.log(
    `BENCH ${JSON.stringify({ name: 'wave status peak RSS (1M-event log)', value: +rss.max.toFixed(1), unit: 'MB', baseline: +base.max.toFixed(1), baselineName: 'node -e 0', ratio: +(rss.max / base.max).toFixed(2), target: '< 100 MB', ok: rss.max < 100 })}`,
  );
}
