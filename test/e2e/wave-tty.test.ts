/**
 * `wave run` on a real terminal: `script` (util-linux) gives the CLI a pseudo-terminal, so the live
 * display and the decision prompt are the ones a person sees; the test answers the prompt.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { makeRepo } from '../support/git-repo.js';
import { WAVE_BIN, readLog, writePlan } from '../support/wave-cli.js';

const PLAN = `session: { type: feature, intent: TTY check }
waves:
  - role: Impl-Core
    tasks:
      - { id: m-1, task: Write greet, files: [src/greet.js] }
`;

function onTerminal(repo: string, answer: string): Promise<{ code: number; screen: string }> {
  return new Promise((done, fail) => {
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(WAVE_BIN)} run plan.yaml --allow-dirty`;
    const child = spawn('script', ['-qefc', command, '/dev/null'], {
      cwd: repo,
      env: { ...process.env, COLUMNS: '100', LINES: '30' },
    });
    let screen = '';
    let answered = false;
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString('utf8');
      if (
        !answered &&
        screen.includes('? Approve the plan (1 waves, 1 tasks) and start? ([approve]/abort)')
      ) {
        answered = true;
        child.stdin.write(`${answer}\r`);
      }
    });
    child.on('error', fail);
    child.on('exit', (code) => done({ code: code ?? -1, screen }));
  });
}

describe('wave run on a terminal', () => {
  it('asks for plan approval at the prompt; "abort" stops the session (exit 3), answered by the user', async () => {
    const repo = makeRepo();
    writePlan(repo, PLAN);
    const { code, screen } = await onTerminal(repo, 'abort');
    expect(code).toBe(3);
    expect(screen).toContain('? Approve the plan');
    const log = readLog(repo);
    expect(log.find((e) => e.type === 'decision.made')?.data).toEqual({
      id: 'd-1-approve-plan',
      answer: 'abort',
      by: 'user',
    });
    expect(log.at(-1)).toMatchObject({
      type: 'session.aborted',
      data: { cause: 'decision', reason: 'plan not approved' },
    });
    expect(log.some((e) => e.type === 'agent.dispatched')).toBe(false);
  });

  it('an empty answer approves; the live block shows the wave and its agent', async () => {
    const repo = makeRepo();
    writePlan(repo, PLAN);
    const { code, screen } = await onTerminal(repo, '');
    expect(code).toBe(0);
    expect(readLog(repo).find((e) => e.type === 'decision.made')?.data).toMatchObject({
      answer: 'approve',
      by: 'user',
    });
    expect(screen).toContain('Wave 1 · Impl-Core');
    expect(screen).toContain('w1-m-1-a1');
    expect(screen).toContain('complete ✓');
  });
});
