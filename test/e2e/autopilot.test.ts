/**
 * `wave autopilot` end to end (built CLI, temp git repos, scripted agent processes): sessions one
 * after another, each session record stamped with `autopilot_run_id`, the run's own log under
 * `.orchestrator/log/autopilot/`, its state record in `.orchestrator/metrics/autopilot.jsonl`, and
 * each kill switch that a real session can trip, given/when/then.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSession } from '../../src/formats/validate-session.js';
import { SCRIPTED_AGENT, makeRepo } from '../support/git-repo.js';
import { wave } from '../support/wave-cli.js';
import { writeFileSync } from 'node:fs';

/** A one-wave plan whose tasks run the scripted agent in `mode`. */
function plan(repo: string, name: string, ids: string[], mode = 'done'): string {
  const tasks = ids.map((id) => `      - { id: ${id}, task: Task ${id}, files: [src/${id}.js] }`);
  const text = `session: { type: feature, intent: Autopilot ${name} }
runners:
  default: { kind: command, argv: [node, ${JSON.stringify(SCRIPTED_AGENT)}, --mode, ${mode}], format: claude-stream-json }
waves:
  - role: Impl-Core
    tasks:
${tasks.join('\n')}
`;
  writeFileSync(join(repo, name), text);
  return name;
}

const jsonl = (path: string): Record<string, unknown>[] =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

function autopilotLog(repo: string): Record<string, unknown>[] {
  const dir = join(repo, '.orchestrator/log/autopilot');
  const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
  expect(files).toHaveLength(1);
  return jsonl(join(dir, files[0] as string));
}

const stateRecord = (repo: string) => jsonl(join(repo, '.orchestrator/metrics/autopilot.jsonl'));
const sessions = (repo: string) => jsonl(join(repo, '.orchestrator/metrics/sessions.jsonl'));

describe('wave autopilot', () => {
  it('given two good plans, when run, then both sessions run, are stamped, and it exits 0', async () => {
    const repo = makeRepo();
    const a = plan(repo, 'a.yaml', ['m-1']);
    const b = plan(repo, 'b.yaml', ['m-2']);
    const r = await wave(['autopilot', a, b, '--allow-dirty'], { cwd: repo });
    expect(r.stderr).not.toContain('unexpected error');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/autopilot .*-autopilot: 2 session\(s\), \d+ tokens; every plan ran/);
    const records = sessions(repo);
    expect(records).toHaveLength(2);
    const runId = records[0]?.autopilot_run_id as string;
    expect(runId).toMatch(/^main-\d{4}-\d{2}-\d{2}-\d{4}-autopilot$/);
    for (const rec of records) {
      expect(rec.autopilot_run_id).toBe(runId);
      expect(validateSession(rec).ok).toBe(true);
    }
    expect(autopilotLog(repo).map((e) => e.type)).toEqual([
      'autopilot.started',
      'autopilot.session_finished',
      'autopilot.session_finished',
      'autopilot.completed',
    ]);
    expect(stateRecord(repo)).toEqual([
      expect.objectContaining({
        autopilot_run_id: runId,
        iterations_completed: 2,
        kill_switch: null,
        sessions: records.map((s) => s.session_id),
      }),
    ]);
  });

  it('given --max-sessions 1 and two plans, stops before the second: max-sessions-reached, exit 3', async () => {
    const repo = makeRepo();
    const r = await wave(
      [
        'autopilot',
        plan(repo, 'a.yaml', ['m-1']),
        plan(repo, 'b.yaml', ['m-2']),
        '--max-sessions',
        '1',
        '--allow-dirty',
      ],
      { cwd: repo },
    );
    expect(r.code).toBe(3);
    expect(r.stdout).toContain(
      'kill switch max-sessions-reached: iterations_completed=1 >= max-sessions=1',
    );
    expect(sessions(repo)).toHaveLength(1);
    const trip = autopilotLog(repo).find((e) => e.type === 'autopilot.kill_switch');
    expect(trip?.data).toMatchObject({
      switch: 'max-sessions-reached',
      phase: 'before',
      iteration: 1,
    });
    expect(stateRecord(repo)[0]).toMatchObject({
      kill_switch: 'max-sessions-reached',
      iterations_completed: 1,
    });
  });

  it('given a token budget the first session uses up, stops before the second: token-budget-exceeded', async () => {
    const repo = makeRepo();
    const r = await wave(
      [
        'autopilot',
        plan(repo, 'a.yaml', ['m-1']),
        plan(repo, 'b.yaml', ['m-2']),
        '--token-budget',
        '1',
        '--allow-dirty',
      ],
      { cwd: repo },
    );
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(
      /kill switch token-budget-exceeded: cumulative_tokens=\d+ >= max-tokens=1/,
    );
    expect(sessions(repo)).toHaveLength(1);
    const finished = autopilotLog(repo).find((e) => e.type === 'autopilot.session_finished');
    expect((finished?.data as { tokens: number }).tokens).toBeGreaterThan(0);
  });

  it('given a session with a failed agent, stops after it: failed-wave, the next plan never runs', async () => {
    const repo = makeRepo();
    const r = await wave(
      [
        'autopilot',
        plan(repo, 'a.yaml', ['m-1'], 'failed'),
        plan(repo, 'b.yaml', ['m-2']),
        '--allow-dirty',
      ],
      { cwd: repo },
    );
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('kill switch failed-wave: agent_summary.failed=1 > 0');
    expect(sessions(repo)).toHaveLength(1);
    const trip = autopilotLog(repo).find((e) => e.type === 'autopilot.kill_switch');
    expect(trip?.data).toMatchObject({ switch: 'failed-wave', phase: 'after', iteration: 1 });
  });

  it('given a session that carries most of its work over, stops: carryover-too-high', async () => {
    const repo = makeRepo();
    const r = await wave(
      [
        'autopilot',
        plan(repo, 'a.yaml', ['m-1', 'm-2'], 'partial'),
        plan(repo, 'b.yaml', ['m-3']),
        '--allow-dirty',
      ],
      { cwd: repo },
    );
    expect(r.code).toBe(3);
    expect(r.stdout).toContain(
      'kill switch carryover-too-high: carryover/planned=1 > threshold=0.5 (carryover=2, planned=2)',
    );
    expect(sessions(repo)).toHaveLength(1);
  });

  it('rejects a bad plan before any session starts (exit 2, nothing written) and bad numbers (exit 2)', async () => {
    const repo = makeRepo();
    writeFileSync(join(repo, 'bad.yaml'), 'session: { type: feature }\nwaves: []\n');
    const r = await wave(
      ['autopilot', plan(repo, 'a.yaml', ['m-1']), 'bad.yaml', '--allow-dirty'],
      { cwd: repo },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.yaml');
    expect(readdirSync(repo)).not.toContain('.orchestrator');
    const n = await wave(['autopilot', 'a.yaml', '--max-hours', 'soon'], { cwd: repo });
    expect(n.code).toBe(2);
  });
});
