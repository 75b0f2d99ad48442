/**
 * Safety rails in the repository end to end (issue 10): real `wave run` processes on real
 * temporary git repositories, command agents (no hooks) that write where they should not.
 * - strict: an out-of-scope edit is reverted to the wave's pre-dispatch snapshot, the in-scope one
 *   and the earlier wave's work are kept; a Discovery agent's edit is reverted;
 * - warn: the edit is kept, with the event and the deviation;
 * - an agent that commits is reported; auto-commit after a green gate;
 * - a gate that was red before the session began is asked about, not "fixed" by a paid agent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, makeRepo } from '../support/git-repo.js';
import { logFiles, readLog, wave, waveBackground, writePlan } from '../support/wave-cli.js';
import { waitFor } from '../support/wait-for.js';

/** A command agent running `script` in sh, reporting done. */
const agent = (script: string) =>
  `{ kind: command, argv: [sh, -c, ${JSON.stringify(`${script}; echo 'STATUS: done'`)}], format: text }`;

const FILES = { 'README.md': '# demo\n', 'src/math.js': 'export const add = (a, b) => a + b;\n' };

async function run(repo: string, args: string[] = []) {
  const r = await wave(['run', 'plan.yaml', '--allow-dirty', ...args], { cwd: repo });
  expect(r.stderr).not.toContain('unexpected error');
  return r;
}

async function replays(repo: string): Promise<boolean> {
  const r = await wave(['replay', logFiles(repo)[0] as string, '--check'], { cwd: repo });
  return r.code === 0;
}

