import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResolvedPlanSchema } from '../../src/domain/plan.schema.js';
import { createWaveExecutor } from '../../src/runtime.js';
import { SCRIPTED_AGENT, makeRepo } from '../support/git-repo.js';

// Outside the repository: a file the agent writes outside its scope would be reverted.
const PROMPT_OUT = join(mkdtempSync(join(tmpdir(), 'wave-prompt-')), 'prompt-m-4.txt');

function plan(extra: Record<string, unknown> = {}) {
  return ResolvedPlanSchema.parse({
    session: { type: 'feature', intent: 'Add a greeting module' },
    config: { qualityGates: [{ name: 'test', argv: ['node', '-e', 'process.exit(0)'] }] },
    runners: {
      default: { kind: 'command', argv: ['node', SCRIPTED_AGENT], format: 'claude-stream-json' },
      keep: {
        kind: 'command',
        argv: ['node', SCRIPTED_AGENT, '--prompt-out', PROMPT_OUT],
        format: 'claude-stream-json',
      },
    },
    waves: [
      { wave: 1, role: 'Discovery', tasks: [{ id: 'm-1', task: 'Map the code', files: [] }] },
      {
        wave: 2,
        role: 'Impl-Core',
        tasks: [
          { id: 'm-2', task: 'Write greet', files: ['src/greet.js'] },
          { id: 'm-3', task: 'Test greet', files: ['test/greet.test.js'] },
        ],
      },
      {
        wave: 3,
        role: 'Quality',
        tasks: [{ id: 'm-4', task: 'Review greet', files: ['src/greet.js'], runner: 'keep' }],
      },
    ],
    ...extra,
  });
}

describe('runtime (library API, real processes, real git)', () => {
  it('runs a clean 3-wave session', async () => {
    const repo = makeRepo();
    const executor = await createWaveExecutor({ plan: plan(), repo });
    const outcome = await executor.run();
    expect(outcome).toMatchObject({ exitCode: 0, outcome: 'success' });
    const state = readFileSync(join(repo, '.claude/STATE.md'), 'utf8');
    expect(state).toContain('status: completed');
    expect(readFileSync(join(repo, '.orchestrator/metrics/sessions.jsonl'), 'utf8')).toContain(
      '"session_type":"feature"',
    );
    expect(existsSync(join(repo, '.orchestrator/session.lock'))).toBe(false);
    expect(readFileSync(join(repo, 'src/greet.js'), 'utf8').length).toBeGreaterThan(0);
    // Every agent's prompt is a pure function of the log; its hash is logged on agent.started.
    const log = readFileSync(outcome.logPath as string, 'utf8')
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as { type: string; causation?: number; data: { promptSha256?: string } },
      );
    // Every actor report names the event that asked for it.
    for (const e of log.filter(
      (x) => x.type.startsWith('agent.') && x.type !== 'agent.dispatched',
    )) {
      expect(e.causation, e.type).toBeGreaterThan(0);
    }
    const started = log.filter((e) => e.type === 'agent.started');
    expect(started).toHaveLength(4);
    for (const e of started) expect(e.data.promptSha256).toMatch(/^[0-9a-f]{64}$/);
    const prompt = readFileSync(PROMPT_OUT, 'utf8');
    expect(prompt).toContain('STATUS REPORTING');
    expect(started.map((e) => e.data.promptSha256)).toContain(
      createHash('sha256').update(prompt).digest('hex'),
    );
  });
});
