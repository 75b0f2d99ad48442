import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResolvedPlanSchema } from '../../src/domain/plan.schema.js';
import { allProjections } from '../../src/projections/all.projections.js';
import type { Projection } from '../../src/projections/projection.js';
import { createWaveExecutor } from '../../src/runtime.js';
import { SCRIPTED_AGENT, makeRepo } from '../support/git-repo.js';

const plan = ResolvedPlanSchema.parse({
  session: { type: 'feature', intent: 'Add a greeting module' },
  config: { qualityGates: [{ name: 'test', argv: ['node', '-e', 'process.exit(0)'] }] },
  runners: {
    default: { kind: 'command', argv: ['node', SCRIPTED_AGENT], format: 'claude-stream-json' },
  },
  waves: [{ wave: 1, role: 'Impl-Core', tasks: [{ id: 'm-1', task: 'Write greet', files: [] }] }],
});

/** One line per session in `.orchestrator/metrics/ledger.txt`, in a form that depends on `version`. */
function ledger(version: number): Projection<unknown> {
  const p: Projection<{ session: string | null; agents: number }> = {
    name: 'ledger',
    version,
    handles: ['session.started', 'agent.dispatched'],
    init: () => ({ session: null, agents: 0 }),
    evolve: (v, e) =>
      e.type === 'session.started'
        ? { session: e.session, agents: 0 }
        : { ...v, agents: v.agents + 1 },
    render: (v) =>
      v.session === null
        ? []
        : [
            {
              kind: 'owned-lines',
              path: '.orchestrator/metrics/ledger.txt',
              owns: (line) => line.startsWith(`${v.session as string} `),
              lines: [`${v.session} ledger-v${version} agents=${v.agents}`],
            },
          ],
  };
  return p;
}

describe('projection versions across sessions (real sessions, real files)', () => {
  it('given a session whose files version 1 of a projection wrote, when a later session runs version 2, then the earlier session lines are rebuilt by version 2', async () => {
    const repo = makeRepo();
    const first = await createWaveExecutor({
      plan,
      repo,
      projections: [...allProjections(), ledger(1)],
    });
    expect((await first.run()).exitCode).toBe(0);
    const manifest = join(repo, '.orchestrator/projections.json');
    expect(JSON.parse(readFileSync(manifest, 'utf8'))).toMatchObject({
      projections: { ledger: 1, 'state-md': 1 },
    });

    const second = await createWaveExecutor({
      plan,
      repo,
      projections: [...allProjections(), ledger(2)],
    });
    expect((await second.run()).exitCode).toBe(0);

    const lines = readFileSync(join(repo, '.orchestrator/metrics/ledger.txt'), 'utf8')
      .trim()
      .split('\n');
    expect(lines).toEqual([
      `${first.sessionId} ledger-v2 agents=1`,
      `${second.sessionId} ledger-v2 agents=1`,
    ]);
    expect(JSON.parse(readFileSync(manifest, 'utf8'))).toMatchObject({
      projections: { ledger: 2 },
    });
  });
});
