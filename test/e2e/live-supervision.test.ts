/**
 * Live supervision end to end (issue 9): real `wave run` processes, the scripted agent as the bin
 * of a Claude, Codex and Gemini runner, each looping (a line edited back and forth) far longer
 * than it may. With `on-loop: stop` the agent is ended within one tool call of the verdict, and
 * the log shows the verdict before the agent's end; STATE.md, events.jsonl and sessions.jsonl say
 * so. A turn limit is enforced from the stream for every runner. Three agents in one feature wave
 * run in worktrees (merged back after the wave): 60 s each, for a loaded machine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSession } from '../../src/formats/validate-session.js';
import { SCRIPTED_AGENT, makeRepo } from '../support/git-repo.js';
import { logFiles, readLog, wave, writePlan } from '../support/wave-cli.js';

const plan = (config: string) => `session: { type: feature, intent: Looping agents }
config:
${config}
runners:
  default: { kind: claude, bin: ${JSON.stringify(SCRIPTED_AGENT)} }
  codex: { kind: codex, bin: ${JSON.stringify(SCRIPTED_AGENT)} }
  gemini: { kind: gemini, bin: ${JSON.stringify(SCRIPTED_AGENT)} }
waves:
  - role: Impl-Core
    tasks:
      - { id: m-1, task: Claude task, files: [src/a.js] }
      - { id: m-2, task: Codex task, files: [src/b.js], runner: codex }
      - { id: m-3, task: Gemini task, files: [src/c.js], runner: gemini }
`;

const AGENTS = ['w1-m-1-a1', 'w1-m-2-a1', 'w1-m-3-a1'];

/** Tool calls an agent made after the event at `from`. */
function callsAfter(log: ReturnType<typeof readLog>, from: number, agentId: string): number {
  return log
    .slice(from + 1)
    .filter((e) => e.type === 'agent.tool_called' && e.data.agentId === agentId).length;
}

describe('live supervision with real processes in every vendor format', () => {
  it('stops a looping agent within one tool call of the verdict (on-loop: stop)', async () => {
    const repo = makeRepo();
    writePlan(repo, plan('  supervision: { on-loop: stop }'));
    const r = await wave(['run', 'plan.yaml', '--allow-dirty'], {
      cwd: repo,
      env: {
        SCRIPTED_AGENT_MODE: 'spiral',
        // Codex's file_change items carry no diff: its loop is the same failing command.
        SCRIPTED_AGENT_MODE_M_2: 'retry-loop',
        SCRIPTED_AGENT_LOOPS: '400',
        SCRIPTED_AGENT_DELAY_MS: '40',
      },
    });
    expect(r.stderr).not.toContain('unexpected error');
    const log = readLog(repo);
    for (const agentId of AGENTS) {
      const verdict = log.findIndex(
        (e) => e.type === 'agent.loop_detected' && e.data.agentId === agentId,
      );
      const end = log.findIndex((e) => e.type === 'agent.finished' && e.data.agentId === agentId);
      expect(verdict, agentId).toBeGreaterThan(-1);
      expect((log[verdict]?.data as { action: string }).action).toBe('stop');
      expect(end, agentId).toBeGreaterThan(verdict);
      // The run ends in the most severe status of its verdicts (a spiral overrides all).
      const kinds = log
        .filter((e) => e.type === 'agent.loop_detected' && e.data.agentId === agentId)
        .map((e) => e.data.verdict as string);
      const status = ['spiral', 'failed', 'stagnant'].find((k) => kinds.includes(k));
      expect(status).toBeDefined();
      expect(log[end]?.data).toMatchObject({ status });
      expect(callsAfter(log, verdict, agentId), agentId).toBeLessThanOrEqual(1);
      // 400 loops were scripted: the agent was ended long before.
      const calls = log.filter((e) => e.type === 'agent.tool_called' && e.data.agentId === agentId);
      expect(calls.length, agentId).toBeLessThan(20);
    }
    const events = readFileSync(join(repo, '.orchestrator/metrics/events.jsonl'), 'utf8');
    const verdicts = log.filter((e) => e.type === 'agent.loop_detected').length;
    expect(verdicts).toBeGreaterThanOrEqual(3);
    expect(events.match(/"event":"stagnation_detected"/g)).toHaveLength(verdicts);
    const state = readFileSync(join(repo, '.claude/STATE.md'), 'utf8');
    expect(state).toMatch(/stopped by supervision/);
    const line = readFileSync(join(repo, '.orchestrator/metrics/sessions.jsonl'), 'utf8').trim();
    const record = JSON.parse(line) as { stagnation_events?: { total: number } };
    expect(validateSession(record).ok).toBe(true);
    expect(record.stagnation_events?.total).toBe(verdicts);
    const replay = await wave(['replay', logFiles(repo)[0] as string, '--check'], { cwd: repo });
    expect(replay.code).toBe(0);
  }, 60_000);

  it('only records the verdict with on-loop: observe (the reference behaviour)', async () => {
    const repo = makeRepo();
    writePlan(repo, plan('  supervision: { on-loop: observe }'));
    await wave(['run', 'plan.yaml', '--allow-dirty'], {
      cwd: repo,
      env: {
        SCRIPTED_AGENT_MODE: 'spiral',
        SCRIPTED_AGENT_MODE_M_2: 'retry-loop',
        SCRIPTED_AGENT_LOOPS: '8',
      },
    });
    const log = readLog(repo);
    for (const agentId of AGENTS) {
      const calls = log.filter((e) => e.type === 'agent.tool_called' && e.data.agentId === agentId);
      // Nothing stopped it: every scripted loop ran (the file written first, except for the Codex
      // agent's failing command).
      expect(calls.length, agentId).toBe(agentId === 'w1-m-2-a1' ? 8 : 9);
      expect(
        log.find((e) => e.type === 'agent.loop_detected' && e.data.agentId === agentId)?.data,
      ).toMatchObject({ action: 'observe' });
      expect(
        log.find((e) => e.type === 'agent.finished' && e.data.agentId === agentId)?.data,
      ).toMatchObject({ status: expect.stringMatching(/^(spiral|failed)$/) as unknown });
    }
  }, 60_000);
});
