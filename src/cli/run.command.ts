/**
 * `wave run <plan>` and `wave resume`: load and check, run the session live with a progress
 * display (TTY), plain lines (no TTY) or the JSON event stream (`--json`), print the summary and
 * return the documented exit code.
 */
import { join } from 'node:path';
import type { Platform } from '../domain/plan.schema.js';
import { loadPlan } from '../adapters/plan/load-plan.js';
import { policyAsker, terminalAsker } from '../adapters/decision-asker.js';
import type { DecisionAsker } from '../ports.js';
import {
  createWaveExecutor,
  resumeWaveExecutor,
  type RunOutcome,
  type WaveExecutor,
} from '../runtime.js';
import { createDisplay, displayModeFor } from './display.js';
import { colourEnabled } from './progress-format.js';
import type { DomainEvent } from '../events.js';
import type { ErrorContext } from './report-error.js';
import { directoryOption } from './cli-paths.js';
import { resumeTarget } from './resume-target.js';

function askerFor(opts: Record<string, unknown>): DecisionAsker {
  const tty = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  return opts.yes || !tty || opts.json ? policyAsker : terminalAsker(process.stdin, process.stderr);
}

async function execute(
  executor: WaveExecutor,
  controller: AbortController,
  opts: Record<string, unknown>,
  history: readonly DomainEvent[] = [],
): Promise<number> {
  const mode = displayModeFor({ json: Boolean(opts.json), isTTY: Boolean(process.stderr.isTTY) });
  const display = createDisplay({
    mode,
    out: process.stdout,
    err: process.stderr,
    now: () => Date.now(),
    history,
    columns: () => process.stderr.columns || 80,
    rows: () => process.stderr.rows || 24,
    colour: colourEnabled(Boolean(process.stderr.isTTY), process.env),
  });
  const unsubscribe = executor.subscribe((batch) => display.onEvents(batch));
  let interrupts = 0;
  const onSignal = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    // On a TTY the live block shows the aborted session itself (a line here would be redrawn over).
    if (mode !== 'tty') {
      process.stderr.write(
        '\nwave: stopping (agents are being killed; press Ctrl-C again to exit at once)…\n',
      );
    }
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let outcome: RunOutcome;
  try {
    outcome = await executor.run();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    unsubscribe();
    display.close();
  }
  return outcome.exitCode;
}

const logPathOf = (repo: string, session: string) =>
  join(repo, '.orchestrator', 'log', `${session}.jsonl`);

/** Runs `wave run`. */
export async function runCommand(
  plan: string,
  opts: Record<string, unknown>,
  context: ErrorContext = {},
): Promise<number> {
  const repo = await directoryOption('--repo', opts.repo);
  const resolved = await loadPlan({ planPath: plan, repo });
  const controller = new AbortController();
  const executor = await createWaveExecutor({
    plan: resolved,
    planSource: plan,
    repo,
    platform: (opts.platform as Platform | undefined) ?? 'claude',
    allowDirty: Boolean(opts.allowDirty),
    ask: askerFor(opts),
    signal: controller.signal,
  });
  context.logPath = logPathOf(repo, executor.sessionId);
  return execute(executor, controller, opts);
}

/** Runs `wave resume`. */
export async function resumeCommand(
  opts: Record<string, unknown>,
  context: ErrorContext = {},
): Promise<number> {
  const repo = await directoryOption('--repo', opts.repo);
  const warn = (message: string) => process.stderr.write(`wave resume: warning: ${message}\n`);
  const asked = typeof opts.session === 'string' ? opts.session : undefined;
  const session = await resumeTarget(repo, asked, warn);
  const controller = new AbortController();
  const executor = await resumeWaveExecutor({
    repo,
    ...(session !== undefined ? { session } : {}),
    onWarning: warn,
    ask: askerFor(opts),
    signal: controller.signal,
    acceptDivergence: opts.acceptDivergence === true,
  });
  context.logPath = logPathOf(repo, executor.sessionId);
  return execute(executor, controller, opts);
}
