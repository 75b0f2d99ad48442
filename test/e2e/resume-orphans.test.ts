// Issue 7, "Resume, status and stop": after kill -9 of the coordinator its agents keep running
// (they live in their own process groups). `wave status` says `interrupted`; `wave run` asks
// resume or fresh; `wave resume` ends the orphaned agent (and its helpers) after checking the pid
// is still that agent, before re-dispatching. Built CLI, real processes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo } from '../support/git-repo.js';
import { logFiles, readLog, wave, waveBackground, writePlan } from '../support/wave-cli.js';
import { waitFor } from '../support/wait-for.js';

const PLAN = `session: { type: feature, intent: Add a greeting module }
waves:
  - role: Impl-Core
    tasks:
      - { id: m-1, task: Write greet, files: [src/greet.js] }
`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (_gone) {
    return false;
  }
}

const started = (repo: string) => {
  try {
    return readLog(repo).find((e) => e.type === 'agent.started');
  } catch (_notYet) {
    return undefined;
  }
};

async function crashMidAgent(repo: string, pidFile: string) {
  writePlan(repo, PLAN);
  const child = waveBackground(['run', 'plan.yaml', '--allow-dirty'], {
    cwd: repo,
    env: {
      SCRIPTED_AGENT_MODE_M_1: 'hang',
      SCRIPTED_AGENT_SPAWN_CHILD: '1',
      SCRIPTED_AGENT_CHILD_PID_FILE: pidFile,
    },
  });
  await waitFor(() => started(repo) !== undefined);
  await waitFor(() => {
    try {
      return readFileSync(pidFile, 'utf8').length > 0;
    } catch (_notYet) {
      return false;
    }
  });
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  const agent = started(repo);
  return {
    agentPid: Number(agent?.data.pid),
    helperPid: Number(readFileSync(pidFile, 'utf8')),
    agent,
  };
}

describe('resume ends orphans; status tells interrupted', () => {
  it('kill -9: status interrupted, resume kills the orphaned agent group, then completes', async () => {
    const repo = makeRepo();
    const pidFile = join(repo, '..', `${repo.split('/').at(-1)}-helper.pid`);
    const { agentPid, helperPid, agent } = await crashMidAgent(repo, pidFile);
    expect(agent?.data.pgid).toBe(agentPid);
    expect(typeof agent?.data.procStart).toBe('string');
    expect(alive(agentPid)).toBe(true); // the orphan is still running
    expect(alive(helperPid)).toBe(true);

    const status = await wave(['status'], { cwd: repo });
    expect(status.stdout).toMatch(/^state: interrupted/m);
    const json = JSON.parse((await wave(['status', '--json'], { cwd: repo })).stdout) as {
      state: string;
    };
    expect(json.state).toBe('interrupted');

    const r = await wave(['resume'], { cwd: repo });
    expect(r.code).toBe(0);
    expect(alive(agentPid)).toBe(false);
    await waitFor(() => !alive(helperPid), 5000);
    const resumed = readLog(repo).find((e) => e.type === 'session.resumed');
    expect(resumed?.data.killedOrphans).toEqual([{ agentId: agent?.data.agentId, pid: agentPid }]);
  }, 90_000);

  it('kill -9, then wave run: asks resume or fresh (default fresh, recorded in the new log)', async () => {
    const repo = makeRepo();
    const pidFile = join(repo, '..', `${repo.split('/').at(-1)}-helper2.pid`);
    const { agentPid } = await crashMidAgent(repo, pidFile);
    process.kill(-agentPid, 'SIGKILL'); // this test is about the question, not the orphan
    const first = logFiles(repo)[0] as string;
    const firstId = first.split('/').at(-1)?.replace('.jsonl', '');
    const r = await wave(['run', 'plan.yaml', '--allow-dirty', '--yes'], { cwd: repo });
    expect(r.code).toBe(0);
    const second = logFiles(repo).find((f) => f !== first) as string;
    const carried = readFileSync(second, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { type: string; data: Record<string, unknown> })
      .find((e) => e.type === 'state.carried_over');
    expect(carried?.data).toMatchObject({
      fromStatus: 'active',
      interrupted: { session: firstId, answer: 'fresh', by: 'policy' },
    });
  }, 90_000);
});
