/**
 * How each runner kind is started: argv, stdout format, the prompt on stdin (never in argv, where
 * `ps` shows it and ARG_MAX limits it), and what its exit codes mean.
 * - claude: `claude -p --output-format stream-json --verbose --max-turns N [--permission-mode
 *   acceptEdits] [--model M] <args…>`; the prompt on stdin (Claude Code CLI reference: `-p`
 *   reads the query from stdin when none is given). Without a `--permission-mode`,
 *   `--dangerously-skip-permissions` or `--allowedTools` in `args`, agents get `acceptEdits`: they
 *   may edit files without a human to approve, and other refused calls are reported with the flag
 *   that would allow them.
 * - codex: `codex exec --json [--model M] <args…> -` (`-`: the instructions are read from stdin).
 * - gemini: `gemini --output-format stream-json [--model M] <args…>`; a piped stdin runs the CLI
 *   headless with stdin as the prompt (`-p` is deprecated: "Use the positional prompt instead").
 *   Exit codes (`packages/core/src/utils/errors.ts`): 53 turn limit (a cut-off); 41 auth, 42 bad
 *   input, 44 sandbox, 52 config, 55 untrusted folder mean the CLI cannot run here.
 * - command: the plan's `argv`; the prompt on stdin; stdout in `format` (default `text`).
 * `bin` replaces the executable; `args` are appended.
 */
import type { RunnerSpec, StreamFormat } from '../../domain/plan.schema.js';

/** A resolved way to start one agent. */
export interface AgentInvocation {
  argv: string[];
  format: StreamFormat;
  /** The prompt, written to the agent's stdin. */
  stdin: string;
  /** argv as logged (the prompt is never part of it). */
  loggedArgv: string[];
  /** Exit codes that mean "turn limit reached" (a cut-off, not a failure). */
  truncatedExitCodes: number[];
  /** Exit codes that mean the CLI cannot run in this environment, with their meaning. */
  environmentExitCodes: Record<number, string>;
}

/** Gemini CLI's fatal exit codes that no retry of the task can fix. */
export const GEMINI_ENVIRONMENT_EXIT_CODES: Record<number, string> = {
  41: 'authentication failed (FatalAuthenticationError)',
  42: 'bad input or flags (FatalInputError)',
  44: 'sandbox error (FatalSandboxError)',
  52: 'configuration error (FatalConfigError)',
  55: 'the folder is not trusted (FatalUntrustedWorkspaceError; pass --skip-trust or trust it)',
};

/** The non-interactive permission default of Claude runners. */
const CLAUDE_DEFAULT_PERMISSION = ['--permission-mode', 'acceptEdits'];
const CLAUDE_PERMISSION_FLAGS = new Set([
  '--permission-mode',
  '--dangerously-skip-permissions',
  '--allowedTools',
  '--allowed-tools',
]);

function hasPermissionFlag(args: readonly string[]): boolean {
  return args.some((a) => CLAUDE_PERMISSION_FLAGS.has(a.split('=')[0] ?? a));
}
/** Placeholder for the prompt in logged argv. */

/** Builds the invocation of a runner; throws on a `command` runner without `argv`. */
export function buildInvocation(
  spec: RunnerSpec,
  prompt: string,
  maxTurns: number,
): AgentInvocation {
  const model = spec.model !== undefined ? ['--model', spec.model] : [];
  const base = { stdin: prompt, truncatedExitCodes: [] as number[], environmentExitCodes: {} };
  let argv: string[];
  switch (spec.kind) {
    case 'claude': {
      const permission = hasPermissionFlag(spec.args) ? [] : CLAUDE_DEFAULT_PERMISSION;
      argv = [
        spec.bin ?? 'claude',
        '-p',
        '--output-format',
        'stream-json',
        '--verbose',
        '--max-turns',
        String(maxTurns),
        ...permission,
        ...model,
        ...spec.args,
      ];
      return { ...base, argv, loggedArgv: argv, format: 'claude-stream-json' };
    }
    case 'codex':
      argv = [spec.bin ?? 'codex', 'exec', '--json', ...model, ...spec.args, '-'];
      return { ...base, argv, loggedArgv: argv, format: 'codex-json' };
    case 'gemini':
      argv = [spec.bin ?? 'gemini', '--output-format', 'stream-json', ...model, ...spec.args];
      return {
        ...base,
        argv,
        loggedArgv: argv,
        format: 'gemini-stream-json',
        truncatedExitCodes: [53],
        environmentExitCodes: GEMINI_ENVIRONMENT_EXIT_CODES,
      };
    case 'command': {
      const [first, ...rest] = spec.argv ?? [];
      if (first === undefined) throw new Error('runner kind "command" needs a non-empty argv');
      argv = [spec.bin ?? first, ...rest, ...spec.args];
      return { ...base, argv, loggedArgv: argv, format: spec.format ?? 'text' };
    }
  }
}
