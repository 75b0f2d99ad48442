import { describe, expect, it } from 'vitest';
import { replay, replayFile } from './transcript.helpers.js';

const ID = 'a-1';
const INDEX = '/work/repo/src/middleware/index.ts';

describe('Claude Code stream-json parser', () => {
  it('normalizes the recorded transcript into exact events', () => {
    const { events } = replayFile('claude-stream-json', 'claude-stream-json.jsonl');
    expect(events).toEqual([
      {
        type: 'agent.output',
        data: { agentId: ID, text: "I'll start by reading the existing middleware." },
      },
      {
        type: 'agent.tool_called',
        data: { agentId: ID, tool: 'Read', input: { file_path: INDEX }, callId: 'toolu_01A1' },
      },
      {
        type: 'agent.tool_called',
        data: {
          agentId: ID,
          tool: 'Write',
          input: {
            file_path: '/work/repo/src/middleware/rate-limit.ts',
            content: 'export function rateLimit() {\n  return (req, res, next) => next();\n}\n',
          },
          callId: 'toolu_01A2',
        },
      },
      { type: 'agent.output', data: { agentId: ID, text: "Now I'll export it from the index." } },
      {
        type: 'agent.tool_called',
        data: {
          agentId: ID,
          tool: 'Edit',
          input: {
            file_path: INDEX,
            old_string: "export { auth } from './auth';",
            new_string:
              "export { auth } from './auth.js';\nexport { rateLimit } from './rate-limit.js';",
          },
          callId: 'toolu_01A3',
        },
      },
      {
        type: 'agent.tool_failed',
        data: {
          agentId: ID,
          tool: 'Edit',
          error: "String to replace not found in file.\nString: export { auth } from './auth';",
          callId: 'toolu_01A3',
        },
      },
      {
        type: 'agent.tool_called',
        data: {
          agentId: ID,
          tool: 'Edit',
          input: {
            file_path: INDEX,
            old_string: "export { auth } from './auth.js';",
            new_string:
              "export { auth } from './auth.js';\nexport { rateLimit } from './rate-limit.js';",
          },
          callId: 'toolu_01A4',
        },
      },
      {
        type: 'agent.tool_called',
        data: {
          agentId: ID,
          tool: 'Bash',
          input: {
            command: 'npx vitest run test/rate-limit.test.ts',
            description: 'Run the rate-limit tests',
          },
          callId: 'toolu_01A5',
        },
      },
      {
        type: 'agent.output',
        data: {
          agentId: ID,
          text:
            'Added a token-bucket middleware and exported it.\n\n' +
            'OPEN-QUESTIONS: Should the bucket size come from config? | context: it is hard-coded to 60 | candidates: env var / Session Config\n' +
            'STATUS: done — token-bucket middleware added, exported, 3 tests pass',
        },
      },
      {
        type: 'agent.usage',
        data: {
          agentId: ID,
          inputTokens: 34 + 6210 + 99282,
          outputTokens: 439,
          costUsd: 0.0847215,
          // num_turns says 11 (prompt + one per tool result); 6 distinct message ids were turns.
          turns: 6,
        },
      },
    ]);
  });

  it('resolves the outcome of the recorded run', () => {
    const { collector } = replayFile('claude-stream-json', 'claude-stream-json.jsonl');
    const { findings, ...outcome } = collector.outcome({ exitCode: 0 });
    expect(findings).toEqual([]);
    expect(outcome).toEqual({
      status: 'done',
      reported: 'done',
      summary: 'token-bucket middleware added, exported, 3 tests pass',
      filesChanged: ['src/middleware/index.ts', 'src/middleware/rate-limit.ts'],
      turns: 6,
      exitCode: 0,
      openQuestions: [
        {
          question: 'Should the bucket size come from config?',
          context: 'it is hard-coded to 60',
          candidates: ['env var', 'Session Config'],
        },
      ],
    });
  });

  it('keeps non-JSON lines as text and ignores unknown event types', () => {
    const { events } = replay(
      'claude-stream-json',
      [
        'Warning: running in a non-interactive shell',
        '{"type":"stream_event","event":{"type":"content_block_delta"}}',
        '{"type":"rate_limit_event","retry_after_ms":100}',
        '{"broken json',
        '',
        '[1,2,3]',
      ].join('\n'),
    );
    expect(events).toEqual([
      {
        type: 'agent.output',
        data: { agentId: ID, text: 'Warning: running in a non-interactive shell' },
      },
      { type: 'agent.output', data: { agentId: ID, text: '{"broken json' } },
      { type: 'agent.output', data: { agentId: ID, text: '[1,2,3]' } },
    ]);
  });

  it('marks error_max_turns as truncated and other error subtypes as errors', () => {
    const maxTurns = replay(
      'claude-stream-json',
      '{"type":"result","subtype":"error_max_turns","is_error":true,"num_turns":16,"total_cost_usd":0.2,"usage":{"input_tokens":5,"output_tokens":7}}',
    );
    // num_turns is not a model-turn count: without assistant messages there was no turn.
    expect(maxTurns.collector.result).toEqual({
      kind: 'result',
      isError: false,
      truncated: true,
      turns: 0,
    });
    const during = replay(
      'claude-stream-json',
      '{"type":"result","subtype":"error_during_execution","is_error":false,"num_turns":2}',
    );
    expect(during.collector.result).toEqual({
      kind: 'result',
      isError: true,
      truncated: false,
      turns: 0,
    });
  });
});