describe('scope that is enforced after each wave', () => {
  it('strict: out-of-scope edits are reverted to the wave base, in-scope work and earlier waves are kept', async () => {
    const repo = makeRepo(FILES);
    writePlan(
      repo,
      `session: { type: feature, intent: Rails }
config: { enforcement: strict }
runners:
  readme: ${agent('echo "# demo, documented" > README.md')}
  sneaky: ${agent('echo w2 > docs.md; echo "export const add = () => 0;" > src/math.js; mkdir -p gen; echo x > gen/new.js')}
  discovery: ${agent('echo "// looked" >> src/math.js')}
waves:
  - role: Discovery
    tasks:
      - { id: d-1, task: Read the code, files: [], runner: discovery }
  - role: Impl-Core
    tasks:
      - { id: m-1, task: Document, files: [README.md], runner: readme }
  - role: Impl-Polish
    tasks:
      - { id: m-2, task: Write docs, files: [docs.md], runner: sneaky }
`,
    );
    const r = await run(repo);
    expect(r.code).toBe(0);
    const log = readLog(repo);
    const violations = log.filter((e) => e.type === 'scope.violated').map((e) => e.data);
    expect(violations).toEqual([
      {
        wave: 1,
        agentId: 'w1-d-1-a1',
        taskId: 'd-1',
        files: ['src/math.js'],
        mode: 'strict',
        action: 'revert',
      },
      {
        wave: 3,
        agentId: 'w3-m-2-a1',
        taskId: 'm-2',
        files: ['gen/new.js', 'src/math.js'],
        mode: 'strict',
        action: 'revert',
      },
    ]);
    const reverted = log.filter((e) => e.type === 'wave.reverted').map((e) => e.data);
    expect(reverted).toMatchObject([
      { wave: 1, groups: [{ agentId: 'w1-d-1-a1', cause: 'scope', restored: ['src/math.js'] }] },
      {
        wave: 3,
        groups: [
          {
            agentId: 'w3-m-2-a1',
            cause: 'scope',
            restored: ['src/math.js'],
            removed: ['gen/new.js'],
          },
        ],
      },
    ]);
    // Each wave's base is its pre-dispatch snapshot, taken before its first dispatch.
    const snapshots = log.filter((e) => e.type === 'git.snapshot');
    expect(snapshots.map((e) => e.data.wave)).toEqual([1, 2, 3]);
    const firstDispatch = log.findIndex((e) => e.type === 'agent.dispatched');
    expect(log.findIndex((e) => e.type === 'git.snapshot')).toBeLessThan(firstDispatch);
    // The files: reverted out-of-scope work gone, wave 2's uncommitted README kept by wave 3's revert.
    expect(readFileSync(join(repo, 'src/math.js'), 'utf8')).toBe(FILES['src/math.js']);
    expect(readFileSync(join(repo, 'README.md'), 'utf8')).toBe('# demo, documented\n');
    expect(readFileSync(join(repo, 'docs.md'), 'utf8')).toBe('w2\n');
    expect(git(repo, 'status', '--porcelain', '--', 'gen')).toBe('');
    // The wave's files are what is left in scope.
    expect(log.find((e) => e.type === 'wave.reviewed' && e.data.wave === 3)?.data).toMatchObject({
      filesChanged: ['docs.md'],
    });
    const state = readFileSync(join(repo, '.claude/STATE.md'), 'utf8');
    expect(state).toContain(
      `Wave 3 scope violation: agent "Write docs" (task m-2) changed file(s) outside the wave's allowedPaths: gen/new.js, src/math.js. Enforcement strict — reverted to the pre-dispatch state.`,
    );
    expect(await replays(repo)).toBe(true);
  });

  it('warn with agents in one working tree is promoted to strict (reference F1): reverted, and the terminal says so', async () => {
    const repo = makeRepo(FILES);
    writePlan(
      repo,
      `session: { type: feature, intent: Rails }
config: { enforcement: warn }
runners:
  default: ${agent('echo "# scoped" > README.md; echo "export const add = () => 0;" > src/math.js')}
waves:
  - role: Impl-Core
    tasks:
      - { id: m-1, task: Document, files: [README.md] }
`,
    );
    const r = await run(repo);
    expect(r.code).toBe(0);
    const log = readLog(repo);
    expect(log.filter((e) => e.type === 'scope.violated').map((e) => e.data)).toEqual([
      {
        wave: 1,
        agentId: 'w1-m-1-a1',
        taskId: 'm-1',
        files: ['src/math.js'],
        mode: 'strict',
        action: 'revert',
      },
    ]);
    expect(readFileSync(join(repo, 'src/math.js'), 'utf8')).toBe(FILES['src/math.js']);
    expect(readFileSync(join(repo, 'README.md'), 'utf8')).toBe('# scoped\n');
    expect(readFileSync(join(repo, '.claude/STATE.md'), 'utf8')).toContain(
      'Enforcement strict — reverted to the pre-dispatch state.',
    );
  });
});

describe('commits in the repository', () => {
  it('an agent that commits is reported; auto-commit commits the green wave, never the own files', async () => {
    const repo = makeRepo(FILES);
    writePlan(
      repo,
      `session: { type: feature, intent: Rails }
config:
  auto-commit-per-wave: true
  quality-gates: { test: [node, -e, "process.exit(0)"] }
runners:
  committer: ${agent('echo a > a.txt; git add a.txt; git -c user.name=agent -c user.email=agent@example.invalid commit -qm "agent commit"')}
  writer: ${agent('echo b > b.txt')}
waves:
  - role: Impl-Core
    tasks:
      - { id: m-1, task: Commit on its own, files: [a.txt], runner: committer }
  - role: Impl-Polish
    tasks:
      - { id: m-2, task: Write b, files: [b.txt], runner: writer }
`,
    );
    expect((await run(repo)).code).toBe(0);
    const log = readLog(repo);
    expect(log.find((e) => e.type === 'agent.committed')?.data).toMatchObject({
      wave: 1,
      agentId: null,
      commits: [{ subject: 'agent commit' }],
    });
    const commits = log.filter((e) => e.type === 'git.auto_committed').map((e) => e.data);
    expect(commits).toMatchObject([
      { wave: 1, sha: null, files: [] },
      { wave: 2, files: ['b.txt'] },
    ]);
    expect(git(repo, 'log', '--format=%s', '-3').trim().split('\n')).toEqual([
      'wave 2 (Impl-Polish): quality gate green',
      'agent commit',
      'initial',
    ]);
    // Only the waves' work: never the project's own files, nor the user's uncommitted plan.
    expect(git(repo, 'ls-files', '.claude', '.orchestrator', 'plan.yaml')).toBe('');
  });
});

