/**
 * The entry point of the three quality gates (`src/domain/gate-kinds.ts`): the baseline at
 * session start (every gate, not fail-fast, each gate's state recorded), Quality-Lite (the
 * `{changed}` placeholder filled with the session's changed files that still exist) and the Full
 * Gate (lint → typecheck → test, fail-fast). Each command runs without a shell in its own
 * process group, killed at its timeout or on abort (`runGateCommand`).
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { QualityGate } from '../domain/plan.schema.js';
import { gatePlanFor, type GateKind } from '../domain/gate-kinds.js';
import { parseTestCounts, type TestCounts } from './quality-gate.output.js';
import { runGateCommand, runQualityGate, type GateOutcome } from './quality-gate.js';

/** Default per-command timeout: 15 minutes (reference §E). */
const DEFAULT_TIMEOUT_MS = 15 * 60 * 1000;

/** What to run. */
export interface GateRunRequest {
  readonly kind: GateKind;
  readonly gates: readonly QualityGate[];
  /** Repository-relative files the session changed (Quality-Lite's `{changed}`). */
  readonly changedFiles?: readonly string[];
  /** The repository. */
  readonly cwd: string;
  /** Per-command timeout (default 15 minutes). */
  readonly timeoutMs?: number;
  readonly env?: Readonly<Record<string, string>>;
  /** Grace between SIGTERM and SIGKILL of a command's process group. */
  readonly killGraceMs?: number;
}

/** One gate of the baseline. */
export interface BaselineGate {
  readonly name: string;
  readonly command: string[];
  readonly ok: boolean;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly counts?: TestCounts;
  /** Output tail of a red gate. */
  readonly output?: string;
}

/** The baseline: every gate's state at session start. */
export interface BaselineResult {
  readonly kind: 'baseline';
  readonly green: boolean;
  readonly gates: BaselineGate[];
  /** True when the baseline was cut short by the abort signal (later gates did not run). */
  readonly aborted: boolean;
}

/** A Quality-Lite or Full Gate attempt, with the Quality-Lite gates that had nothing to check. */
export type WaveGateResult = GateOutcome & { readonly kind: 'lite' | 'full'; skipped: string[] };

/** Outcome of {@link runGate}. */
export type GateRunResult = BaselineResult | WaveGateResult;

async function exists(cwd: string, file: string): Promise<boolean> {
  try {
    await access(join(cwd, file));
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw error;
  }
}

/** The changed files that still exist (a deleted file cannot be linted). */
async function existing(cwd: string, files: readonly string[]): Promise<string[]> {
  const present = await Promise.all(files.map((f) => exists(cwd, f)));
  return files.filter((_, i) => present[i]);
}

/**
 * Runs every gate in order, never stopping at a red one, and records each: the baseline.
 * An abort stops it (the gates not run yet are absent).
 */
export async function runBaseline(
  request: Omit<GateRunRequest, 'kind' | 'changedFiles'>,
  signal?: AbortSignal,
): Promise<BaselineResult> {
  const { run } = gatePlanFor('baseline', request.gates);
  const gates: BaselineGate[] = [];
  let aborted = false;
  for (const gate of run) {
    if (signal?.aborted) {
      aborted = true;
      break;
    }
    const outcome = await runGateCommand(gate.argv, {
      cwd: request.cwd,
      timeoutMs: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      ...(signal ? { signal } : {}),
      ...(request.env ? { env: request.env } : {}),
      ...(request.killGraceMs !== undefined ? { killGraceMs: request.killGraceMs } : {}),
    });
    if (outcome.aborted) {
      aborted = true;
      break;
    }
    const ok = outcome.exitCode === 0 && !outcome.timedOut;
    const counts = parseTestCounts(outcome.output);
    gates.push({
      name: gate.name,
      command: gate.argv,
      ok,
      exitCode: outcome.exitCode,
      timedOut: outcome.timedOut,
      ...(counts ? { counts } : {}),
      ...(ok ? {} : { output: outcome.output }),
    });
  }
  return { kind: 'baseline', green: !aborted && gates.every((g) => g.ok), gates, aborted };
}

/**
 * Runs one gate of a kind: the baseline ({@link runBaseline}), or one fail-fast attempt of
 * Quality-Lite or the Full Gate.
 * @throws TypeError when a gate's argv is empty or the timeout is not positive.
 */
export async function runGate(
  request: GateRunRequest,
  signal?: AbortSignal,
): Promise<GateRunResult> {
  if (request.kind === 'baseline') return runBaseline(request, signal);
  const changed =
    request.kind === 'lite' ? await existing(request.cwd, request.changedFiles ?? []) : [];
  const { run, skipped } = gatePlanFor(request.kind, request.gates, changed);
  const outcome = await runQualityGate({
    gates: run,
    cwd: request.cwd,
    ...(signal ? { signal } : {}),
    ...(request.timeoutMs !== undefined ? { timeoutMs: request.timeoutMs } : {}),
    ...(request.env ? { env: request.env } : {}),
    ...(request.killGraceMs !== undefined ? { killGraceMs: request.killGraceMs } : {}),
  });
  return { ...outcome, kind: request.kind, skipped };
}
