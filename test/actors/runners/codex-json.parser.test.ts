import { describe, expect, it } from 'vitest';
import { replay, replayFile } from './transcript.helpers.js';

const ID = 'a-1';
const TEST = "bash -lc 'npx vitest run test/rate-limit.test.ts'";

describe('codex exec --json parser', () => {
  it('normalizes the recorded transcript into exact events', () => {
    const { events } = replayFile('codex-json', 'codex-exec.jsonl');
    expect(events).toEqual([
      {
        type: 'agent.tool_called',
        data: {
          agentId: ID,
          tool: 'command_execution',
          input: { command: "bash -lc 'ls src/middleware'" },
          callId: 'item_1',
        },
      },
      {
        type: 'agent.output',
        data: { agentId: ID, text: "I'll add the middleware and wire it into the index." },
      },
      {
        type: 'agent.tool_called',
        data: {
          agentId: ID,
          tool: 'file_change',
          input: {
            changes: [
              { path: '/work/repo/src/middleware/rate-limit.ts', kind: 'add' },
              { path: '/work/repo/src/middleware/index.ts', kind: 'update' },
            ],
          },
          callId: 'item_3',
        },
      },
      {
        type: 'agent.tool_called',
        data: {
          agentId: ID,
          tool: 'command_execution',
          input: { command: TEST },
          callId: 'item_4',
        },
      },
      {
        type: 'agent.tool_failed',
        data: {
          agentId: ID,
          tool: 'command_execution',
          error:
            'exit code 1: FAIL test/rate-limit.test.ts > refills the bucket\nAssertionError: expected 59 to be 60',
          callId: 'item_4',
        },
      },
      {
        type: 'agent.tool_called',
        data: {
          agentId: ID,
          tool: 'mcp__docs__search',
          input: { query: 'token bucket refill' },
          callId: 'item_5',
        },
      },
      {
        type: 'agent.tool_called',
        data: {
          agentId: ID,
          tool: 'file_change',
          input: { changes: [{ path: '/work/repo/src/middleware/rate-limit.ts', kind: 'update' }] },
          callId: 'item_6',
        },
      },
      {
        type: 'agent.tool_called',
        data: {
          agentId: ID,
          tool: 'command_execution',
          input: { command: TEST },
          callId: 'item_7',
        },
      },
      {
        type: 'agent.output',
        data: {
          agentId: ID,
          text: 'The refill math was off by one; fixed.\nSTATUS: partial — middleware added and tests pass | REMAINING: wire the limiter into src/server.ts',
        },
      },
      {
        type: 'agent.usage',
        // codex exec runs one turn (turn.started … turn.completed); its 8 items are steps.
        data: { agentId: ID, inputTokens: 24763, outputTokens: 1322, turns: 1 },
      },
    ]);
  });

  it('resolves the outcome of the recorded run', () => {
    const { collector } = replayFile('codex-json', 'codex-exec.jsonl');
    expect(collector.outcome({ exitCode: 0 })).toEqual({
      status: 'partial',
      reported: 'partial',
      summary: 'middleware added and tests pass',
      remaining: 'wire the limiter into src/server.ts',
      filesChanged: ['src/middleware/index.ts', 'src/middleware/rate-limit.ts'],
      turns: 1,
      exitCode: 0,
      openQuestions: [],
      findings: [],
    });
  });

  it('reports turn.failed and stream errors as errors of a failed run', () => {
    const { events, collector } = replay(
      'codex-json',
      [
        '{"type":"thread.started","thread_id":"t"}',
        '{"type":"error","message":"Reconnecting... 1/5"}',
        '{"type":"turn.failed","error":{"message":"stream disconnected before completion"}}',
      ].join('\n'),
    );
    expect(events).toEqual([
      { type: 'agent.output', data: { agentId: ID, text: 'retry: Reconnecting... 1/5' } },
      {
        type: 'agent.output',
        data: { agentId: ID, text: 'error: stream disconnected before completion' },
      },
    ]);
    expect(collector.outcome({ exitCode: 1 })).toMatchObject({
      status: 'failed',
      reported: null,
      summary: 'stream disconnected before completion',
    });
  });

  it('emits a call for a completed item that never started, and a declined command fails', () => {
    const { events } = replay(
      'codex-json',
      '{"type":"item.completed","item":{"id":"item_9","type":"command_execution","command":"rm -rf /","aggregated_output":"","exit_code":null,"status":"declined"}}',
    );
    expect(events).toEqual([
      {
        type: 'agent.tool_called',
        data: {
          agentId: ID,
          tool: 'command_execution',
          input: { command: 'rm -rf /' },
          callId: 'item_9',
        },
      },
      {
        type: 'agent.tool_failed',
        data: {
          agentId: ID,
          tool: 'command_execution',
          error: 'command declined',
          callId: 'item_9',
        },
      },
    ]);
  });
});
