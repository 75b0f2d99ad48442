import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSession } from '../../src/formats/validate-session.js';
import { makeRepo } from '../support/git-repo.js';
import { logFiles, readLog, wave, writePlan } from '../support/wave-cli.js';

const GATE = `  quality-gates:\n    test: node -e "process.exit(0)"\n`;
const THREE_WAVES = `session:
  type: feature
  intent: Add a greeting module
config:
${GATE}waves:
  - role: Discovery
    tasks:
      - { id: m-1, task: Map the code, files: [] }
  - role: Impl-Core
    tasks:
      - { id: m-2, task: Write greet, files: [src/greet.js] }
      - { id: m-3, task: Test greet, files: [test/greet.test.js] }
  - role: Quality
    tasks:
      - { id: m-4, task: Review greet, files: [src/greet.js] }
`;

async function replayCheck(repo: string) {
  const log = logFiles(repo)[0] as string;
  return wave(['replay', log, '--check'], { cwd: repo });
}

describe('wave run (built CLI, temp git repo, scripted agent processes)', () => {
  it('runs a clean 3-wave session: exit 0, log, STATE.md, sessions.jsonl, replay byte for byte', async () => {
    const repo = makeRepo();
    writePlan(repo, THREE_WAVES);
    const r = await wave(['run', 'plan.yaml', '--allow-dirty'], { cwd: repo });
    expect(r.stderr).not.toContain('unexpected error');
    expect(r.code).toBe(0);
    const log = readLog(repo);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(log.at(-1)).toMatchObject({ type: 'session.completed', data: { outcome: 'success' } });
    const state = readFileSync(join(repo, '.claude/STATE.md'), 'utf8');
    expect(state).toContain('status: completed');
    expect(state).toContain('### Wave 2 — Impl-Core');
    const lines = readFileSync(join(repo, '.orchestrator/metrics/sessions.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(1);
    expect(validateSession(JSON.parse(lines[0] as string)).ok).toBe(true);
    expect(existsSync(join(repo, '.orchestrator/session.lock'))).toBe(false);
    const check = await replayCheck(repo);
    expect(check.stdout).toContain('every projection matches');
    expect(check.code).toBe(0);
  });

  it('records an empty wave as skipped', async () => {
    const repo = makeRepo();
    writePlan(
      repo,
      THREE_WAVES.replace('      - { id: m-1, task: Map the code, files: [] }\n', '').replace(
        '  - role: Discovery\n    tasks:\n',
        '  - role: Discovery\n    tasks: []\n',
      ),
    );
    const r = await wave(['run', 'plan.yaml', '--allow-dirty'], { cwd: repo });
    expect(r.code).toBe(0);
    expect(readLog(repo).find((e) => e.type === 'wave.skipped')?.data).toEqual({
      wave: 1,
      role: 'Discovery',
      reason: 'no tasks',
    });
    expect(readFileSync(join(repo, '.claude/STATE.md'), 'utf8')).toContain(
      '### Wave 1 — Discovery (skipped, no tasks)',
    );
    expect((await replayCheck(repo)).code).toBe(0);
  });

  it('carries a partial forward with its REMAINING text (exit 1 when still partial at the end)', async () => {
    const repo = makeRepo();
    writePlan(repo, THREE_WAVES);
    const r = await wave(['run', 'plan.yaml', '--allow-dirty'], {
      cwd: repo,
      env: { SCRIPTED_AGENT_MODE_M_2: 'partial', SCRIPTED_AGENT_REMAINING: 'edge cases' },
    });
    expect(r.code).toBe(1);
    const log = readLog(repo);
    const carried = log.find(
      (e) =>
        e.type === 'agent.dispatched' && e.data.taskId === 'm-2' && e.data.reason === 'carryover',
    );
    expect(carried?.data).toMatchObject({ wave: 3, attempt: 2 });
    expect(
      log.some(
        (e) =>
          e.type === 'deviation.recorded' &&
          e.data.code === 'carried-over' &&
          (e.data.params as { taskId?: string }).taskId === 'm-2' &&
          (e.data.params as { status?: string }).status === 'partial',
      ),
    ).toBe(true);
    expect(log.at(-1)).toMatchObject({ type: 'session.completed', data: { outcome: 'carryover' } });
    expect((await replayCheck(repo)).code).toBe(0);
  });

  it('turns a failed agent into a fix task in the next wave', async () => {
    const repo = makeRepo();
    writePlan(repo, THREE_WAVES);
    const r = await wave(['run', 'plan.yaml', '--allow-dirty'], {
      cwd: repo,
      env: { SCRIPTED_AGENT_MODE_M_3: 'failed' },
    });
    expect(r.code).toBe(1);
    const fix = readLog(repo).find(
      (e) => e.type === 'agent.dispatched' && e.data.taskId === 'm-3' && e.data.reason === 'fix',
    );
    expect(fix?.data).toMatchObject({ wave: 3 });
    expect(readFileSync(join(repo, '.claude/STATE.md'), 'utf8')).toContain('## What Not To Retry');
    expect((await replayCheck(repo)).code).toBe(0);
  });

  it('records a crashed agent and carries its task as a fix', async () => {
    const repo = makeRepo();
    writePlan(repo, THREE_WAVES);
    const r = await wave(['run', 'plan.yaml', '--allow-dirty'], {
      cwd: repo,
      env: { SCRIPTED_AGENT_MODE_M_2: 'crash' },
    });
    expect(r.code).toBe(1);
    const log = readLog(repo);
    expect(log.filter((e) => e.type === 'agent.crashed').length).toBeGreaterThanOrEqual(1);
    expect(
      log.some(
        (e) => e.type === 'agent.dispatched' && e.data.taskId === 'm-2' && e.data.reason === 'fix',
      ),
    ).toBe(true);
    expect((await replayCheck(repo)).code).toBe(0);
  });

  it('kills an agent that hangs past its timeout', async () => {
    const repo = makeRepo();
    writePlan(repo, THREE_WAVES.replace('runners:', 'runners:') + '', 'plan.yaml');
    const plan = readFileSync(join(repo, 'plan.yaml'), 'utf8').replace(
      'format: claude-stream-json }',
      'format: claude-stream-json, timeout-ms: 1500 }',
    );
    writeFileSync(join(repo, 'plan.yaml'), plan);
    const started = Date.now();
    const r = await wave(['run', 'plan.yaml', '--allow-dirty'], {
      cwd: repo,
      env: { SCRIPTED_AGENT_MODE_M_4: 'hang' },
    });
    expect(r.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(readLog(repo).find((e) => e.type === 'agent.timed_out')?.data).toMatchObject({
      timeoutMs: 1500,
    });
    expect((await replayCheck(repo)).code).toBe(0);
  });

  it('rejects a dirty tree (exit 2) and an invalid plan (exit 2) without writing anything', async () => {
    const repo = makeRepo();
    writePlan(repo, THREE_WAVES);
    const dirty = await wave(['run', 'plan.yaml'], { cwd: repo });
    expect(dirty.code).toBe(2);
    expect(dirty.stderr).toContain('uncommitted changes');
    writePlan(repo, THREE_WAVES.replace('type: feature', 'type: bogus'));
    const bad = await wave(['run', 'plan.yaml', '--allow-dirty'], { cwd: repo });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/plan\.yaml:\d+:\d+: session\.type: /);
    expect(existsSync(join(repo, '.orchestrator'))).toBe(false);
    expect(existsSync(join(repo, '.claude'))).toBe(false);
  });
});
