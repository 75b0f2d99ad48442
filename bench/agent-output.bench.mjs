// Agent output bounds (issue 8, item 6): peak RSS and wall time of the coordinator (`wave run`, a
// real child process over a real temp git repository) while its one agent prints
//   - one 50 MB line (no newline until the end), and
//   - 1,000,000 short lines (30 MB),
// in Claude Code stream-json framing (test/fixtures/agents/hostile-agent.mjs).
// Peak RSS is the coordinator's own `process.resourceUsage().maxRSS`, written at exit by a
// preloaded module (the agent is another process). Target: < 150 MB for each case.
// Yardsticks, measured in the same run with the order alternated: for RSS, the same coordinator
// over an agent printing one result line; for time, the agent's bytes piped through `cat` to
// /dev/null (the cost of just moving the bytes). RUNS runs each: min / median / max.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'wave.js');
const agent = join(root, 'test', 'fixtures', 'agents', 'hostile-agent.mjs');
const RUNS = Number(process.env.RUNS ?? 3);

function makeRepo(mode, n) {
  const repo = mkdtempSync(join(tmpdir(), 'wave-output-bench-'));
  const git = (...args) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'bench@example.invalid');
  git('config', 'user.name', 'wave bench');
  writeFileSync(join(repo, 'README.md'), '# bench\n');
  writeFileSync(join(repo, '.gitignore'), 'plan.yaml\n.orchestrator/\n.claude/\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'initial');
  writeFileSync(
    join(repo, 'plan.yaml'),
    `session: { type: feature, intent: Output bench }
runners:
  default: { kind: command, argv: [node, ${JSON.stringify(agent)}, ${mode}, "${n}"], format: claude-stream-json }
waves:
  - role: Impl-Core
    tasks: [{ id: m-1, task: Print, files: [src/a.js] }]
`,
  );
  return repo;
}

/** Runs `wave run` over the agent; returns wall ms and the coordinator's peak RSS in MB. */
function coordinator(mode, n) {
  const repo = makeRepo(mode, n);
  const rssFile = join(repo, '.rss');
  const hook =
    `data:text/javascript,process.on('exit',()=>require('node:fs').writeFileSync(${JSON.stringify(rssFile)},String(process.resourceUsage().maxRSS)))`.replace(
      'require(',
      'process.getBuiltinModule(',
    );
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', hook, cli, 'run', 'plan.yaml', '--yes'], {
    cwd: repo,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`wave run (${mode}) exited ${r.status}: ${r.stderr}`);
  const rssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
  rmSync(repo, { recursive: true, force: true });
  return { ms, rssMb };
}

/** The agent's output piped through `cat` to /dev/null. */
function pipeMs(mode, n) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('sh', [
    '-c',
    `"$0" "$1" "$2" "$3" | cat > /dev/null`,
    process.execPath,
    agent,
    mode,
    String(n),
  ]);
  if (r.status !== 0) throw new Error(`pipe (${mode}) exited ${r.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
};
const f = (x) => Math.round(x * 10) / 10;

const cases = [
  ['50 MB line', 'long-line', 50 * 1024 * 1024],
  ['1,000,000 lines', 'many-lines', 1_000_000],
];
const quiet = { ms: [], rss: [] };
for (const [name, mode, n] of cases) {
  const wave = { ms: [], rss: [] };
  const cat = [];
  for (let i = 0; i < RUNS; i++) {
    const order = i % 2 === 0 ? ['wave', 'cat', 'quiet'] : ['quiet', 'cat', 'wave'];
    for (const what of order) {
      if (what === 'cat') cat.push(pipeMs(mode, n));
      else {
        const r = what === 'wave' ? coordinator(mode, n) : coordinator('absurd-usage', 0);
        (what === 'wave' ? wave : quiet).ms.push(r.ms);
        (what === 'wave' ? wave : quiet).rss.push(r.rssMb);
      }
    }
  }
  const rss = stats(wave.rss);
  const baseRss = stats(quiet.rss).median;
  console.log(
    `BENCH ${JSON.stringify({ name: `coordinator peak RSS, agent prints ${name} (min ${f(rss.min)} / median ${f(rss.median)} / max ${f(rss.max)})`, value: f(rss.max), unit: 'MB', baseline: f(baseRss), baselineName: 'same coordinator, one-line agent', ratio: f(rss.max / baseRss), target: '< 150 MB', ok: rss.max < 150 })}`,
  );
  const t = stats(wave.ms);
  const c = stats(cat);
  console.log(
    `BENCH ${JSON.stringify({ name: `wave run wall time, agent prints ${name} (min ${f(t.min)} / median ${f(t.median)} / max ${f(t.max)} ms)`, value: f(t.median), unit: 'ms', baseline: f(c.median), baselineName: `agent | cat > /dev/null (min ${f(c.min)} / max ${f(c.max)})`, ratio: f(t.median / c.median), target: 'report' })}`,
  );
}
// What a whole `wave run` costs without the flood (start-up, git, plan approval, projections):
// the part of the figures above that is not the output's.
const q = stats(quiet.ms);
console.log(
  `BENCH ${JSON.stringify({ name: `wave run wall time, one-line agent (min ${f(q.min)} / median ${f(q.median)} / max ${f(q.max)} ms)`, value: f(q.median), unit: 'ms', target: 'report' })}`,
);
