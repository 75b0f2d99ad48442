import { describe, expect, it } from 'vitest';
import { buildInvocation } from '../../../src/actors/runners/agent-invocation.js';
import type { RunnerSpec } from '../../../src/domain/plan.schema.js';

const base = { args: [], env: {} };

describe('runner invocations', () => {
  it('claude', () => {
    const inv = buildInvocation(
      { kind: 'claude', ...base, args: ['--allowedTools', 'Edit'] },
      'PROMPT',
      15,
    );
    expect(inv.argv).toEqual([
      'claude',
      '-p',
      'PROMPT',
      '--output-format',
      'stream-json',
      '--verbose',
      '--max-turns',
      '15',
      '--allowedTools',
      'Edit',
    ]);
    expect(inv.loggedArgv[2]).toBe('<prompt>');
    expect(inv).toMatchObject({ format: 'claude-stream-json', truncatedExitCodes: [] });
    expect(inv.stdin).toBeUndefined();
  });

  it('codex puts the prompt last', () => {
    const inv = buildInvocation(
      { kind: 'codex', ...base, model: 'gpt-5-codex', args: ['--full-auto'] },
      'PROMPT',
      15,
    );
    expect(inv.argv).toEqual([
      'codex',
      'exec',
      '--json',
      '--model',
      'gpt-5-codex',
      '--full-auto',
      'PROMPT',
    ]);
    expect(inv.format).toBe('codex-json');
  });

  it('gemini, with bin replacing the executable', () => {
    const inv = buildInvocation({ kind: 'gemini', ...base, bin: '/opt/gemini' }, 'PROMPT', 15);
    expect(inv.argv).toEqual(['/opt/gemini', '-p', 'PROMPT', '--output-format', 'stream-json']);
    expect(inv).toMatchObject({ format: 'gemini-stream-json', truncatedExitCodes: [53] });
  });

  it('command: argv, prompt on stdin, format defaults to text', () => {
    const spec: RunnerSpec = {
      kind: 'command',
      ...base,
      argv: ['node', 'agent.mjs'],
      args: ['--fast'],
    };
    expect(buildInvocation(spec, 'PROMPT', 15)).toEqual({
      argv: ['node', 'agent.mjs', '--fast'],
      loggedArgv: ['node', 'agent.mjs', '--fast'],
      format: 'text',
      stdin: 'PROMPT',
      truncatedExitCodes: [],
    });
    expect(() => buildInvocation({ kind: 'command', ...base }, 'p', 1)).toThrow(
      'runner kind "command" needs a non-empty argv',
    );
  });
});
