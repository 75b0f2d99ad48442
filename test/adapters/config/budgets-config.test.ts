/**
 * `budgets:`, `prices:` and `vcs:` in both places a session's config comes from: the repository's
 * `## Session Config` (CLAUDE.md) and the plan's `config:`. The plan wins per scope and metric;
 * every bad key or value is one issue naming file, line, column and key path.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPlan, validatePlanFile } from '../../../src/adapters/plan/load-plan.js';
import { formatIssues } from '../../../src/adapters/plan/issue-list.js';
import { parseSessionConfig } from '../../../src/adapters/config/session-config.parser.js';

let repo: string;
beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'wave-budgets-'));
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

const write = (name: string, text: string): string => {
  const file = join(repo, name);
  writeFileSync(file, text);
  return file;
};

const CLAUDE_MD = `# Project

## Session Config

- **persistence:** true
vcs: github
budgets:
  session: { usd: 20, minutes: 120 }   # whole session
  agent:
    tokens: 500000
    usd: 2.5
prices:
  claude-sonnet-4-5: { input-per-mtok: 3, output-per-mtok: 15 }
  gpt-5-codex:
    input-per-mtok: 1.25
    output-per-mtok: 10

## Other
`;

const PLAN = `session: { type: feature, intent: Ship it }
config:
  budgets: { agent: { tokens: 100000 }, wave: { minutes: 30 } }
  prices: { gpt-5-codex: { input-per-mtok: 2, output-per-mtok: 12 } }
waves:
  - role: Impl-Core
    tasks: [{ id: m-1, task: Build }]
`;

describe('Session Config (CLAUDE.md): budgets, prices, vcs', () => {
  it('reads inline and block entries', () => {
    const r = parseSessionConfig(CLAUDE_MD, 'CLAUDE.md');
    expect(r.issues).toEqual([]);
    expect(r.config.vcs).toBe('github');
    expect(r.config.budgets).toEqual({
      session: { usd: 20, minutes: 120 },
      agent: { tokens: 500000, usd: 2.5 },
    });
    expect(r.config.prices).toEqual({
      'claude-sonnet-4-5': { inputPerMtok: 3, outputPerMtok: 15 },
      'gpt-5-codex': { inputPerMtok: 1.25, outputPerMtok: 10 },
    });
  });

  it('names line, column and key of every bad entry', () => {
    const text = `## Session Config
vcs: bitbucket
budgets:
  sesion: { usd: 1 }
  agent: { tokens: 1.5, dollars: 3 }
  wave:
    minutes: 0
prices:
  m1: { input-per-mtok: -1 }
`;
    expect(formatIssues(parseSessionConfig(text, 'CLAUDE.md').issues)).toBe(
      [
        'CLAUDE.md:2:6: vcs: must be one of github, gitlab; got "bitbucket"',
        'CLAUDE.md:4:3: budgets.sesion: unknown budget scope; expected one of session, wave, agent',
        'CLAUDE.md:5:20: budgets.agent.tokens: must be a positive integer; got "1.5"',
        'CLAUDE.md:5:25: budgets.agent.dollars: unknown budget metric; expected one of tokens, usd, minutes',
        'CLAUDE.md:7:14: budgets.wave.minutes: must be a positive number; got "0"',
        'CLAUDE.md:9:3: prices.m1.output-per-mtok: is required',
        'CLAUDE.md:9:25: prices.m1.input-per-mtok: must be a number ≥ 0; got "-1"',
      ].join('\n'),
    );
  });
});

describe('plan config: budgets and prices over the repository', () => {
  it('merges per scope and metric, the plan winning; prices per model', async () => {
    write('CLAUDE.md', CLAUDE_MD);
    const plan = await loadPlan({ planPath: write('plan.yaml', PLAN), repo });
    expect(plan.config.budgets).toEqual({
      session: { usd: 20, minutes: 120 },
      wave: { minutes: 30 },
      agent: { tokens: 100000, usd: 2.5 },
    });
    expect(plan.config.prices).toEqual({
      'claude-sonnet-4-5': { inputPerMtok: 3, outputPerMtok: 15 },
      'gpt-5-codex': { inputPerMtok: 2, outputPerMtok: 12 },
    });
    expect(plan.config.vcs).toBe('github');
  });

  it('without any, the resolved plan has no budgets, prices or vcs keys', async () => {
    const plan = await loadPlan({
      planPath: write('plan.yaml', PLAN.replace(/config:\n {2}budgets.*\n {2}prices.*\n/, '')),
      repo,
    });
    expect(plan.config).not.toHaveProperty('budgets');
    expect(plan.config).not.toHaveProperty('prices');
    expect(plan.config).not.toHaveProperty('vcs');
  });

  it('rejects a misspelt metric and a bad value with their plan positions', async () => {
    const planPath = write(
      'plan.yaml',
      PLAN.replace('{ tokens: 100000 }', '{ tokenz: 100000 }').replace(
        'output-per-mtok: 12',
        'output-per-mtok: "12"',
      ),
    );
    const result = await validatePlanFile(planPath, repo);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = formatIssues(result.issues);
    expect(text).toContain(
      `${planPath}:3:23: config.budgets.agent.tokenz: unknown key "tokenz" (did you mean "tokens"?)`,
    );
    expect(text).toMatch(
      /plan\.yaml:4:64: config\.prices\.gpt-5-codex\.output-per-mtok: must be a number ≥ 0; got "12"/,
    );
  });
});
