/** `supervision:` in the Session Config and in a plan's `config:`, resolved into the plan. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSessionConfig } from '../../../src/adapters/config/session-config.parser.js';
import { loadPlan } from '../../../src/adapters/plan/load-plan.js';
import { supervisionPolicy } from '../../../src/domain/supervision/supervision-policy.js';

let repo: string;
beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'wave-supervision-'));
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

const PLAN = `session: { type: feature, intent: Ship it }
waves:
  - role: Impl-Core
    tasks: [{ id: m-1, task: Build }]
`;
const write = (name: string, text: string): string => {
  const file = join(repo, name);
  writeFileSync(file, text);
  return file;
};

describe('supervision in the Session Config', () => {
  it('given the block, when parsed, then every key is read', () => {
    const r = parseSessionConfig(
      '## Session Config\n\nwaves: 5\nsupervision:\n  on-loop: observe\n  spiral-rule: reference\n  silence-seconds: 90\n',
      'CLAUDE.md',
    );
    expect(r.issues).toEqual([]);
    expect(r.config.supervision).toEqual({
      onLoop: 'observe',
      spiralRule: 'reference',
      silenceSeconds: 90,
    });
  });

  it('given bad values, then one issue each naming file, line, column and key', () => {
    const r = parseSessionConfig(
      '## Session Config\n\nsupervision:\n  on-loop: halt\n  spiral-rule: strict\n  silence-seconds: 0\n  sleep: 3\n',
      'CLAUDE.md',
    );
    expect(r.issues).toEqual([
      {
        file: 'CLAUDE.md',
        line: 4,
        column: 12,
        path: 'supervision.on-loop',
        message: 'must be one of observe, stop; got "halt"',
      },
      {
        file: 'CLAUDE.md',
        line: 5,
        column: 16,
        path: 'supervision.spiral-rule',
        message: 'must be one of default, reference; got "strict"',
      },
      {
        file: 'CLAUDE.md',
        line: 6,
        column: 20,
        path: 'supervision.silence-seconds',
        message: 'must be a positive integer; got "0"',
      },
      {
        file: 'CLAUDE.md',
        line: 7,
        column: 10,
        path: 'supervision.sleep',
        message: 'unknown key (expected on-loop, spiral-rule or silence-seconds)',
      },
    ]);
  });
});

describe('supervision resolved into the plan', () => {
  it('given nothing configured, then no supervision key and the defaults apply (stop, default)', async () => {
    const plan = await loadPlan({ planPath: write('plan.yaml', PLAN), repo });
    expect(plan.config.supervision).toBeUndefined();
    expect(plan.config.agentSilenceMs).toBeUndefined();
    expect(supervisionPolicy(plan.config)).toEqual({ onLoop: 'stop', spiralRule: 'default' });
  });

  it('given the repository config and a plan config, then the plan wins key by key', async () => {
    write(
      'CLAUDE.md',
      '## Session Config\n\nsupervision:\n  on-loop: observe\n  spiral-rule: reference\n  silence-seconds: 120\n',
    );
    const repoOnly = await loadPlan({ planPath: write('plan.yaml', PLAN), repo });
    expect(repoOnly.config.supervision).toEqual({ onLoop: 'observe', spiralRule: 'reference' });
    expect(repoOnly.config.agentSilenceMs).toBe(120_000);
    const planned = await loadPlan({
      planPath: write(
        'plan2.yaml',
        `${PLAN}config:\n  supervision: { spiral-rule: default, silence-seconds: 30 }\n`,
      ),
      repo,
    });
    expect(planned.config.supervision).toEqual({ onLoop: 'observe', spiralRule: 'default' });
    expect(planned.config.agentSilenceMs).toBe(30_000);
    expect(supervisionPolicy(planned.config)).toEqual({ onLoop: 'observe', spiralRule: 'default' });
  });

  it('given a bad plan value, then the plan is rejected naming the key', async () => {
    await expect(
      loadPlan({
        planPath: write('plan.yaml', `${PLAN}config:\n  supervision: { on-loop: halt }\n`),
        repo,
      }),
    ).rejects.toThrow(/config\.supervision\.on-loop/);
  });
});
