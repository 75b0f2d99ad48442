import { describe, expect, it } from 'vitest';
import {
  buildInvocation,
  GEMINI_ENVIRONMENT_EXIT_CODES,
} from '../../../src/actors/runners/agent-invocation.js';
import type { RunnerSpec } from '../../../src/domain/plan.schema.js';

const base = { args: [], env: {} };
const PROMPT = 'a prompt that must never be in argv';

describe('runner invocations', () => {
  it('claude: the prompt on stdin, never in argv; permission flags of args are kept', () => {
    const inv = buildInvocation(
      { kind: 'claude', ...base, args: ['--allowedTools', 'Edit'] },
      PROMPT,
      15,
    );
    expect(inv.argv).toEqual([
      'claude',
      '-p',
      '--output-format',
      'stream-json',
      '--verbose',
      '--max-turns',
      '15',
      '--allowedTools',
      'Edit',
    ]);
    expect(inv.loggedArgv).toEqual(inv.argv);
    expect(inv.stdin).toBe(PROMPT);
    expect(inv).toMatchObject({ format: 'claude-stream-json', truncatedExitCodes: [] });
  });

  it('claude without a permission flag gets the non-interactive default acceptEdits', () => {
    const inv = buildInvocation({ kind: 'claude', ...base }, PROMPT, 9);
    expect(inv.argv.slice(-2)).toEqual(['--permission-mode', 'acceptEdits']);
    const own = buildInvocation(
      { kind: 'claude', ...base, args: ['--permission-mode=plan'] },
      PROMPT,
      9,
    );
    expect(own.argv).not.toContain('acceptEdits');
  });

  it('codex reads the prompt from stdin (`-`)', () => {
    const inv = buildInvocation(
      { kind: 'codex', ...base, model: 'gpt-5-codex', args: ['--full-auto'] },
      PROMPT,
      15,
    );
    expect(inv.argv).toEqual([
      'codex',
      'exec',
      '--json',
      '--model',
      'gpt-5-codex',
      '--full-auto',
      '-',
    ]);
    expect(inv.stdin).toBe(PROMPT);
    expect(inv.format).toBe('codex-json');
  });

  it('gemini: no deprecated -p, the prompt on stdin, every documented exit code mapped', () => {
    const inv = buildInvocation({ kind: 'gemini', ...base, bin: '/opt/gemini' }, PROMPT, 15);
    expect(inv.argv).toEqual(['/opt/gemini', '--output-format', 'stream-json']);
    expect(inv.stdin).toBe(PROMPT);
    expect(inv).toMatchObject({ format: 'gemini-stream-json', truncatedExitCodes: [53] });
    expect(Object.keys(GEMINI_ENVIRONMENT_EXIT_CODES).map(Number)).toEqual([41, 42, 44, 52, 55]);
    expect(inv.environmentExitCodes[55]).toMatch(/not trusted/);
  });

  it('no runner kind puts the prompt in argv', () => {
    for (const kind of ['claude', 'codex', 'gemini'] as const) {
      const inv = buildInvocation({ kind, ...base }, PROMPT, 3);
      expect(inv.argv.join(' ')).not.toContain(PROMPT);
    }
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
      environmentExitCodes: {},
    });
    expect(() => buildInvocation({ kind: 'command', ...base }, 'p', 1)).toThrow(
      'runner kind "command" needs a non-empty argv',
    );
  });
});
