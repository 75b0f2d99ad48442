/**
 * The verification-failure diagnostics bundles of the reference (§B8): one file per exhausted
 * gate, `.orchestrator/metrics/verification-failures/<ts of the last failure, ':' → '-'>.json`,
 * 2-space JSON, built from the logged gate failures, the wave's change set and the plan's gate
 * commands, with token-shaped strings redacted. Secrets of the environment cannot be known to a
 * pure projection; gate output is already the tail the gate runner kept.
 */
import type { DomainEvent } from '../events.js';
import {
  buildDiagnosticsBundle,
  diagnosticsBundleFileName,
  type GateFailureRecord,
} from '../domain/diagnostics-bundle.js';
import { VERIFICATION_FAILURES_DIR } from '../domain/paths.js';
import type { Projection, ProjectionOutput } from './projection.js';

/** The folded view. */
export interface VerificationFailuresView {
  repo: string;
  commands: Record<string, readonly string[]>;
  failures: Map<
    number,
    { records: GateFailureRecord[]; lastTs: string; changedSinceGreen?: string[] }
  >;
  changed: Map<number, string[]>;
  /** Rendered bundles by path. */
  bundles: Map<string, string>;
}

function evolve(view: VerificationFailuresView, e: DomainEvent): VerificationFailuresView {
  switch (e.type) {
    case 'session.started':
      view.repo = e.data.repo;
      break;
    case 'session.planned':
      view.commands = Object.fromEntries(
        e.data.plan.config.qualityGates.map((g) => [g.name, g.argv]),
      );
      break;
    case 'wave.inspected':
      view.changed.set(e.data.wave, [...e.data.changedFiles]);
      break;
    case 'gate.failed': {
      const entry = view.failures.get(e.data.wave) ?? { records: [], lastTs: e.ts };
      entry.records.push({
        gate: e.data.gate,
        exitCode: e.data.exitCode,
        output: e.data.output,
        timedOut: e.data.timedOut,
        command: e.data.command,
        attempt: e.data.attempt,
      });
      entry.lastTs = e.ts;
      if (e.data.changedSinceGreen) entry.changedSinceGreen = [...e.data.changedSinceGreen];
      view.failures.set(e.data.wave, entry);
      break;
    }
    case 'gate.exhausted': {
      const entry = view.failures.get(e.data.wave);
      if (!entry) break;
      const bundle = buildDiagnosticsBundle({
        timestamp: entry.lastTs,
        wave: `W${e.data.wave}`,
        gate: e.data.gate,
        retryAttempts: e.data.attempts,
        maxRetries: e.data.maxRetries,
        failures: entry.records,
        // Since the last green gate (reference §B8) when the gate runner measured it.
        changedFiles: entry.changedSinceGreen ?? view.changed.get(e.data.wave) ?? [],
        commands: view.commands,
        repoRoot: view.repo,
      });
      const path = `${VERIFICATION_FAILURES_DIR}/${diagnosticsBundleFileName(entry.lastTs)}`;
      view.bundles.set(path, `${JSON.stringify(bundle, null, 2)}\n`);
      break;
    }
    default:
      break;
  }
  return view;
}

function render(view: VerificationFailuresView): ProjectionOutput[] {
  return [...view.bundles].map(([path, content]) => ({ kind: 'file', path, content }));
}

/** The diagnostics-bundle projection. */
export const verificationFailuresProjection: Projection<VerificationFailuresView> = {
  name: 'verification-failures',
  version: 1,
  handles: [
    'session.started',
    'session.planned',
    'wave.inspected',
    'gate.failed',
    'gate.exhausted',
  ],
  init: () => ({
    repo: '',
    commands: {},
    failures: new Map(),
    changed: new Map(),
    bundles: new Map(),
  }),
  evolve,
  render,
};
