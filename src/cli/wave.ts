#!/usr/bin/env node
/**
 * The `wave` command. Two calls that must start about as fast as node itself are served before
 * anything else loads: the PreToolUse hook (run before every tool call of a Claude agent) and a
 * plain `wave status`. Everything else goes to the commander program (`wave-program.ts`), whose
 * commands import what they need when they run.
 *
 * Exit codes: a command's own (see README), 2 for every usage error (unknown command or flag,
 * missing argument, a bad `--platform`), 70 for an internal error (one line with the log path; the
 * stack only with `WAVE_DEBUG=1`).
 */
import { plainStatusArgs } from './status-fast-path.js';

const args = process.argv.slice(2);
const helpAsked = args.includes('--help') || args.includes('-h');
const status = plainStatusArgs(args);
if (args[0] === 'hook' && args[1] === 'pre-tool-use' && !helpAsked) {
  const { runPreToolUseHook } = await import('./hook-pre-tool-use.js');
  let code: number;
  try {
    code = runPreToolUseHook(args.slice(2));
  } catch (error) {
    // Fail closed: exit 2 blocks the tool call and shows the reason.
    process.stderr.write(`wave hook pre-tool-use: ${(error as Error).message}\n`);
    code = 2;
  }
  process.exit(code);
} else if (status !== null) {
  const { runCommand } = await import('./command-runner.js');
  await runCommand('status', async () =>
    (await import('./status.command.js')).statusCommand(status),
  );
} else {
  await (await import('./wave-program.js')).runProgram(process.argv);
}
