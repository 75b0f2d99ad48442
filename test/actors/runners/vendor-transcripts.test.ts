/**
 * The stream parsers on transcripts in each vendor's real shape (see
 * test/fixtures/transcripts/vendor/README.md for where each shape comes from): turns, usage and
 * cost by each vendor's own definition.
 */
import { describe, expect, it } from 'vitest';
import { replay, replayFile } from './transcript.helpers.js';

const ID = 'a-1';
const W = '/work/repo';
const types = (events: { type: string }[]) => events.map((e) => e.type);
const last = <T>(list: T[]): T => list[list.length - 1] as T;

describe('Claude Code stream-json in its real shape', () => {
  const run = () => replayFile('claude-stream-json', 'vendor/claude-parallel-subagent.jsonl');

  it('counts distinct main-agent message ids as turns, not lines, num_turns or sub-agent messages', () => {
    const { events, collector } = run();
    // 4 main-agent message ids over 8 assistant lines; num_turns says 9; the sub-agent had 2.
    expect(collector.turns()).toBe(4);
    expect(last(events)).toEqual({
      type: 'agent.usage',
      data: {
        agentId: ID,
        turns: 4,
        // input + cache creation + cache read, as Anthropic bills them; output as reported.
        inputTokens: 21 + 5440 + 60928,
        outputTokens: 515,
        costUsd: 0.0721935,
      },
    });
  });

  it('keeps api_retry, marks sub-agent calls, and reports a permission denial with its flag', () => {
    const { events } = run();
    expect(events[0]).toEqual({
      type: 'agent.output',
      data: {
        agentId: ID,
        text: 'retry: API retry 1/10: overloaded (HTTP 529), next attempt in 528 ms',
      },
    });
    const glob = events.find(
      (e) => e.type === 'agent.tool_called' && (e.data as { tool: string }).tool === 'Glob',
    );
    expect(glob?.data).toMatchObject({ parentCallId: 'toolu_01D1mPqT5aY3nU7wCeR9zH6f' });
    expect(events.filter((e) => e.type === 'agent.tool_failed').map((e) => e.data)).toEqual([
      {
        agentId: ID,
        tool: 'Read',
        error: 'File does not exist.',
        callId: 'toolu_01B8jMnR3yW1lS5uAcP7xF4d',
      },
      {
        agentId: ID,
        tool: 'Bash',
        error: 'permission denied (npm test); allow it with --allowedTools "Bash(npm:*)"',
        callId: 'toolu_01F3oRsV7cA5pW9yEgT2bK8h',
      },
    ]);
    // The sub-agent's own answer is not the agent's text.
    expect(JSON.stringify(events)).not.toContain('"text":"The routes live in src/routes.ts."');
  });

  it('puts the denial and the flag that allows it in the summary', () => {
    const { findings, ...outcome } = run().collector.outcome({ exitCode: 0 });
    expect(findings).toEqual([]);
    expect(outcome).toEqual({
      status: 'partial',
      reported: 'partial',
      summary:
        'middleware added; 1 permission denial(s): Bash — allow with --allowedTools "Bash(npm:*)" (add to the runner\'s args)',
      remaining: 'run npm test',
      filesChanged: ['src/middleware/rate-limit.ts'],
      turns: 4,
      exitCode: 0,
      openQuestions: [],
    });
  });

  it('keeps the errors[] of an error result', () => {
    const { events, collector } = replayFile(
      'claude-stream-json',
      'vendor/claude-error-result.jsonl',
    );
    expect(events.filter((e) => e.type === 'agent.output').map((e) => e.data)).toContainEqual({
      agentId: ID,
      text: 'error: API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}',
    });
    expect(collector.outcome({ exitCode: 1 })).toMatchObject({
      status: 'failed',
      turns: 1,
      summary: expect.stringMatching(/^API Error: 500/) as unknown,
    });
    expect(collector.environment).toBeUndefined();
  });

  it('counts turns from message ids when the stream is cut off before its result', () => {
    const { collector } = replayFile('claude-stream-json', 'vendor/claude-cut-off.jsonl');
    expect(collector.result).toBeUndefined();
    // 2 message ids; 3 tool calls and 4 assistant lines would say otherwise.
    expect(collector.calls).toHaveLength(3);
    expect(collector.turns()).toBe(2);
  });

  it('treats error_max_budget_usd as a cut-off (partial), like error_max_turns', () => {
    const { collector, events } = replayFile(
      'claude-stream-json',
      'vendor/claude-max-budget.jsonl',
    );
    expect(collector.outcome({ exitCode: 1 })).toMatchObject({
      status: 'partial',
      reported: null,
      turns: 1,
      filesChanged: ['src/c.ts'],
    });
    expect(last(events).data).toMatchObject({ costUsd: 0.0502, turns: 1 });
  });

  it('a refused key (no model turn, a <synthetic> message) is an environment failure', () => {
    const { collector } = replayFile('claude-stream-json', 'vendor/claude-auth-failure.jsonl');
    expect(collector.turns()).toBe(0);
    expect(collector.environment).toBe(
      'Claude Code could not run: Invalid API key · Fix external API key',
    );
  });
});

