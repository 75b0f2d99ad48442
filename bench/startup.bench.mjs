// Start-up of the CLI (issue 3): `node dist/cli/wave.js --help` and `wave status --repo <repo>`
// vs `node -e 0`, SPAWNS child processes each, interleaved so all three see the same machine
// conditions, the order reversed every other round; min/median/max of the wall times, and the
// ratio as the median of the per-round ratios (each command against the `node -e 0` of its round).
// Target: ≤ 1.5× `node -e 0`.
// `wave status` reads a real repository holding a finished session: a temp git repo in which a
// small session (2 waves × 5 no-op agents, host-supplied runner) was run through the runtime.
// When a figure is over target, STARTUP_PROFILE=1 prints what each dist module costs to import.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alternate, report } from './lib/stats.mjs';

const SPAWNS = Number(process.env.STARTUP_SPAWNS ?? 21);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'wave.js');
const statusBuilt = existsSync(join(root, 'dist', 'cli', 'status.command.js'));

function makeRepoWithSession() {
  const repo = mkdtempSync(join(tmpdir(), 'wave-startup-bench-'));
  const git = (...args) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'bench@example.invalid');
  git('config', 'user.name', 'wave bench');
  writeFileSync(join(repo, 'README.md'), '# bench\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'initial');
  return repo;
}

async function runSmallSession(repo) {
  const { createWaveExecutor } = await import('../dist/runtime.js');
  const { ResolvedPlanSchema } = await import('../dist/domain/plan.schema.js');
  const plan = ResolvedPlanSchema.parse({
    session: { type: 'feature', intent: 'Start-up benchmark' },
    config: {},
    runners: { default: { kind: 'command', argv: ['true'], format: 'text' } },
    waves: ['Impl-Core', 'Quality'].map((role, w) => ({
      wave: w + 1,
      role,
      tasks: Array.from({ length: 5 }, (_, i) => ({
        id: `m-${w * 5 + i + 1}`,
        task: `Task ${i}`,
        files: [],
      })),
    })),
  });
  const { noopRunner: runner } = await import('./lib/fake-data.mjs');
  const executor = await createWaveExecutor({ plan, repo, runners: { default: runner } });
  await executor.run();
}

function wallMs(argv) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`node ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const repo = makeRepoWithSession();
try {
  if (statusBuilt) await runSmallSession(repo);
  const cases = {
    baseline: ['-e', '0'],
    help: [cli, '--help'],
    ...(statusBuilt ? { status: [cli, 'status', '--repo', repo] } : {}),
  };
  for (const argv of Object.values(cases)) wallMs(argv); // warm the page cache
  const samples = await alternate(
    Object.fromEntries(Object.entries(cases).map(([k, argv]) => [k, () => wallMs(argv)])),
    SPAWNS,
  );
  const line = (name, label) =>
    report({
      name: `startup ${label}`,
      unit: 'ms',
      value: samples[name],
      baseline: samples.baseline,
      baselineName: 'node -e 0',
      limit: 1.5,
      target: '≤ 1.5',
      digits: 1,
      paired: true,
    });
  console.log(`startup: ${SPAWNS} spawns each, interleaved, order alternated`);
  const over = [line('help', 'wave --help') > 1.5];
  if (statusBuilt) over.push(line('status', 'wave status') > 1.5);
  else {
    console.log('startup wave status: pending (dist/cli/status.command.js is not built yet)');
    console.log(
      `BENCH ${JSON.stringify({ name: 'startup wave status', value: null, unit: 'ms', baseline: null, baselineName: 'node -e 0', ratio: null, target: '≤ 1.5', ok: null, note: 'pending: status command not built' })}`,
    );
  }
  if (process.env.STARTUP_PROFILE || over.some(Boolean)) {
    // Where the time goes: cost of importing each module graph in a fresh process (median).
    const mods = [
      'commander',
      './dist/cli/status.command.js',
      './dist/adapters/jsonl-reader.js',
      './dist/events.js',
      'zod',
      'xstate',
    ];
    for (const m of mods) {
      const spec = m.startsWith('.') ? join(root, m) : m;
      const code = `const t=performance.now();await import(${JSON.stringify(spec)});console.log(performance.now()-t)`;
      const xs = [];
      for (let i = 0; i < 7; i++) {
        const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
          cwd: root,
          encoding: 'utf8',
        });
        xs.push(Number(r.stdout.trim()));
      }
      console.log(`startup import ${m}: ${median(xs).toFixed(1)} ms (fresh process, median of 7)`);
    }
  }
} finally {
  rmSync(repo, { recursive: true, force: true });
}
