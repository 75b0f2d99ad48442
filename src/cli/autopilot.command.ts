/**
 * `wave autopilot <plan…> [--max-sessions N] [--max-hours H] [--token-budget N]`: one session per
 * plan, in order, under the kill switches (abort, max sessions, max hours, token budget before
 * each; stall, spiral, failed, carry-over ratio after each). Every plan is loaded and checked
 * before the first session starts (exit 2, nothing written). Exit 0 when every plan ran, 3 when a
 * kill switch tripped. Its log: `.orchestrator/log/autopilot/<run-id>.jsonl`; its state record:
 * `.orchestrator/metrics/autopilot.jsonl`; each session's sessions.jsonl record carries
 * `autopilot_run_id`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Platform, ResolvedPlan } from '../domain/plan.schema.js';
import { loadPlan } from '../adapters/plan/load-plan.js';
import { policyAsker } from '../adapters/decision-asker.js';
import { systemClock } from '../adapters/clock.js';
import { createGit } from '../actors/git.js';
import { createWaveExecutor } from '../runtime.js';
import { runToResult } from '../runtime/run-session.js';
import { AUTOPILOT_LOG_DIR, runAutopilot } from '../runtime/autopilot.js';
import { autopilotRunId, clampBounds } from '../domain/autopilot/kill-switches.js';
import { createDisplay, displayModeFor } from './display.js';
import { directoryOption } from './cli-paths.js';
import type { ErrorContext } from './report-error.js';

/** A run id not used yet in this repository (`…-autopilot`, then `…-autopilot-2`, …). */
function freshRunId(repo: string, base: string): string {
  let id = base;
  for (let n = 2; existsSync(join(repo, AUTOPILOT_LOG_DIR, `${id}.jsonl`)); n++)
    id = `${base}-${n}`;
  return id;
}

/** Runs `wave autopilot`. */
export async function autopilotCommand(
  plans: string[],
  opts: Record<string, unknown>,
  context: ErrorContext = {},
): Promise<number> {
  const repo = await directoryOption('--repo', opts.repo);
  const resolved = new Map<string, ResolvedPlan>();
  for (const plan of plans) resolved.set(plan, await loadPlan({ planPath: plan, repo }));
  const clock = systemClock();
  const controller = new AbortController();
  const branch = await createGit(repo).branch(controller.signal);
  const runId = freshRunId(
    repo,
    autopilotRunId(branch ?? 'detached', new Date(clock.now()).toISOString()),
  );
  const bounds = clampBounds({
    ...(opts.maxSessions !== undefined ? { maxSessions: opts.maxSessions as number } : {}),
    ...(opts.maxHours !== undefined ? { maxHours: opts.maxHours as number } : {}),
    ...(opts.tokenBudget !== undefined ? { tokenBudget: opts.tokenBudget as number } : {}),
  });
  const mode = displayModeFor({ json: Boolean(opts.json), isTTY: Boolean(process.stderr.isTTY) });
  const say = (line: string) =>
    (mode === 'json' ? process.stderr : process.stdout).write(`${line}\n`);
  let interrupts = 0;
  const onSignal = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    process.stderr.write('\nwave autopilot: stopping (no further session starts)…\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const outcome = await runAutopilot({
      repo,
      runId,
      plans: plans.map((source) => ({ source })),
      bounds,
      clock,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'autopilot.kill_switch')
          say(`autopilot: kill switch ${e.data.switch}: ${e.data.detail}`);
      },
      runSession: async (plan, id) => {
        const executor = await createWaveExecutor({
          plan: resolved.get(plan.source) as ResolvedPlan,
          planSource: plan.source,
          repo,
          platform: (opts.platform as Platform | undefined) ?? 'claude',
          allowDirty: Boolean(opts.allowDirty),
          ask: policyAsker,
          signal: controller.signal,
          autopilotRunId: id,
          clock,
        });
        context.logPath = join(repo, '.orchestrator', 'log', `${executor.sessionId}.jsonl`);
        const display = createDisplay({
          mode,
          out: process.stdout,
          err: process.stderr,
          now: () => clock.now(),
          columns: () => process.stderr.columns || 80,
          rows: () => process.stderr.rows || 24,
        });
        const unsubscribe = executor.subscribe((batch) => display.onEvents(batch));
        try {
          return await runToResult(executor);
        } finally {
          unsubscribe();
          display.close();
        }
      },
    });
    say(
      `autopilot ${outcome.runId}: ${outcome.sessions.length} session(s), ${outcome.totalTokens} tokens; ${
        outcome.killSwitch ? `stopped by ${outcome.killSwitch.switch}` : 'every plan ran'
      }`,
    );
    say(`autopilot log: ${outcome.logPath}`);
    return outcome.killSwitch === null ? 0 : 3;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
