/**
 * The wave machine's gate decisions as pure functions of its context: each gate attempt (with the
 * kind the session decided: Quality-Lite or the Full Gate), the green gate (with its auto-commit),
 * the auto-fix round, a failure that predates the session (the red-baseline question) and
 * exhaustion. Each returns intents; nothing changes until their events are logged.
 */
import { newEvent, type EventOf } from '../events.js';
import { diagnosticsBundleFileName } from '../domain/diagnostics-bundle.js';
import { VERIFICATION_FAILURES_DIR } from '../domain/paths.js';
import { blameOf } from '../domain/gate-blame.js';
import { agentIdOf, type Intent } from './intents.js';
import { fixTaskOf, type WaveContext } from './wave.context.js';
import { deviation, dispatchRound } from './wave.decide.js';

type Ctx = Readonly<WaveContext>;

/** Starts the next gate attempt. */
export function proposeGate(ctx: Ctx): Intent[] {
  const attempt = ctx.gateAttempt + 1;
  const kind = ctx.rails?.gateKind;
  return [
    {
      kind: 'append',
      event: newEvent('gate.started', {
        wave: ctx.wave,
        attempt,
        gates: [...ctx.gates],
        ...(kind ? { kind } : {}),
      }),
    },
    {
      kind: 'effect',
      effect: {
        kind: 'run-gate',
        key: `gate:w${ctx.wave}:${attempt}`,
        wave: ctx.wave,
        attempt,
        ...(kind ? { gateKind: kind } : {}),
      },
    },
  ];
}

/** Retries the gate allows after a failure (auto-fix off: none). */
export function maxRetriesOf(ctx: Pick<WaveContext, 'autoFix'>): number {
  return ctx.autoFix.enabled ? ctx.autoFix.maxRetries : 0;
}

/** Completes the wave with its quality. */
export function completeWave(
  ctx: Ctx,
  quality: 'pass' | 'skip' | 'fail',
  passed?: EventOf<'gate.passed'>,
): Intent {
  const d = passed?.data;
  const suite =
    d?.counts && d.platform
      ? { passed: d.counts.passed, failed: d.counts.failed, platform: d.platform }
      : undefined;
  return {
    kind: 'append',
    event: newEvent('wave.completed', {
      wave: ctx.wave,
      role: ctx.role,
      quality,
      filesChanged: ctx.waveFiles.length,
      ...(suite ? { suite } : {}),
    }),
  };
}

/** The gate is green: the auto-fix note when it took retries, then the wave's completion. */
export function proposePass(ctx: Ctx, e: EventOf<'gate.passed'>): Intent[] {
  const out: Intent[] = [];
  if (ctx.gateAttempt > 1 && ctx.lastFailure) {
    out.push(
      deviation({
        wave: ctx.wave,
        kind: 'D2',
        code: 'autofix-succeeded',
        params: {
          attempts: ctx.gateAttempt,
          maxRetries: maxRetriesOf(ctx),
          gate: ctx.lastFailure.gate,
        },
      }),
    );
  }
  out.push(completeWave(ctx, 'pass', e));
  return out;
}

/** The fix round: one agent with the failing gate, its command and its output. */
export function dispatchFix(ctx: Ctx): Intent[] {
  const failure = ctx.lastFailure;
  if (!failure) return [];
  const fix = fixTaskOf(ctx, failure);
  const agentId = agentIdOf(ctx.wave, fix.task.id, (ctx.attempts[fix.task.id] ?? 0) + 1);
  return [
    {
      kind: 'append',
      event: newEvent('gate.fix_dispatched', {
        wave: ctx.wave,
        attempt: failure.attempt,
        taskId: fix.task.id,
        agentId,
      }),
    },
    ...dispatchRound(ctx, [fix]),
  ];
}

