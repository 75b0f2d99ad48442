/**
 * How each runner kind is started: argv, stdout format, whether the prompt goes to stdin, and
 * which exit codes mean "turn limit reached".
 * - claude: `claude -p <prompt> --output-format stream-json --verbose --max-turns N [--model M]`
 * - codex: `codex exec --json [--model M] <args…> <prompt>`
 * - gemini: `gemini -p <prompt> --output-format stream-json [--model M]` (exit 53 = turn limit)
 * - command: the plan's `argv`; the prompt on stdin; stdout in `format` (default `text`).
 * `bin` replaces the executable; `args` are appended (before the prompt for codex).
 */
import type { RunnerSpec, StreamFormat } from '../../domain/plan.schema.js';

/** A resolved way to start one agent. */
export interface AgentInvocation {
  argv: string[];
  format: StreamFormat;
  /** The prompt for stdin (command runners), else undefined. */
  stdin?: string;
  /** argv as logged: the prompt argument replaced by `<prompt>`. */
  loggedArgv: string[];
  truncatedExitCodes: number[];
}

/** Placeholder for the prompt in logged argv. */
const PROMPT_PLACEHOLDER = '<prompt>';

/** Builds the invocation of a runner; throws on a `command` runner without `argv`. */
export function buildInvocation(
  spec: RunnerSpec,
  prompt: string,
  maxTurns: number,
): AgentInvocation {
  const model = spec.model !== undefined ? ['--model', spec.model] : [];
  const withPrompt = (parts: string[]): string[] =>
    parts.map((p) => (p === PROMPT_PLACEHOLDER ? prompt : p));
  let parts: string[];
  let format: StreamFormat;
  let truncatedExitCodes: number[] = [];
  switch (spec.kind) {
    case 'claude':
      parts = [
        spec.bin ?? 'claude',
        '-p',
        PROMPT_PLACEHOLDER,
        '--output-format',
        'stream-json',
        '--verbose',
        '--max-turns',
        String(maxTurns),
        ...model,
        ...spec.args,
      ];
      format = 'claude-stream-json';
      break;
    case 'codex':
      parts = [spec.bin ?? 'codex', 'exec', '--json', ...model, ...spec.args, PROMPT_PLACEHOLDER];
      format = 'codex-json';
      break;
    case 'gemini':
      parts = [
        spec.bin ?? 'gemini',
        '-p',
        PROMPT_PLACEHOLDER,
        '--output-format',
        'stream-json',
        ...model,
        ...spec.args,
      ];
      format = 'gemini-stream-json';
      truncatedExitCodes = [53];
      break;
    case 'command': {
      const [first, ...rest] = spec.argv ?? [];
      if (first === undefined) throw new Error('runner kind "command" needs a non-empty argv');
      const argv = [spec.bin ?? first, ...rest, ...spec.args];
      return {
        argv,
        format: spec.format ?? 'text',
        stdin: prompt,
        loggedArgv: argv,
        truncatedExitCodes,
      };
    }
  }
  return { argv: withPrompt(parts), format, loggedArgv: parts, truncatedExitCodes };
}
