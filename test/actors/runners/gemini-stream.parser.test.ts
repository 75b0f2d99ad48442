import { describe, expect, it } from 'vitest';
import { replay, replayFile } from './transcript.helpers.js';

const ID = 'a-1';
const INDEX = '/work/repo/src/middleware/index.ts';

describe('Gemini CLI stream-json parser', () => {
  it('normalizes the recorded transcript into exact events', () => {
    const { events } = replayFile('gemini-stream-json', 'gemini-stream-json.jsonl');
    expect(events).toEqual([
      {
        type: 'agent.output',
        data: { agentId: ID, text: 'Let me look at the current middleware.' },
      },
      {
        type: 'agent.tool_called',
        data: {
          agentId: ID,
          tool: 'read_file',
          input: { file_path: INDEX },
          callId: 'read_file-1764000002310-1',
        },
      },
      {
        type: 'agent.tool_called',
        data: {
          agentId: ID,
          tool: 'replace',
          input: {
            file_path: INDEX,
            old_string: "export { auth } from './auth';",
            new_string: "export { auth } from './auth.js';",
            instruction: 'fix the import suffix',
          },
          callId: 'replace-1764000004901-2',
        },
      },
      {
        type: 'agent.tool_failed',
        data: {
          agentId: ID,
          tool: 'replace',
          error: `Failed to edit, 0 occurrences found for old_string in ${INDEX}. No edits made.`,
          callId: 'replace-1764000004901-2',
        },
      },
      {
        type: 'agent.tool_called',
        data: {
          agentId: ID,
          tool: 'write_file',
          input: {
            file_path: '/work/repo/src/middleware/rate-limit.ts',
            content: 'export const rateLimit = () => (_req, _res, next) => next();\n',
          },
          callId: 'write_file-1764000006500-3',
        },
      },
      {
        type: 'agent.output',
        data: { agentId: ID, text: 'warning: Loop detection: repeated tool calls' },
      },
      {
        type: 'agent.tool_called',
        data: {
          agentId: ID,
          tool: 'run_shell_command',
          input: { command: 'npx vitest run test/rate-limit.test.ts', description: 'run tests' },
          callId: 'run_shell_command-1764000008100-4',
        },
      },
      {
        type: 'agent.output',
        data: {
          agentId: ID,
          text: 'Created the middleware; the index export could not be updated.\nSTATUS: failed – could not edit src/middleware/index.ts (old_string not found)',
        },
      },
      {
        type: 'agent.usage',
        // 5 model responses: text + read_file, replace, write_file, run_shell_command, the answer.
        data: { agentId: ID, inputTokens: 30990, outputTokens: 832, turns: 5 },
      },
    ]);
  });

  it('resolves the outcome of the recorded run (a failed edit changes nothing)', () => {
    const { collector } = replayFile('gemini-stream-json', 'gemini-stream-json.jsonl');
    expect(collector.outcome({ exitCode: 0 })).toEqual({
      status: 'failed',
      reported: 'failed',
      summary: 'could not edit src/middleware/index.ts (old_string not found)',
      filesChanged: ['src/middleware/rate-limit.ts'],
      turns: 5,
      exitCode: 0,
      openQuestions: [],
      findings: [],
    });
  });

  it('reports an error result and error events', () => {
    const { collector, events } = replay(
      'gemini-stream-json',
      [
        '{"type":"error","timestamp":"t","severity":"error","message":"quota exceeded"}',
        '{"type":"result","timestamp":"t","status":"error","error":{"type":"api","message":"model overloaded"}}',
      ].join('\n'),
    );
    expect(events).toEqual([
      { type: 'agent.output', data: { agentId: ID, text: 'error: quota exceeded' } },
      { type: 'agent.usage', data: { agentId: ID, turns: 0 } },
      { type: 'agent.output', data: { agentId: ID, text: 'error: model overloaded' } },
    ]);
    expect(collector.outcome({ exitCode: 1 })).toMatchObject({
      status: 'failed',
      summary: 'model overloaded',
    });
  });

  it('infers partial from the turn-limit exit code 53', () => {
    const { collector } = replay(
      'gemini-stream-json',
      '{"type":"result","timestamp":"t","status":"success"}',
    );
    expect(collector.outcome({ exitCode: 53, truncatedExitCodes: [53] })).toMatchObject({
      status: 'partial',
      reported: null,
    });
  });
});