describe('codex exec --json in its real shape', () => {
  it('one turn, the usage as reported, a retry that is not a failure, a failing command', () => {
    const { events, collector } = replayFile('codex-json', 'vendor/codex-file-changes.jsonl');
    expect(types(events)).toEqual([
      'agent.output',
      'agent.tool_called',
      'agent.tool_called',
      'agent.tool_called',
      'agent.tool_called',
      'agent.tool_called',
      'agent.tool_failed',
      'agent.output',
      'agent.usage',
    ]);
    expect(events[0]?.data).toMatchObject({
      text: expect.stringMatching(/^retry: Reconnecting/) as unknown,
    });
    expect(events[6]?.data).toMatchObject({
      tool: 'command_execution',
      error: expect.stringMatching(/^exit code 1: /) as unknown,
    });
    expect(last(events).data).toEqual({
      agentId: ID,
      turns: 1,
      inputTokens: 21034,
      outputTokens: 1877,
    });
    const { findings, ...outcome } = collector.outcome({ exitCode: 0 });
    // Three diff-less patches of one document are no spiral and no repetition.
    expect(findings).toEqual([]);
    expect(outcome).toEqual({
      status: 'partial',
      reported: 'partial',
      summary: 'limiter written',
      remaining: 'fix the failing limits test',
      filesChanged: ['docs/limits.md', 'src/index.ts', 'src/limit.ts'],
      turns: 1,
      exitCode: 0,
      openQuestions: [],
    });
  });

  it('turn.completed usage is a running total: the last one wins (100 then 250 is 250)', () => {
    const { events } = replay(
      'codex-json',
      [
        '{"type":"turn.started"}',
        '{"type":"turn.completed","usage":{"input_tokens":100,"cached_input_tokens":0,"output_tokens":10}}',
        '{"type":"turn.started"}',
        '{"type":"turn.completed","usage":{"input_tokens":250,"cached_input_tokens":0,"output_tokens":30}}',
      ].join('\n'),
    );
    const usages = events.filter((e) => e.type === 'agent.usage').map((e) => e.data);
    expect(last(usages)).toEqual({ agentId: ID, inputTokens: 250, outputTokens: 30, turns: 2 });
  });

  it('a retry then a completed turn is not a failed run', () => {
    const { collector } = replay(
      'codex-json',
      [
        '{"type":"turn.started"}',
        '{"type":"error","message":"Reconnecting... 2/5 (stream disconnected before completion)"}',
        '{"type":"item.completed","item":{"id":"item_0","type":"agent_message","text":"All set."}}',
        '{"type":"turn.completed","usage":{"input_tokens":5,"cached_input_tokens":0,"output_tokens":1}}',
      ].join('\n'),
    );
    expect(collector.outcome({ exitCode: 0 })).toMatchObject({
      status: 'done',
      summary: 'All set.',
    });
    expect(collector.retries).toHaveLength(1);
  });

  it('request_user_input becomes an open question; a collab_tool_call is a tool call', () => {
    const { events, collector } = replayFile('codex-json', 'vendor/codex-question-collab.jsonl');
    expect(events[0]).toEqual({
      type: 'agent.tool_called',
      data: {
        agentId: ID,
        tool: 'collab_spawn_agent',
        input: { receivers: [], prompt: 'Survey the API routes' },
        callId: 'item_0',
      },
    });
    expect(events[1]).toMatchObject({
      type: 'agent.tool_failed',
      data: { tool: 'collab_spawn_agent' },
    });
    expect(collector.outcome({ exitCode: 0 }).openQuestions).toEqual([
      {
        question: 'Where should the bucket state live?',
        context: 'Rate limit store',
        candidates: ['In memory', 'Redis'],
      },
    ]);
  });

  it('an authentication failure before anything ran is an environment failure', () => {
    const { collector } = replay(
      'codex-json',
      [
        '{"type":"thread.started","thread_id":"t"}',
        '{"type":"turn.started"}',
        '{"type":"turn.failed","error":{"message":"unexpected status 401 Unauthorized: Missing bearer or basic authentication in header"}}',
      ].join('\n'),
    );
    expect(collector.environment).toMatch(/^Codex could not run: unexpected status 401/);
  });
});

describe('Gemini CLI stream-json in its real shape', () => {
  it('text before a tool call is one turn with it; a failed tool then recovery', () => {
    const { events, collector } = replayFile(
      'gemini-stream-json',
      'vendor/gemini-text-then-tool.jsonl',
    );
    expect(types(events)).toEqual([
      'agent.output',
      'agent.tool_called',
      'agent.tool_failed',
      'agent.output',
      'agent.tool_called',
      'agent.output',
      'agent.usage',
    ]);
    expect(last(events).data).toEqual({
      agentId: ID,
      turns: 3,
      inputTokens: 12544,
      outputTokens: 406,
    });
    expect(collector.outcome({ exitCode: 0 })).toMatchObject({
      status: 'done',
      summary: 'created the server entry',
      filesChanged: ['src/server.ts'],
      turns: 3,
    });
    expect(events[2]?.data).toEqual({
      agentId: ID,
      tool: 'read_file',
      error: `File not found: ${W}/src/server.ts`,
      callId: 'read_file-1764000001400-1',
    });
  });
});