describe('a gate that was red before the session', () => {
  it('is asked about; the default has the fix agent work on it, told the gate was red at the start', async () => {
    const repo = makeRepo(FILES);
    writePlan(
      repo,
      `session: { type: feature, intent: Rails }
config:
  verification-auto-fix: { enabled: true, max-retries: 2 }
  quality-gates: { test: [test, -f, feature.txt] }
runners:
  default: ${agent('echo "# scoped" > README.md; case "$WAVE_TASK_ID" in fix-*) echo done > feature.txt;; esac')}
waves:
  - role: Impl-Core
    tasks:
      - { id: m-1, task: Document, files: [README.md] }
`,
    );
    const r = await run(repo);
    expect(r.code).toBe(0);
    const log = readLog(repo);
    expect(log.find((e) => e.type === 'gate.baseline_recorded')?.data).toMatchObject({
      green: false,
    });
    expect(
      log.find((e) => e.type === 'decision.requested' && e.data.kind === 'red-baseline')?.data,
    ).toMatchObject({ id: 'w1-baseline-1', options: ['fix', 'accept', 'abort'], default: 'fix' });
    expect(
      log.find((e) => e.type === 'decision.made' && e.data.id === 'w1-baseline-1')?.data,
    ).toMatchObject({
      answer: 'fix',
      by: 'policy',
    });
    expect(log.filter((e) => e.type === 'gate.fix_dispatched')).toHaveLength(1);
    expect(log.find((e) => e.type === 'gate.passed')?.data).toMatchObject({ attempt: 2 });
  });
});

