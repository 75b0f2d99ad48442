/**
 * The autopilot loop: sessions one after another, one per plan, under the kill switches
 * (`src/domain/autopilot/kill-switches.ts`). Its events go to its own log,
 * `.orchestrator/log/autopilot/<run-id>.jsonl` (beside the session logs, in a directory of its
 * own so no session reader takes it for a session), and its end to the reference's state record in
 * `.orchestrator/metrics/autopilot.jsonl` (whole file rewritten tmp + rename). Time comes from the
 * injected clock only.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  currentVersion,
  validateEventData,
  type DomainEvent,
  type EventDataInput,
} from '../events.js';
import type { Clock, EventStore } from '../ports.js';
import { createJsonlEventStore } from '../adapters/jsonl-event-store.js';
import {
  checkAfter,
  checkBefore,
  type AutopilotBounds,
  type KillSwitchTrip,
} from '../domain/autopilot/kill-switches.js';
import type { SessionRunResult } from './run-session.js';

/** Directory of autopilot logs, relative to the repository. */
export const AUTOPILOT_LOG_DIR = '.orchestrator/log/autopilot';
/** The reference's state file of autopilot runs. */
const AUTOPILOT_JSONL_PATH = '.orchestrator/metrics/autopilot.jsonl';

/** One plan to run. */
export interface AutopilotPlan {
  /** As given on the command line (logged). */
  source: string;
}

/** What a run needs. */
export interface AutopilotOptions {
  repo: string;
  runId: string;
  plans: readonly AutopilotPlan[];
  bounds: AutopilotBounds;
  clock: Clock;
  signal: AbortSignal;
  /** Runs one session of the run; throws when it cannot start (bad plan, locked repository). */
  runSession: (plan: AutopilotPlan, runId: string) => Promise<SessionRunResult>;
  /** Sees every autopilot event as it is logged. */
  onEvent?: (event: DomainEvent) => void;
}

/** How the run ended. */
export interface AutopilotOutcome {
  runId: string;
  /** Semantic ids of the sessions run. */
  sessions: string[];
  killSwitch: KillSwitchTrip | null;
  totalTokens: number;
  logPath: string;
}

type AutopilotType =
  | 'autopilot.started'
  | 'autopilot.session_finished'
  | 'autopilot.kill_switch'
  | 'autopilot.completed';

/** A small writer of the run's own log (the JSONL event store, one stream per run). */
function runLog(
  store: EventStore,
  runId: string,
  clock: Clock,
  onEvent?: (e: DomainEvent) => void,
) {
  let seq = 0;
  return async <T extends AutopilotType>(type: T, data: EventDataInput<T>): Promise<void> => {
    const event = {
      v: currentVersion(type),
      seq: seq + 1,
      ts: new Date(clock.now()).toISOString(),
      session: runId,
      type,
      data: validateEventData(type, data),
    } as DomainEvent;
    await store.append(runId, [event], { expectedVersion: seq === 0 ? 'no-stream' : seq });
    seq += 1;
    onEvent?.(event);
  };
}

