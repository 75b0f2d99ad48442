// Worktree isolation per agent: our worktree manager (create from the wave base, the coordinator's
// commit of the agent's change on its branch, merge-back into the main working tree through
// merge-tree, removal) vs bare git doing the same change (`git worktree add -b`, `git add` +
// `git commit` in the worktree, `git merge --no-ff` in the main tree, `git worktree remove` +
// `git branch -D`), measured in the same run on the same repository (400 files). One trial = a
// wave of 5 agents, each changing one file and adding one; the figure is per agent. Trials
// alternate ours / bare; min, median and max of each; the ratio is of the medians.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createWorktreeManager } from '../dist/actors/worktree-manager.js';

const run = promisify(execFile);
const AGENTS = 5;
const TRIALS = 7;
const FILES = 400;
const signal = new AbortController().signal;

const git = (cwd, ...args) => run('git', args, { cwd });

const repo = mkdtempSync(join(tmpdir(), 'wave-bench-wt-'));
await git(repo, 'init', '-q', '-b', 'main');
await git(repo, 'config', 'user.email', 'bench@example.invalid');
await git(repo, 'config', 'user.name', 'bench');
for (let i = 0; i < FILES; i++) {
  const dir = join(repo, `src/m${i % 20}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `f${i}.ts`), `export const v${i} = ${i};\n`.repeat(20));
}
await git(repo, 'add', '-A');
await git(repo, 'commit', '-q', '-m', 'base');
const base = (await git(repo, 'rev-parse', 'HEAD')).stdout.trim();

/** The agent's work: one modified file, one new file. */
function change(worktree, agent) {
  writeFileSync(join(worktree, `src/m${agent}/f${agent}.ts`), `export const changed = ${agent};\n`);
  writeFileSync(
    join(worktree, `src/m${agent}/new-${agent}.ts`),
    `export const added = ${agent};\n`,
  );
}

/** Back to the base, outside the timing. */
async function reset() {
  await git(repo, 'reset', '-q', '--hard', base);
  await git(repo, 'clean', '-q', '-fdx');
}

let trial = 0;
async function ours() {
  const m = createWorktreeManager({ repo, session: `bench-${trial++}` });
  const ids = Array.from({ length: AGENTS }, (_, i) => `w1-m-${i}-a1`);
  const t0 = performance.now();
  for (const [i, id] of ids.entries()) change((await m.create(signal, id, base)).path, i);
  const merged = await m.mergeBack(signal, ids, base);
  await m.remove(signal, ids, { clean: ids, deleteBranches: ids });
  const ms = performance.now() - t0;
  if (merged.some((o) => o.kind !== 'merged' || o.files.length !== 2))
    throw new Error('ours: bad merge');
  return ms / AGENTS;
}

async function bare() {
  const root = join(repo, '.orchestrator', 'bare');
  const t0 = performance.now();
  const trees = [];
  for (let i = 0; i < AGENTS; i++) {
    const path = join(root, `a${i}`);
    await git(repo, 'worktree', 'add', '-q', '-b', `bare/a${i}`, path, base);
    change(path, i);
    trees.push(path);
  }
  for (const [i, path] of trees.entries()) {
    await git(path, 'add', '-A');
    await git(path, 'commit', '-q', '-m', `agent ${i}`);
    await git(repo, 'merge', '-q', '--no-ff', '--no-edit', `bare/a${i}`);
  }
  for (const [i, path] of trees.entries()) {
    await git(repo, 'worktree', 'remove', path);
    await git(repo, 'branch', '-q', '-D', `bare/a${i}`);
  }
  return (performance.now() - t0) / AGENTS;
}

const results = { ours: [], bare: [] };
await reset();
await ours(); // warm-up of both (file cache, JIT)
await reset();
await bare();
for (let i = 0; i < TRIALS; i++) {
  const order = i % 2 === 0 ? ['ours', 'bare'] : ['bare', 'ours'];
  for (const name of order) {
    await reset();
    results[name].push(name === 'ours' ? await ours() : await bare());
  }
}
rmSync(repo, { recursive: true, force: true });

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
};
const o = stats(results.ours);
const b = stats(results.bare);
const f = (x) => x.toFixed(1);
console.log(`ours per agent (ms): min ${f(o.min)} median ${f(o.median)} max ${f(o.max)}`);
console.log(`bare per agent (ms): min ${f(b.min)} median ${f(b.median)} max ${f(b.max)}`);
console.log(
  `worktree create + merge-back per agent: ${f(o.median)} ms vs bare git worktree add + merge: ${f(b.median)} ms → ratio ${(o.median / b.median).toFixed(2)} (target ≤ 1.5)`,
);
