/** Helpers: run the real agent runner against the scripted agent in a temp directory. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentRunner, AgentRunRequest, AgentRunResult } from '../../../src/ports.js';
import { createAgentRunner } from '../../../src/actors/runners/agent.runner.js';
import { buildAgentPrompt } from '../../../src/actors/runners/prompt.builder.js';
import type { RunnerSpec } from '../../../src/domain/plan.schema.js';
import type { NewEvent } from '../../../src/events.js';
import { validateEventData } from '../../../src/events.js';
import { fixture } from './transcript.helpers.js';

/** The scripted agent script. */
export const AGENT = fixture('agents/scripted-agent.mjs');
/** A runner with a short kill grace. */
export const runner = createAgentRunner({ killGraceMs: 300 });

/** A command runner spec starting the scripted agent. */
export function spec(format: RunnerSpec['format'], ...args: string[]): RunnerSpec {
  return { kind: 'command', argv: [process.execPath, AGENT, ...args], format, args: [], env: {} };
}

/** Runs one agent for task m-2 in a fresh temp dir; validates every event against its schema. */
export async function run(
  runnerSpec: RunnerSpec,
  extra: Partial<AgentRunRequest> = {},
  agentRunner: AgentRunner = runner,
): Promise<AgentRunResult & { events: NewEvent[]; cwd: string }> {
  const cwd = mkdtempSync(join(tmpdir(), 'wave-runner-'));
  const prompt = buildAgentPrompt({
    task: {
      id: 'm-2',
      task: 'Add a token bucket',
      files: ['src/rate-limit.ts', 'src/'],
      acceptance: 'tests pass',
    },
    role: 'Impl-Core',
    wave: 2,
    maxTurns: 15,
  });
  const events: NewEvent[] = [];
  const result = await agentRunner.run(
    {
      sessionId: 's-1',
      wave: 2,
      taskId: 'm-2',
      agentId: 'w2-m-2-1',
      prompt,
      cwd,
      runner: runnerSpec,
      maxTurns: 15,
      signal: new AbortController().signal,
      ...extra,
    },
    (e) => events.push(e),
  );
  for (const e of [...events, result.terminal]) validateEventData(e.type, e.data);
  return { ...result, events, cwd };
}

/** The types of a list of events. */
export const types = (events: NewEvent[]): string[] => events.map((e) => e.type);