/** Appends the run's state record to autopilot.jsonl (the whole file rewritten, tmp + rename). */
async function writeStateRecord(repo: string, record: Record<string, unknown>): Promise<void> {
  const path = join(repo, AUTOPILOT_JSONL_PATH);
  await mkdir(join(repo, '.orchestrator', 'metrics'), { recursive: true });
  let before = '';
  try {
    before = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const sep = before === '' || before.endsWith('\n') ? '' : '\n';
  const tmp = `${path}.tmp.${randomUUID()}`;
  await writeFile(tmp, `${before}${sep}${JSON.stringify(record)}\n`);
  await rename(tmp, path);
}

/** Why a session counts as broken for the kill switches, or undefined. */
function brokenReason(r: SessionRunResult, aborted: boolean): string | undefined {
  if (r.exitCode === 3 && !aborted) return `session aborted: ${r.reason ?? 'no reason given'}`;
  return undefined;
}

/** Runs the plans one after another until they are done or a kill switch trips. */
export async function runAutopilot(o: AutopilotOptions): Promise<AutopilotOutcome> {
  const store = createJsonlEventStore({ dir: join(o.repo, AUTOPILOT_LOG_DIR) });
  const log = runLog(store, o.runId, o.clock, o.onEvent);
  const startMs = o.clock.now();
  const sessions: string[] = [];
  let tokens = 0;
  let trip: KillSwitchTrip | null = null;
  let iteration = 0;
  /** Sessions that ran to a result (the reference's `iterations_completed`). */
  let completed = 0;
  try {
    await log('autopilot.started', {
      runId: o.runId,
      repo: o.repo,
      plans: o.plans.map((p) => p.source),
      maxSessions: o.bounds.maxSessions,
      maxHours: o.bounds.maxHours,
      tokenBudget: o.bounds.tokenBudget,
      stallSeconds: o.bounds.stallSeconds,
    });
    for (const plan of o.plans) {
      const before = checkBefore(
        {
          aborted: o.signal.aborted,
          iterations: completed,
          elapsedMs: o.clock.now() - startMs,
          tokensUsed: tokens,
        },
        o.bounds,
      );
      if (before) {
        trip = before;
        await log('autopilot.kill_switch', {
          runId: o.runId,
          ...switchData(before),
          phase: 'before',
          iteration,
        });
        break;
      }
      iteration += 1;
      let result: SessionRunResult | undefined;
      let broken: string | undefined;
      try {
        result = await o.runSession(plan, o.runId);
      } catch (error) {
        broken = `session could not run: ${(error as Error).message.split('\n')[0] ?? ''}`;
      }
      if (result) {
        completed += 1;
        sessions.push(result.session_id);
        tokens += result.usage.total_tokens;
        broken = brokenReason(result, o.signal.aborted);
      }
      // The session's own log measures its silence (its clock stamped those events).
      const silentMs = result?.longestGapMs ?? 0;
      await log('autopilot.session_finished', {
        runId: o.runId,
        iteration,
        plan: plan.source,
        sessionId: result?.session_id ?? '',
        exitCode: result?.exitCode ?? 2,
        outcome: result?.outcome ?? 'not-run',
        ...(result ? { agentSummary: result.agent_summary } : {}),
        ...(result?.effectiveness
          ? {
              plannedIssues: result.effectiveness.planned_issues,
              carryover: result.effectiveness.carryover,
            }
          : {}),
        tokens: result?.usage.total_tokens ?? 0,
        silentSeconds: Math.round(silentMs / 1000),
      });
      const after = checkAfter(
        {
          ...(broken !== undefined ? { broken } : {}),
          silentSeconds: silentMs / 1000,
          marker: result?.logPath ?? 'none',
          agentSummary: result?.agent_summary ?? { spiral: 0, failed: 0 },
          ...(result?.effectiveness ? { effectiveness: result.effectiveness } : {}),
        },
        o.bounds,
      );
      if (after) {
        trip = after;
        await log('autopilot.kill_switch', {
          runId: o.runId,
          ...switchData(after),
          phase: 'after',
          iteration,
        });
        break;
      }
    }
    // Stopped between the last session and the end: the reference's user-abort between iterations.
    if (trip === null && o.signal.aborted && iteration < o.plans.length) {
      trip = { switch: 'user-abort', detail: 'AbortSignal triggered before iteration' };
      await log('autopilot.kill_switch', {
        runId: o.runId,
        ...switchData(trip),
        phase: 'before',
        iteration,
      });
    }
    const endMs = o.clock.now();
    await log('autopilot.completed', {
      runId: o.runId,
      iterations: completed,
      sessions,
      killSwitch: trip?.switch ?? null,
      detail: trip?.detail ?? `all ${o.plans.length} plan(s) ran`,
      totalTokens: tokens,
    });
    await writeStateRecord(o.repo, {
      schema_version: 1,
      autopilot_run_id: o.runId,
      started_at: new Date(startMs).toISOString(),
      completed_at: new Date(endMs).toISOString(),
      duration_seconds: Math.round((endMs - startMs) / 1000),
      max_sessions: o.bounds.maxSessions,
      max_hours: o.bounds.maxHours,
      iterations_completed: completed,
      kill_switch: trip?.switch ?? null,
      kill_switch_detail: trip?.detail ?? null,
      sessions,
      fallback_to_manual: false,
      dry_run: false,
      total_tokens_used: tokens,
      stall_recovery_count: trip?.switch === 'stall-timeout' ? 1 : 0,
    });
  } finally {
    await store.close();
  }
  return {
    runId: o.runId,
    sessions,
    killSwitch: trip,
    totalTokens: tokens,
    logPath: join(o.repo, AUTOPILOT_LOG_DIR, `${o.runId}.jsonl`),
  };
}

function switchData(t: KillSwitchTrip): { switch: KillSwitchTrip['switch']; detail: string } {
  return { switch: t.switch, detail: t.detail };
}
