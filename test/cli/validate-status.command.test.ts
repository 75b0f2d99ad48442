import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo } from '../support/git-repo.js';
import { wave, writePlan } from '../support/wave-cli.js';

const PLAN = `session:
  type: feature
  intent: Add a greeting module
waves:
  - role: Impl-Core
    tasks:
      - { id: m-1, task: Write greet, files: [src/greet.js] }
`;

describe('wave validate and wave status (built CLI)', () => {
  it('validate: exit 0 and a one-line summary for a valid plan', async () => {
    const repo = makeRepo();
    writePlan(repo, PLAN);
    const r = await wave(['validate', 'plan.yaml'], { cwd: repo });
    expect(r.code).toBe(0);
    const [summary, ...programs] = r.stdout.trimEnd().split('\n');
    expect(summary).toBe('plan.yaml: valid — feature session, 1 waves, 1 tasks, 0 quality gate(s)');
    // The preflight: each program the plan starts, where it resolved and its version.
    expect(programs).toEqual([`  runner default: node → ${process.execPath} (${process.version})`]);
  });

  it('validate: exit 2 with one located message per problem', async () => {
    const repo = makeRepo();
    writeFileSync(
      join(repo, 'plan.yaml'),
      `session:\n  type: feature\n  intent: x\n  colour: blue\nwaves:\n  - role: Impl-Core\n    tasks:\n      - { id: m-1, task: a, files: [../etc/passwd] }\n      - { id: m-1, task: b, runner: nope }\n`,
    );
    const r = await wave(['validate', 'plan.yaml'], { cwd: repo });
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^wave validate: \d+ problem\(s\); nothing was run$/);
    expect(r.stderr).toMatch(/plan\.yaml:4:3: session(\.colour)?: /);
    expect(r.stderr).toMatch(/plan\.yaml:8:\d+: waves\[0\]\.tasks\[0\]\.files\[0\]: /);
    expect(r.stderr).toMatch(/plan\.yaml:9:\d+: waves\[0\]\.tasks\[1\]\.id: /);
    expect(r.stderr).toMatch(/plan\.yaml:9:\d+: waves\[0\]\.tasks\[1\]\.runner: /);
  });

  it('status: says there is no session, then shows the finished one (text and --json)', async () => {
    const repo = makeRepo();
    const none = await wave(['status'], { cwd: repo });
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('no session in');
    writePlan(repo, PLAN);
    expect((await wave(['run', 'plan.yaml', '--allow-dirty'], { cwd: repo })).code).toBe(0);
    const text = await wave(['status'], { cwd: repo });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/state: completed \(success\)/);
    expect(text.stdout).toContain('missions: m-1 completed');
    const json = await wave(['status', '--json'], { cwd: repo });
    const parsed = JSON.parse(json.stdout) as {
      state: string;
      missions: Record<string, string>;
      waves: unknown[];
    };
    expect(parsed.state).toBe('completed');
    expect(parsed.missions).toEqual({ 'm-1': 'completed' });
    expect(parsed.waves).toHaveLength(1);
  });
});
