// Start-up of the Claude PreToolUse hook (issue 10): `wave hook pre-tool-use` runs before every
// tool call of a Claude agent, so its wall time per call is what each Edit/Write/Bash pays.
// Measured on a real payload (a Write outside the scope: the full path, realpath and a deny) and a
// Bash command (the command guard), each vs `node -e 0` fed the same stdin; child processes
// interleaved with the order alternated each round; min / median / max of SPAWNS. Target ≤ 1.5×.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SPAWNS = Number(process.env.HOOK_SPAWNS ?? 21);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'wave.js');

const repo = realpathSync(mkdtempSync(join(tmpdir(), 'wave-hook-bench-')));
mkdirSync(join(repo, '.claude'));
mkdirSync(join(repo, 'src'));
writeFileSync(
  join(repo, '.claude/wave-scope.json'),
  JSON.stringify({
    wave: 2,
    role: 'Impl-Core',
    enforcement: 'strict',
    allowedPaths: ['src/rate-limit.ts', 'src/mw/', 'test/**/rate-limit*.test.ts'],
    blockedCommands: ['git reset --hard', 'git checkout --', 'git clean -f', 'rm -rf'],
  }),
);
const payload = (tool_name, tool_input) =>
  JSON.stringify({
    session_id: '8a4c5d2e-7b1f-4e0a-9c3d-2f6b8e1a0c57',
    transcript_path: '/tmp/transcript.jsonl',
    cwd: repo,
    permission_mode: 'acceptEdits',
    hook_event_name: 'PreToolUse',
    tool_name,
    tool_input,
    tool_use_id: 'toolu_01HNbZ6x8tWq3yXkJ2mVfR4a',
  });
const cases = {
  'node -e 0': { argv: ['-e', '0'], input: payload('Write', {}) },
  'hook Write (deny)': {
    argv: [cli, 'hook', 'pre-tool-use'],
    input: payload('Write', { file_path: join(repo, 'src/math.js'), content: 'x' }),
  },
  'hook Bash (&& chain)': {
    argv: [cli, 'hook', 'pre-tool-use'],
    input: payload('Bash', { command: 'npm test && git status && git log -1', description: 'd' }),
  },
};

function wallMs({ argv, input }) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, {
    input,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, CLAUDE_PROJECT_DIR: repo },
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`node ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
};
const f = (x) => +x.toFixed(1);

try {
  const names = Object.keys(cases);
  const samples = Object.fromEntries(names.map((k) => [k, []]));
  for (const k of names) wallMs(cases[k]); // warm the page cache
  for (let i = 0; i < SPAWNS; i++) {
    const order = i % 2 === 0 ? names : [...names].reverse();
    for (const k of order) samples[k].push(wallMs(cases[k]));
  }
  const base = stats(samples['node -e 0']);
  console.log(`hook: ${SPAWNS} spawns each, interleaved, order alternated`);
  for (const k of names.slice(1)) {
    const s = stats(samples[k]);
    const ratio = s.median / base.median;
    console.log(
      `${k}: ${f(s.median)} ms (min ${f(s.min)} / max ${f(s.max)}) vs node -e 0: ${f(base.median)} ms (min ${f(base.min)} / max ${f(base.max)}) → ratio ${ratio.toFixed(2)} (target ≤ 1.5)`,
    );
    console.log(
      `BENCH ${JSON.stringify({ name: `${k} (min ${f(s.min)} / median ${f(s.median)} / max ${f(s.max)} ms)`, value: f(s.median), unit: 'ms', baseline: f(base.median), baselineName: `node -e 0 (min ${f(base.min)} / max ${f(base.max)})`, ratio: +ratio.toFixed(2), target: '≤ 1.5', ok: ratio <= 1.5 })}`,
    );
  }
} finally {
  rmSync(repo, { recursive: true, force: true });
}
