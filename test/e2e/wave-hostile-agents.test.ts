/**
 * Issue 8, items 1, 5 and 10 end to end: `wave run` over agents that print absurd numbers, lone
 * surrogates, or nothing at all, and over a gate that hangs. The session always reaches its end,
 * the log replays, and the limits are Session Config keys.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo } from '../support/git-repo.js';
import { logFiles, readLog, wave, writePlan } from '../support/wave-cli.js';

const HOSTILE = resolve('test/fixtures/agents/hostile-agent.mjs');

const plan = (mode: string, config = '') => `session:
  type: feature
  intent: Survive hostile agents
config:
${config || '  grounding-check: true'}
runners:
  default: { kind: command, argv: [node, ${JSON.stringify(HOSTILE)}, ${mode}], format: claude-stream-json }
waves:
  - role: Impl-Core
    tasks:
      - { id: m-1, task: Print something, files: [src/a.js] }
`;

describe('hostile agents and hung gates never wedge a session', () => {
  it('1e308 tokens, 2^53+1 num_turns (ignored), a negative cost and lone surrogates: the run completes, replay --check is clean', async () => {
    const repo = makeRepo();
    writePlan(repo, plan('absurd-usage'));
    const r = await wave(['run', 'plan.yaml', '--allow-dirty'], { cwd: repo });
    expect(r.stderr).not.toContain('unexpected error');
    expect(r.code).toBe(0);
    const log = readLog(repo);
    expect(log.find((e) => e.type === 'agent.usage')?.data).toEqual({
      agentId: 'w1-m-1-a1',
      // Turns are the distinct main-agent message ids (none here); num_turns is never read.
      turns: 0,
      rejected: ['input_tokens', 'output_tokens', 'total_cost_usd'],
    });
    expect(log.find((e) => e.type === 'agent.output')?.data.text).toBe(
      'half a pair: \uFFFD, alone: \uFFFD',
    );
    expect(log.at(-1)?.type).toBe('session.completed');
    const check = await wave(['replay', logFiles(repo)[0] as string, '--check'], { cwd: repo });
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
  });

  it('a silent agent is stopped after agent-silence-ms, logged as agent.timed_out (cause silence)', async () => {
    const repo = makeRepo();
    writePlan(repo, plan('silent', '  agent-silence-ms: 1500'));
    const r = await wave(['run', 'plan.yaml', '--allow-dirty'], { cwd: repo });
    expect(r.stderr).not.toContain('unexpected error');
    const log = readLog(repo);
    expect(log.find((e) => e.type === 'agent.timed_out')?.data).toEqual({
      agentId: 'w1-m-1-a1',
      timeoutMs: 1500,
      cause: 'silence',
    });
    expect(['session.completed', 'session.aborted']).toContain(log.at(-1)?.type);
    expect([1, 3]).toContain(r.code);
  });

  it('a hung gate command is stopped after gate-timeout-ms', async () => {
    const repo = makeRepo();
    writePlan(
      repo,
      plan(
        'absurd-usage',
        '  gate-timeout-ms: 1000\n  quality-gates:\n    test: [node, -e, "setInterval(() => {}, 1000)"]',
      ),
    );
    const r = await wave(['run', 'plan.yaml', '--allow-dirty'], { cwd: repo });
    expect(r.stderr).not.toContain('unexpected error');
    const failed = readLog(repo).find((e) => e.type === 'gate.failed');
    expect(failed?.data).toMatchObject({ gate: 'test', timedOut: true });
  });
});
