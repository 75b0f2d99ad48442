/**
 * The commander program of the `wave` command: every command, its options and help. Loaded by
 * `wave.ts` only when no fast path (the PreToolUse hook, a plain `wave status`) took the call.
 *
 * Exit codes: a command's own (see README), 2 for every usage error (unknown command or flag,
 * missing argument, a bad `--platform`), 70 for an internal error (one line with the log path; the
 * stack only with `WAVE_DEBUG=1`).
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { runCommand } from './command-runner.js';
import { numberArg } from './cli-options.js';

/** Parses `argv` (as `process.argv`) and runs the command; sets `process.exitCode`. */
export async function runProgram(argv: readonly string[]): Promise<void> {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };

  const program = new Command();
  // Set before any subcommand exists: subcommands copy these settings when they are created.
  program
    .name('wave')
    .description('Run multi-wave coding sessions with role-based coding agents (event-sourced).')
    .version(pkg.version)
    .showHelpAfterError()
    .exitOverride();

  const run = runCommand;

  program
    .command('run')
    .description('run a session from a plan file to its end')
    .argument('<plan>', 'plan file (YAML, JSON or the reference markdown plan)')
    .option('--repo <dir>', 'repository to work in', '.')
    .addOption(
      new Option('--platform <name>', 'state directory platform')
        .choices(['claude', 'codex', 'cursor', 'pi'])
        .default('claude'),
    )
    .option('--yes', 'answer every decision with its documented default')
    .option(
      '--json',
      'print the event stream (one JSON envelope per line) instead of the progress display',
    )
    .option('--allow-dirty', 'run although the working tree has uncommitted changes')
    .action((plan: string, opts: Record<string, unknown>) =>
      run('run', async (ctx) => (await import('./run.command.js')).runCommand(plan, opts, ctx)),
    );

  program
    .command('autopilot')
    .description('run sessions one after another (one per plan) under the kill switches')
    .argument('<plans...>', 'plan files, run in this order')
    .option('--repo <dir>', 'repository to work in', '.')
    .option('--max-sessions <n>', 'stop before session N+1 (1..50, default 5)', numberArg(true))
    .option(
      '--max-hours <h>',
      'stop before a session once H hours have passed (0.5..24, default 4)',
      numberArg(false),
    )
    .option(
      '--token-budget <n>',
      'stop before a session once N tokens were used (default 0: off)',
      numberArg(true),
    )
    .addOption(
      new Option('--platform <name>', 'state directory platform')
        .choices(['claude', 'codex', 'cursor', 'pi'])
        .default('claude'),
    )
    .option('--json', "print the sessions' event streams instead of the progress display")
    .option('--allow-dirty', 'run although the working tree has uncommitted changes')
    .action((plans: string[], opts: Record<string, unknown>) =>
      run('autopilot', async (ctx) =>
        (await import('./autopilot.command.js')).autopilotCommand(plans, opts, ctx),
      ),
    );

  program
    .command('resume')
    .description('continue the interrupted session of the repository from its log')
    .option('--repo <dir>', 'repository', '.')
    .option(
      '--session <id>',
      'the interrupted session to continue (its id or label; default the most recently active)',
    )
    .option('--yes', 'answer every decision with its documented default')
    .option('--json', 'print the event stream instead of the progress display')
    .option(
      '--accept-divergence',
      'resume although the log holds decisions this version would not take (logged)',
    )
    .action((opts: Record<string, unknown>) =>
      run('resume', async (ctx) => (await import('./run.command.js')).resumeCommand(opts, ctx)),
    );

  program
    .command('status')
    .description('show the current session, wave, agents and missions')
    .option('--repo <dir>', 'repository', '.')
    .option('--json', 'print the status as JSON')
    .action((opts: Record<string, unknown>) =>
      run('status', async () => (await import('./status.command.js')).statusCommand(opts)),
    );

  program
    .command('validate')
    .description('check a plan file and the Session Config without running anything')
    .argument('<plan>', 'plan file')
    .option('--repo <dir>', 'repository whose CLAUDE.md / AGENTS.md holds the Session Config', '.')
    .action((plan: string, opts: Record<string, unknown>) =>
      run('validate', async () =>
        (await import('./validate.command.js')).validateCommand(plan, opts),
      ),
    );

  program
    .command('replay')
    .description('rebuild every projection from an event log')
    .argument('<log>', 'event log (.orchestrator/log/<session>.jsonl)')
    .option('--out <dir>', 'write the files under DIR instead of the repository of the log')
    .option('--check', 'compare with the files on disk; exit 1 on any difference')
    .option('--at <seq>', 'project the log as of event SEQ')
    .action((log: string, opts: Record<string, unknown>) =>
      run('replay', async (ctx) => {
        ctx.logPath = log;
        return (await import('./replay.command.js')).replayCommand(log, opts);
      }),
    );

  program
    .command('inspect')
    .description('serve a local visual inspector of a session log (127.0.0.1, token in the URL)')
    .argument('[log]', 'event log (default: the newest session of --repo, followed as it runs)')
    .option('--repo <dir>', 'repository whose newest session to inspect', '.')
    .option('--port <n>', 'port (default: a free one)')
    .option('--open', 'open the page in the default browser')
    .option(
      '--stately [url]',
      "also forward XState inspection events to Stately's inspector (WebSocket, default ws://localhost:8080)",
    )
    .action((log: string | undefined, opts: Record<string, unknown>) =>
      run('inspect', async () => (await import('./inspect.command.js')).inspectCommand(log, opts)),
    );

  program
    .command('fork')
    .description(
      'start a new session from the first SEQ events of a session log (resume it with `wave resume`)',
    )
    .argument('<log>', 'event log to fork')
    .requiredOption('--at <seq>', 'last event to copy')
    .option('--plan <file>', 'plan for the fork (only before the plan was approved)')
    .action((log: string, opts: Record<string, unknown>) =>
      run('fork', async () => (await import('./fork.command.js')).forkCommand(log, opts)),
    );

  const hook = program.command('hook').description('Claude Code hooks that enforce the wave scope');
  hook
    .command('pre-tool-use')
    .description('the PreToolUse hook: reads the hook JSON on stdin, answers with the decision')
    .option('--root <dir>', 'project root (default: $CLAUDE_PROJECT_DIR, else the payload cwd)')
    .option('--manifest <file>', 'wave-scope.json to enforce (default: searched under the root)')
    .action(async (opts: { root?: string; manifest?: string }) => {
      // Normally served by the fast path above, before commander loads.
      const args = [
        ...(opts.root !== undefined ? ['--root', opts.root] : []),
        ...(opts.manifest !== undefined ? ['--manifest', opts.manifest] : []),
      ];
      process.exitCode = (await import('./hook-pre-tool-use.js')).runPreToolUseHook(args);
    });
  hook
    .command('install')
    .description("add the PreToolUse hook to the project's .claude/settings.json (idempotent)")
    .option('--repo <dir>', 'repository', '.')
    .action((opts: Record<string, unknown>) =>
      run('hook install', async () =>
        (await import('./hook-install.command.js')).hookInstallCommand(opts),
      ),
    );

  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    // Commander has printed the problem; usage errors are bad input (exit 2), --help and
    // --version exit 0.
    if (!(error instanceof CommanderError)) throw error;
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  }
}
