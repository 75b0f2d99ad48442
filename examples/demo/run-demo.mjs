#!/usr/bin/env node
// `npm run demo`: a real wave-executor session on a throwaway git repository.
// Creates .demo/repo from repo-template/, puts the scripted Claude stand-in at .demo/agents/,
// runs `wave run examples/demo/plan.yaml --repo .demo/repo`, then shows `wave status` and checks
// that replaying the log rebuilds every file byte for byte. The files stay for you to look at.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const demo = join(root, '.demo');
const repo = join(demo, 'repo');
const wave = join(root, 'dist/cli/wave.js');

rmSync(demo, { recursive: true, force: true });
mkdirSync(demo, { recursive: true });
cpSync(join(here, 'repo-template'), repo, { recursive: true });
cpSync(join(here, 'agents'), join(demo, 'agents'), { recursive: true });
const git = (...args) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
git('init', '-q', '-b', 'main');
git('add', '-A');
git(
  '-c',
  'user.email=demo@wave-executor.invalid',
  '-c',
  'user.name=wave demo',
  'commit',
  '-q',
  '-m',
  'demo-api: initial',
);

const run = (args) =>
  spawnSync(process.execPath, [wave, ...args], { cwd: root, stdio: 'inherit' }).status ?? 1;

console.log(`wave-executor demo: a feature session on ${repo}\n`);
const code = run(['run', join(here, 'plan.yaml'), '--repo', repo, '--yes']);
console.log('\n$ wave status');
run(['status', '--repo', repo]);
const log = join(
  repo,
  '.orchestrator/log',
  readdirSync(join(repo, '.orchestrator/log')).find((f) => f.endsWith('.jsonl')),
);
console.log('\n$ wave replay <log> --check');
const check = run(['replay', log, '--check']);
console.log(
  `\nLook at:\n  ${join(repo, '.claude/STATE.md')}\n  ${join(repo, '.orchestrator/metrics/sessions.jsonl')}\n  ${log}`,
);
process.exit(code === 0 && check === 0 ? 0 : code || check);
