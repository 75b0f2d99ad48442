/**
 * Hostile plans (issue 8, items 8 and 10): scopes that leave the repository or reach into .git or
 * wave-executor's own state are refused; an oversized or absurdly nested plan is refused before
 * it is parsed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssues } from '../../../src/adapters/plan/issue-list.js';
import { validatePlanFile } from '../../../src/adapters/plan/load-plan.js';
import { MAX_PLAN_DEPTH } from '../../../src/adapters/plan/plan-limits.js';

async function validate(text: string, name = 'plan.yaml'): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'wave-plan-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  const r = await validatePlanFile(file, dir);
  return r.ok ? 'ok' : formatIssues(r.issues).replaceAll(`${file}:`, `${name}:`);
}

const plan = (scope: string) => `session: { type: feature, intent: Scopes }
waves:
  - role: Impl-Core
    tasks:
      - { id: m-1, task: Edit, files: [${JSON.stringify(scope)}] }
`;

describe('hostile plans', () => {
  it.each([
    ['~/.ssh/authorized_keys', 'starts with "~" (a home directory)'],
    ['/home/me/.bashrc', 'is absolute'],
    ['.git/hooks/pre-commit', 'is inside .git/ (hooks, config)'],
    ['./.git/config', 'is inside .git/ (hooks, config)'],
    ['.orchestrator/log/x.jsonl', "is inside .orchestrator/ (wave-executor's own log and state)"],
    ['src/../../etc', 'contains a ".." segment'],
  ])('refuses the scope %s', async (scope, why) => {
    const out = await validate(plan(scope));
    expect(out).toContain(
      `plan.yaml:5:40: waves[0].tasks[0].files[0]: file scope ${JSON.stringify(scope)} ${why}`,
    );
  });

  it('accepts ordinary scopes, dot-directories included', async () => {
    expect(await validate(plan('.github/workflows/ci.yml'))).toBe('ok');
    expect(await validate(plan('src/.gitkeep'))).toBe('ok');
  });

  it('a 2 MB plan of nested brackets is refused before parsing (size)', async () => {
    const out = await validate(`x: ${'['.repeat(2 * 1024 * 1024)}`);
    expect(out).toBe(
      'plan.yaml: the plan is 2097155 bytes; a plan file may have at most 1048576 bytes',
    );
  });

  it('a small plan nested past the depth limit is refused with its position (YAML and JSON)', async () => {
    const deep = `${'['.repeat(MAX_PLAN_DEPTH + 1)}${']'.repeat(MAX_PLAN_DEPTH + 1)}`;
    expect(await validate(`session: ${deep}\n`)).toBe(
      `plan.yaml:1:${10 + MAX_PLAN_DEPTH}: collections nest deeper than ${MAX_PLAN_DEPTH} levels; a plan is not that deep`,
    );
    expect(
      await validate(`{"a": ${'{"b": '.repeat(100)}1${'}'.repeat(101)}`, 'plan.json'),
    ).toContain('collections nest deeper than 64 levels');
  });

  it('brackets inside strings and comments, and an apostrophe, do not count', async () => {
    const text = `${plan('src/a.ts').replace('task: Edit', `task: "${'['.repeat(200)}"`)}# ${'{'.repeat(200)}\n`;
    const block = text.replace(
      'session: { type: feature, intent: Scopes }',
      "session:\n  type: feature\n  intent: don't [break] it",
    );
    expect(await validate(block)).toBe('ok');
  });
});
