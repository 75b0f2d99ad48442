/**
 * The quality-gate effect of a live session: one gate attempt of the kind the machine decided
 * (Quality-Lite with the changed files, or the Full Gate), reported as `gate.passed` or
 * `gate.failed` with the files changed since the last green gate (where a fixer looks first).
 */
import { newEvent, type NewEvent } from '../events.js';
import { runGate as runGateKind, type WaveGateResult } from '../actors/gate-run.js';
import { changedBetween, snapshotTree } from '../actors/git-tree-snapshot.js';
import { gateKindAfterWave } from '../domain/gate-kinds.js';
import type { EffectRunnerDeps } from './effect-runner.js';

/** What a gate attempt needs of the effect runner's dependencies. */
type GateDeps = Pick<
  EffectRunnerDeps,
  'plan' | 'repo' | 'git' | 'baseRef' | 'signal' | 'enqueue' | 'platform' | 'gateTimeoutMs'
>;

/** Runs gate attempts: `(wave, attempt, causation, kind?)`, each reported as its event. */
export function createGateEffect(
  deps: GateDeps,
): (wave: number, attempt: number, causation: number, decided?: 'lite' | 'full') => Promise<void> {
  const cfg = deps.plan.config;
  const roles = deps.plan.waves.map((w) => w.role);
  // The working tree at the last green gate (a git tree id), for "changed since the last green";
  // before the first green gate, the tree as this runner found it (the session's start).
  let lastGreenTree: string | null = null;
  const snapshot = async (): Promise<string | null> => {
    try {
      return await snapshotTree(deps.repo, deps.signal);
    } catch (error) {
      if (deps.signal.aborted) return null;
      throw error;
    }
  };
  const startTree = snapshot();
  // Its failure surfaces where it is awaited (a failed gate); this only marks it as observed.
  startTree.catch(() => undefined);

  return async (wave: number, attempt: number, causation: number, decided?: 'lite' | 'full') => {
    // The kind the machine decided; for sessions before it did, Quality-Lite after implementation
    // waves and the Full Gate otherwise.
    const kind = decided ?? gateKindAfterWave(roles, wave) ?? 'full';
    const changedFiles =
      kind === 'lite' ? await deps.git.changedFiles(deps.signal, deps.baseRef ?? undefined) : [];
    const timeoutMs = deps.gateTimeoutMs ?? cfg.gateTimeoutMs;
    const result = (await runGateKind(
      {
        kind,
        gates: cfg.qualityGates,
        cwd: deps.repo,
        changedFiles,
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      },
      deps.signal,
    )) as WaveGateResult;
    let e: NewEvent;
    if (result.ok) {
      lastGreenTree = (await snapshot()) ?? lastGreenTree;
      e = newEvent('gate.passed', {
        wave,
        attempt,
        ...(result.counts ? { counts: { ...result.counts } } : {}),
        platform: deps.platform,
        kind,
        ...(result.skipped.length > 0 ? { skipped: result.skipped } : {}),
      });
    } else {
      // Since the last green gate of this run, else since the session's start.
      const from = lastGreenTree ?? (await startTree);
      const now = from !== null && !result.aborted ? await snapshot() : null;
      const changedSinceGreen =
        from !== null && now !== null
          ? await changedBetween(deps.repo, from, now, deps.signal).catch((error: unknown) => {
              if (deps.signal.aborted) return undefined;
              throw error;
            })
          : undefined;
      e = newEvent('gate.failed', {
        wave,
        attempt,
        gate: result.gate,
        command: result.command,
        exitCode: result.exitCode,
        output: result.output,
        timedOut: result.timedOut,
        kind,
        ...(result.counts ? { counts: { ...result.counts } } : {}),
        ...(changedSinceGreen ? { changedSinceGreen } : {}),
      });
    }
    deps.enqueue({ ...e, causation });
  };
}