/** Auto-fix is exhausted: the wave is blocked, with its diagnostics bundle. */
export function proposeExhausted(ctx: Ctx, e: EventOf<'gate.failed'>): Intent[] {
  const maxRetries = maxRetriesOf(ctx);
  const bundle = `${VERIFICATION_FAILURES_DIR}/${diagnosticsBundleFileName(e.ts)}`;
  return [
    {
      kind: 'append',
      event: newEvent('gate.exhausted', {
        wave: ctx.wave,
        attempts: ctx.gateAttempt,
        maxRetries,
        gate: e.data.gate,
      }),
    },
    deviation({
      wave: ctx.wave,
      kind: 'D3',
      code: 'autofix-exhausted',
      params: { attempts: ctx.gateAttempt, maxRetries, gate: e.data.gate, bundle },
    }),
  ];
}

/** The id of the question about a gate that was already red at session start. */
export function baselineDecisionId(ctx: Pick<WaveContext, 'wave' | 'gateAttempt'>): string {
  return `w${ctx.wave}-baseline-${ctx.gateAttempt}`;
}

/**
 * True when the wave's first gate failure predates the session: the gate was red in the baseline
 * and fails no worse now (rails only; a session without a baseline blames every failure on the
 * wave). Later failures of the wave go the usual auto-fix way.
 */
export function failurePredatesSession(ctx: Ctx, e: EventOf<'gate.failed'>): boolean {
  const baseline = ctx.rails?.baseline;
  return (
    ctx.failures.length === 0 && baseline != null && blameOf(e.data, baseline) === 'pre-existing'
  );
}

/**
 * Asks what to do about a gate that was red before any agent ran and fails no worse: have the
 * auto-fix agent work on it as usual (the default: a test written red before its implementation
 * is how test-first work begins; the fixer is told the gate's baseline), accept it (the wave
 * completes with its gate red, as the session found it), or stop.
 */
export function askBaseline(ctx: Ctx): Intent[] {
  const id = baselineDecisionId(ctx);
  const gate = ctx.lastFailure?.gate ?? 'the gate';
  const prompt = `Wave ${ctx.wave}: gate ${gate} was already red at session start and fails no worse now. Have the fix agent work on it, accept it as it was, or abort?`;
  const options = ['fix', 'accept', 'abort'];
  const ask = { id, prompt, options, default: 'fix' };
  return [
    { kind: 'append', event: newEvent('decision.requested', { ...ask, kind: 'red-baseline' }) },
    { kind: 'effect', effect: { kind: 'ask', key: `ask:${id}`, ...ask } },
  ];
}

/** The red baseline was accepted: the wave completes, its gate red as the session found it. */
export function completeRed(ctx: Ctx): Intent[] {
  return [completeWave(ctx, 'fail')];
}

/** The operator chose to stop at a red baseline. */
export function abortAtBaseline(ctx: Ctx): Intent[] {
  const reason = `Wave ${ctx.wave}: gate ${ctx.lastFailure?.gate ?? ''} was red at session start and the operator chose to abort`;
  return [{ kind: 'append', event: newEvent('session.aborted', { cause: 'decision', reason }) }];
}

/** Auto-fix is exhausted after the red-baseline question (its last failure). */
export function proposeExhaustedLast(ctx: Ctx): Intent[] {
  const last = ctx.failures.at(-1);
  return last ? proposeExhausted(ctx, last) : [];
}

/**
 * The gate is green and the plan asks for a commit per wave: the coordinator commits what changed
 * since the wave's base (the wave's agents and fixers; never the user's other uncommitted work).
 */
export function proposeAutoCommit(ctx: Ctx): Intent[] {
  const message = `wave ${ctx.wave} (${ctx.role}): quality gate green`;
  return [
    {
      kind: 'effect',
      effect: {
        kind: 'git-auto-commit',
        key: `autocommit:w${ctx.wave}`,
        wave: ctx.wave,
        message,
        ...(ctx.base ? { since: ctx.base.tree } : {}),
      },
    },
  ];
}
