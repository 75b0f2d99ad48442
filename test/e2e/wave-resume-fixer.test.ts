/**
 * Given a session whose gate failed and whose auto-fix agent is running, when the coordinator is
 * killed (kill -9) and the session resumed, then the re-dispatched fixer gets exactly the task it
 * had: the same gate, command, acceptance and error context (the prompt, rebuilt from the log, has
 * the same sha256), and the session completes green.
 */
import { describe, expect, it } from 'vitest';
import { makeRepo } from '../support/git-repo.js';
import { logFiles, readLog, wave, waveBackground, writePlan } from '../support/wave-cli.js';
import { waitFor } from '../support/wait-for.js';

const FIXABLE_GATE = `[node, -e, "process.exit(require('fs').readFileSync('src/greet.js', 'utf8').includes('fix-1-1') ? 0 : 1)"]`;
const PLAN = `session:
  type: feature
  intent: Add a greeting module
config:
  verification-auto-fix: { enabled: true, max-retries: 2 }
  quality-gates:
    test: ${FIXABLE_GATE}
waves:
  - role: Impl-Core
    tasks:
      - { id: m-1, task: Write greet, files: [src/greet.js] }
`;
const SLOW = { SCRIPTED_AGENT_TOOLS: '8', SCRIPTED_AGENT_DELAY_MS: '150' };

const started = (repo: string, agentId: string) => {
  try {
    return readLog(repo).find((e) => e.type === 'agent.started' && e.data.agentId === agentId);
  } catch (_notWrittenYet) {
    return undefined;
  }
};

describe('kill -9 while the auto-fix agent runs, then wave resume', () => {
  it('re-dispatches the fixer with the same task and error context, and completes', async () => {
    const repo = makeRepo();
    writePlan(repo, PLAN);
    const child = waveBackground(['run', 'plan.yaml', '--allow-dirty'], { cwd: repo, env: SLOW });
    await waitFor(() => started(repo, 'w1-fix-1-1-a1') !== undefined, 30_000);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const r = await wave(['resume'], { cwd: repo, env: SLOW });
    expect(r.stderr).not.toContain('unexpected error');
    expect(r.code).toBe(0);
    const log = readLog(repo);
    const dispatched = log.filter(
      (e) => e.type === 'agent.dispatched' && e.data.taskId === 'fix-1-1',
    );
    expect(dispatched.map((e) => [e.data.agentId, e.data.reason])).toEqual([
      ['w1-fix-1-1-a1', 'fix'],
      ['w1-fix-1-1-a2', 'redispatch'],
    ]);
    expect(dispatched[1]?.data.description).toBe(dispatched[0]?.data.description);
    const before = started(repo, 'w1-fix-1-1-a1')?.data.promptSha256;
    const after = started(repo, 'w1-fix-1-1-a2')?.data.promptSha256;
    expect(before).toMatch(/^[0-9a-f]{64}$/);
    expect(after).toBe(before);
    expect(log.find((e) => e.type === 'gate.passed')?.data).toMatchObject({ wave: 1, attempt: 2 });
    expect(log.at(-1)).toMatchObject({ type: 'session.completed', data: { outcome: 'success' } });
    const check = await wave(['replay', logFiles(repo)[0] as string, '--check'], { cwd: repo });
    expect(check.code).toBe(0);
  });
});
