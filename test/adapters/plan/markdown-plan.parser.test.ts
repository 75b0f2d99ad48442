import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssues } from '../../../src/adapters/plan/issue-list.js';
import { parseMarkdownPlan } from '../../../src/adapters/plan/markdown-plan.parser.js';
import { checkPlanDocument } from '../../../src/adapters/plan/plan-file.loader.js';
import { resolvePlan } from '../../../src/adapters/plan/resolve-plan.js';

const SAMPLE = readFileSync(
  join(import.meta.dirname, '../../fixtures/plans/session-plan.md'),
  'utf8',
);
const NO_CONFIG = { gates: {}, liteGates: {}, verificationAutoFix: {}, workerPool: {} };

function check(text: string): string {
  const raw = parseMarkdownPlan(text, 'plan.md');
  const r = raw.data === undefined ? undefined : checkPlanDocument(raw.data, 'plan.md', raw.locate);
  const issues = [...raw.issues, ...(r && !r.ok ? r.issues : [])];
  return issues.length === 0 ? 'ok' : formatIssues(issues);
}
function resolve(text: string) {
  const raw = parseMarkdownPlan(text, 'plan.md');
  const r = checkPlanDocument(raw.data, 'plan.md', raw.locate);
  if (!r.ok || raw.issues.length > 0) throw new Error(formatIssues(r.ok ? raw.issues : r.issues));
  return resolvePlan(r.plan, NO_CONFIG);
}

describe('markdown session plan', () => {
  it('reads the sample into the resolved plan', () => {
    const plan = resolve(SAMPLE);
    expect(plan.session).toEqual({
      type: 'feature',
      intent: 'Add rate limiting to the public API',
      issues: [12, 14],
      focus: 'focus on API endpoints',
    });
    expect(plan.waves.map((w) => [w.wave, w.role, w.isolation, w.collisionRisk])).toEqual([
      [1, 'Impl-Core', 'none', undefined],
      [2, 'Quality', 'worktree', 'medium'],
      [3, 'Finalization', undefined, undefined],
    ]);
    expect(plan.waves.flatMap((w) => w.tasks.map((t) => t.id))).toEqual([
      'rl-1',
      'rl-2',
      'rl-3',
      'rl-4',
      'rl-5',
    ]);
    expect(plan.waves[0]?.tasks[1]).toEqual({
      id: 'rl-2',
      task: 'Add a token-bucket middleware',
      files: ['src/middleware/rate-limit.ts', 'test/rate-limit.test.ts'],
      acceptance: 'test/rate-limit.test.ts passes',
      dependsOn: [],
      runner: 'default',
      maxTurns: 12,
      contractLock: true,
      subagentType: 'session-orchestrator:code-implementer',
    });
    expect(plan.waves[1]?.tasks[0]?.dependsOn).toEqual(['rl-2']);
    expect(plan.waves[1]?.tasks[1]?.files).toEqual([]);
    expect(plan.config).toMatchObject({
      waves: 3,
      agentsPerWave: 4,
      isolation: 'auto',
      enforcement: 'strict',
      maxTurns: 20,
      persistence: true,
    });
  });

  it('without a Mission Status block, ids are m-1, m-2 … in plan order; intent from the # heading', () => {
    const text = [
      '# Tidy the repository',
      '## Wave Plan (Session: housekeeping, 1 waves, isolation: none)',
      '### Wave 1: Impl-Core (2 agents)',
      '- Agent 1: Remove dead code → src/old/ → nothing imports it',
      '- Agent 2: Update deps → package.json → npm ci passes',
    ].join('\n');
    const plan = resolve(text);
    expect(plan.session.intent).toBe('Tidy the repository');
    expect(plan.config.isolation).toBe('none');
    expect(plan.waves[0]?.tasks.map((t) => t.id)).toEqual(['m-1', 'm-2']);
  });

  it('no Wave Plan heading', () => {
    expect(check('# Notes\n\nNothing to run.\n')).toBe(
      'plan.md:1:1: no "## Wave Plan (Session: <type>, …)" heading: not a session plan',
    );
  });

  it('unknown role and session type, at their columns', () => {
    const text =
      '## Wave Plan (Session: epic)\nIntent: x\n### Wave 1: Research (1 agent)\n- Agent 1: a → b → c\n';
    expect(check(text)).toBe(
      [
        'plan.md:1:24: session.type: must be one of housekeeping, feature, deep; got "epic"',
        'plan.md:3:13: waves[0].role: must be one of Discovery, Impl-Core, Impl-Polish, Quality, Finalization, Docs; got "Research"',
      ].join('\n'),
    );
  });

  it('an agent line without its three fields', () => {
    const text =
      '## Wave Plan (Session: feature)\nIntent: x\n### Wave 1: Impl-Core\n- Agent 1: just a task\n';
    expect(check(text)).toBe(
      'plan.md:4:1: waves[0].tasks[0]: expected "- Agent <m>: <task> → <files> → <acceptance>"',
    );
  });

  it('bad Execution Config values and ../ scopes, at their positions', () => {
    const text = [
      '## Wave Plan (Session: feature)',
      'Intent: x',
      '### Wave 1: Impl-Core',
      '- Agent 1: a → src/ok.ts, ../x → done',
      '### Execution Config',
      '- Waves: 3 | Agents-per-wave cap: 1 | Isolation: docker',
    ].join('\n');
    expect(check(text)).toBe(
      [
        'plan.md:4:27: waves[0].tasks[0].files[1]: file scope "../x" contains a ".." segment; scopes must stay inside the repository',
        'plan.md:6:35: config.agents-per-wave: must be an integer ≥ 2; got 1',
        'plan.md:6:50: config.isolation: must be one of auto, worktree, none; got "docker"',
      ].join('\n'),
    );
  });

  it('Mission Status block: count mismatch, invalid id, duplicate id', () => {
    const text = [
      '## Wave Plan (Session: feature)',
      'Intent: x',
      '### Wave 1: Impl-Core',
      '- Agent 1: a → f → done',
      '- Agent 2: b → g → done',
      '### Wave 2: Quality',
      '- Agent 1: c → h → done',
      '### Wave-Plan Mission Status (machine-readable)',
      '```yaml',
      'mission-status:',
      '  - {id: m-1, wave: 1}',
      '  - {id: M2, wave: 1}',
      '  - {id: m-1, wave: 2}',
      '  - {id: m-4, wave: 2}',
      '```',
    ].join('\n');
    expect(check(text)).toBe(
      [
        'plan.md:9:1: the Mission Status block lists 2 mission(s) for wave 2; the wave has 1 agent(s)',
        'plan.md:12:10: waves[0].tasks[1].id: invalid mission id "M2": must match ^[a-z][a-z0-9]*(-[a-z0-9]+)*-\\d+$ (e.g. m-1)',
        'plan.md:13:10: waves[1].tasks[0].id: duplicate task id "m-1" (first used at waves[0].tasks[0])',
      ].join('\n'),
    );
  });
});
