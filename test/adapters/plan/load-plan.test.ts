import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPlan, validatePlanFile } from '../../../src/adapters/plan/load-plan.js';
import { formatIssues } from '../../../src/adapters/plan/issue-list.js';
import { ConfigError, PlanError } from '../../../src/errors.js';

let repo: string;
beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'wave-plan-'));
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

const PLAN = `session:
  type: deep
  intent: Ship it
waves:
  - role: Impl-Core
    tasks:
      - id: m-1
        task: Build
`;
function write(name: string, text: string): string {
  const file = join(repo, name);
  writeFileSync(file, text);
  return file;
}

describe('loadPlan: precedence', () => {
  it('defaults when the repository has no Session Config; no gates without commands', async () => {
    const plan = await loadPlan({ planPath: write('plan.yaml', PLAN), repo });
    expect(plan.config).toEqual({
      persistence: true,
      enforcement: 'warn',
      isolation: 'auto',
      agentsPerWave: 6,
      waves: 5,
      maxTurns: 'auto',
      qualityGates: [],
      verificationAutoFix: { enabled: false, maxRetries: 2 },
      workerPool: { drainTimeoutMs: 10000 },
      groundingCheck: true,
      resumePolicy: 'redispatch',
    });
    expect(plan.runners).toEqual({ default: { kind: 'claude', args: [], env: {} } });
    expect(plan.waves[0]?.tasks[0]).toEqual({
      id: 'm-1',
      task: 'Build',
      files: [],
      acceptance: '',
      dependsOn: [],
      runner: 'default',
      contractLock: false,
    });
  });

  it('repo Session Config over defaults (override form by session type), plan config over both', async () => {
    write(
      'CLAUDE.md',
      [
        '# Repo',
        '## Session Config',
        'agents-per-wave: 6 (deep: 18)',
        'enforcement: strict',
        'isolation: none',
        'persistence: false',
        'max-turns: 30',
        'test-command: npm test',
        'lint-command: skip',
        'typecheck-command: npx tsc --noEmit',
        'verification-auto-fix:',
        '  enabled: true',
        'worker-pool:',
        '  max-parallel: 3',
      ].join('\n'),
    );
    const plan = await loadPlan({
      planPath: write('plan.yaml', PLAN + 'config:\n  isolation: worktree\n  max-turns: 9\n'),
      repo,
    });
    expect(plan.config).toMatchObject({
      agentsPerWave: 18,
      enforcement: 'strict',
      isolation: 'worktree',
      persistence: false,
      maxTurns: 9,
      verificationAutoFix: { enabled: true, maxRetries: 2 },
      workerPool: { maxParallel: 3, drainTimeoutMs: 10000 },
      qualityGates: [
        { name: 'typecheck', argv: ['npx', 'tsc', '--noEmit'] },
        { name: 'test', argv: ['npm', 'test'] },
      ],
    });
  });

  it("the plan's quality-gates replace the repository's, in the plan's order", async () => {
    write('AGENTS.md', '## Session Config\ntest-command: npm test\n');
    const plan = await loadPlan({
      planPath: write(
        'plan.yaml',
        PLAN +
          'config:\n  quality-gates:\n    test: node --test\n    lint: [sh, -c, "eslint . | tee out"]\n',
      ),
      repo,
    });
    expect(plan.config.qualityGates).toEqual([
      { name: 'test', argv: ['node', '--test'] },
      { name: 'lint', argv: ['sh', '-c', 'eslint . | tee out'] },
    ]);
  });

  it('reads AGENTS.md when CLAUDE.md has no Session Config', async () => {
    write('CLAUDE.md', '# Repo\nNo config here.\n');
    write('AGENTS.md', '## Session Config\nwaves: 4\n');
    const plan = await loadPlan({ planPath: write('plan.yaml', PLAN), repo });
    expect(plan.config.waves).toBe(4);
  });

  it('markdown plan: Execution Config beats the repo config, except persistence', async () => {
    write('CLAUDE.md', '## Session Config\nenforcement: off\npersistence: true\nmax-turns: 5\n');
    const plan = await loadPlan({
      planPath: join(import.meta.dirname, '../../fixtures/plans/session-plan.md'),
      repo,
    });
    expect(plan.config).toMatchObject({
      enforcement: 'strict',
      maxTurns: 20,
      agentsPerWave: 4,
      waves: 3,
      persistence: true,
    });
  });
});

describe('loadPlan / validatePlanFile: bad input', () => {
  it('throws PlanError with every issue; nothing is written', async () => {
    const planPath = write(
      'plan.yaml',
      PLAN.replace('type: deep', 'type: huge') + '        runner: x\n',
    );
    const before = readdirSync(repo).sort();
    const error = await loadPlan({ planPath, repo }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanError);
    expect((error as PlanError).message).toBe(
      [
        `${planPath}:2:9: session.type: must be one of housekeeping, feature, deep; got "huge"`,
        `${planPath}:9:17: waves[0].tasks[0].runner: unknown runner "x" (defined: default)`,
      ].join('\n'),
    );
    expect((error as PlanError).exitCode).toBe(2);
    expect(readdirSync(repo).sort()).toEqual(before);
  });

  it('throws ConfigError when only the Session Config is bad', async () => {
    const claude = write('CLAUDE.md', '## Session Config\n\nenforcement: loose\n');
    const error = await loadPlan({ planPath: write('plan.yaml', PLAN), repo }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      `${claude}:3:14: enforcement: must be one of strict, warn, off; got "loose"`,
    );
  });

  it('validatePlanFile lists plan issues first, then config issues', async () => {
    const claude = write('CLAUDE.md', '## Session Config\nwaves: 1\n');
    const planPath = write('plan.yaml', PLAN.replace('id: m-1', 'id: one'));
    const result = await validatePlanFile(planPath, repo);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(formatIssues(result.issues)).toBe(
      [
        `${planPath}:7:13: waves[0].tasks[0].id: invalid mission id "one": must match ^[a-z][a-z0-9]*(-[a-z0-9]+)*-\\d+$ (e.g. m-1)`,
        `${claude}:2:8: waves: must be at least 3; got 1`,
      ].join('\n'),
    );
  });

  it('validatePlanFile is ok for a valid plan', async () => {
    const result = await validatePlanFile(
      write(
        'plan.json',
        JSON.stringify({
          session: { type: 'housekeeping', intent: 'Tidy' },
          waves: [{ role: 'Finalization' }],
        }),
      ),
      repo,
    );
    expect(result).toMatchObject({
      ok: true,
      plan: {
        session: { type: 'housekeeping' },
        waves: [{ wave: 1, role: 'Finalization', tasks: [] }],
      },
    });
  });

  it('a missing plan file is one issue', async () => {
    const planPath = join(repo, 'nope.yaml');
    const result = await validatePlanFile(planPath, repo);
    expect(result).toEqual({
      ok: false,
      issues: [{ file: planPath, message: 'cannot read the plan: no such file' }],
    });
  });
});