describe('worktree isolation', () => {
  it('5 agents in their own worktrees, merged back in plan order; a conflicting one goes again with its work kept on its branch', async () => {
    const repo = makeRepo(FILES);
    const tasks = [1, 2, 3, 4, 5]
      .map((n) => `      - { id: m-${n}, task: Module ${n}, files: [src/m-${n}.js] }`)
      .join('\n');
    writePlan(
      repo,
      `session: { type: feature, intent: Isolated agents }
runners:
  default: ${agent('echo "// $WAVE_TASK_ID written in $(pwd)" > "src/$WAVE_TASK_ID.js"; case "$WAVE_TASK_ID" in m-4|m-5) echo "# $WAVE_TASK_ID was here" > README.md;; esac')}
waves:
  - role: Impl-Core
    tasks:
${tasks}
  - role: Impl-Polish
    tasks:
      - { id: p-1, task: Polish, files: [src/p-1.js] }
`,
    );
    const r = await run(repo);
    expect(r.stderr).not.toContain('unexpected error');
    const log = readLog(repo);
    expect(log.find((e) => e.type === 'wave.started')?.data).toMatchObject({
      isolation: 'worktree',
      enforcement: 'warn',
    });
    const created = log.filter((e) => e.type === 'worktree.created').map((e) => e.data);
    expect(created.map((d) => d.agentId)).toEqual([1, 2, 3, 4, 5].map((n) => `w1-m-${n}-a1`));
    // Each agent ran in its own worktree, all created before the first dispatch.
    const firstDispatch = log.findIndex((e) => e.type === 'agent.dispatched');
    expect(log.findLastIndex((e) => e.type === 'worktree.created')).toBeLessThan(firstDispatch);
    // Each module says where its agent ran: in its own worktree.
    for (const [n, d] of created.slice(0, 4).entries()) {
      expect(readFileSync(join(repo, `src/m-${n + 1}.js`), 'utf8')).toBe(
        `// m-${n + 1} written in ${String(d.path)}\n`,
      );
    }
    const merged = log.filter((e) => e.type === 'worktree.merged').map((e) => e.data.agentId);
    expect(merged).toEqual(['w1-m-1-a1', 'w1-m-2-a1', 'w1-m-3-a1', 'w1-m-4-a1']);
    expect(log.find((e) => e.type === 'worktree.conflicted')?.data).toMatchObject({
      agentId: 'w1-m-5-a1',
      files: ['README.md'],
    });
    expect(log.filter((e) => e.type === 'worktree.removed')).toHaveLength(5);
    // The merged work is in the main tree; m-4's README edit is out of scope: kept (warn).
    expect(log.find((e) => e.type === 'scope.violated')?.data).toMatchObject({
      agentId: 'w1-m-4-a1',
      files: ['README.md'],
      mode: 'warn',
      action: 'keep',
    });
    // The conflicted task goes again in wave 2; its first attempt's work stays on its branch.
    const reviewed = log.find((e) => e.type === 'wave.reviewed')?.data as {
      agents: Array<{ taskId: string; status: string }>;
    };
    expect(reviewed.agents.find((a) => a.taskId === 'm-5')?.status).toBe('partial');
    expect(
      log.some(
        (e) => e.type === 'agent.dispatched' && e.data.taskId === 'm-5' && e.data.wave === 2,
      ),
    ).toBe(true);
    const branch = String(log.find((e) => e.type === 'worktree.conflicted')?.data.branch);
    expect(git(repo, 'show', `${branch}:src/m-5.js`)).toContain('m-5');
    expect(git(repo, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
  }, 60_000);
});

describe('kill -9 with live worktrees', () => {
  it('resume abandons the lost runs worktrees (dirty work saved as a ref), re-dispatches them, merges the rest, cleans up', async () => {
    const repo = makeRepo(FILES);
    const tasks = [1, 2, 3]
      .map((n) => `      - { id: m-${n}, task: Module ${n}, files: [src/m-${n}.js] }`)
      .join('\n');
    writePlan(
      repo,
      `session: { type: feature, intent: Isolated agents }
runners:
  default: ${agent('echo "// $WAVE_TASK_ID" > "src/$WAVE_TASK_ID.js"; case "$WAVE_AGENT_ID" in w1-m-3-a1) sleep 30;; esac')}
waves:
  - role: Impl-Core
    tasks:
${tasks}
`,
    );
    const child = waveBackground(['run', 'plan.yaml', '--allow-dirty'], { cwd: repo });
    const ended = (id: string) => (e: { type: string; data: Record<string, unknown> }) =>
      e.type === 'agent.finished' && e.data.agentId === id;
    await waitFor(() => {
      try {
        const log = readLog(repo);
        return log.some(ended('w1-m-1-a1')) && log.some(ended('w1-m-2-a1'));
      } catch (_notYet) {
        return false;
      }
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // m-3 was killed in its worktree, which holds its partial work.
    expect(git(repo, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(4);

    const r = await wave(['resume'], { cwd: repo });
    expect(r.stderr).not.toContain('unexpected error');
    expect(r.code).toBe(0);
    const log = readLog(repo);
    expect(log.find((e) => e.type === 'session.resumed')?.data.inFlight).toEqual(['w1-m-3-a1']);
    const removed = log.filter((e) => e.type === 'worktree.removed').map((e) => e.data);
    expect(removed.find((d) => d.agentId === 'w1-m-3-a1')).toMatchObject({
      wave: null,
      savedRef: expect.stringContaining('saved/w1-m-3-a1') as unknown,
    });
    expect(log.filter((e) => e.type === 'worktree.merged').map((e) => e.data.agentId)).toEqual([
      'w1-m-1-a1',
      'w1-m-2-a1',
    ]);
    expect(log.some((e) => e.type === 'agent.dispatched' && e.data.agentId === 'w1-m-3-a2')).toBe(
      true,
    );
    for (const n of [1, 2, 3]) {
      expect(readFileSync(join(repo, `src/m-${n}.js`), 'utf8')).toBe(`// m-${n}\n`);
    }
    expect(git(repo, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    expect(await replays(repo)).toBe(true);
  }, 90_000);
});
