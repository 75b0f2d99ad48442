/** The wave and gate part of the progress fold. */
import type { DomainEvent } from '../events.js';
import { waveOf, type ProgressView } from './progress.types.js';
import { parseSummaryCounts } from '../domain/test-counts.js';
import { enforcementInForce } from '../domain/enforcement-label.js';

/** Folds the gate events of a wave. */
export function onGate(view: ProgressView, e: DomainEvent & { data: { wave: number } }): void {
  const w = waveOf(view, e.data.wave);
  const last = w.gates[w.gates.length - 1];
  switch (e.type) {
    case 'gate.started':
      w.state = 'gating';
      w.gates.push({
        attempt: e.data.attempt,
        gates: e.data.gates,
        result: 'running',
        failedGate: null,
        exitCode: null,
        timedOut: false,
        counts: null,
        fixAgentId: null,
        startedAt: e.ts,
        endedAt: null,
      });
      break;
    case 'gate.passed':
      if (!last) break;
      last.result = 'passed';
      last.counts = e.data.counts ?? null;
      last.endedAt = e.ts;
      break;
    case 'gate.failed':
      if (!last) break;
      last.result = 'failed';
      last.failedGate = e.data.gate;
      last.exitCode = e.data.exitCode;
      last.timedOut = e.data.timedOut;
      last.endedAt = e.ts;
      // A red gate's counts come from its output (`# pass 1`, `Tests 1 failed | 2 passed (3)`…).
      last.counts = parseSummaryCounts(e.data.output) ?? null;
      break;
    case 'gate.fix_dispatched':
      if (last) last.fixAgentId = e.data.agentId;
      break;
    case 'gate.exhausted':
      w.state = 'blocked';
      w.endedAt = e.ts;
      w.warnings.push(
        `gate ${e.data.gate} still failing after ${e.data.attempts} attempt(s) (max-retries ${e.data.maxRetries})`,
      );
      break;
    default:
      break;
  }
}

/** Folds the wave lifecycle events. */
export function onWave(view: ProgressView, e: DomainEvent & { data: { wave: number } }): void {
  const w = waveOf(view, e.data.wave);
  switch (e.type) {
    case 'wave.started':
      w.role = e.data.role;
      w.state = 'running';
      w.taskIds = e.data.taskIds;
      w.enforcement = enforcementInForce(e.data);
      w.startedAt = e.ts;
      view.currentWave = w.wave;
      break;
    case 'wave.skipped':
      w.role = e.data.role;
      w.state = 'skipped';
      w.skipReason = e.data.reason;
      w.startedAt = e.ts;
      w.endedAt = e.ts;
      view.currentWave = w.wave;
      break;
    case 'wave.dispatched':
      w.dispatch = { planned: e.data.planned, started: e.data.started, missing: e.data.missing };
      if (e.data.missing.length > 0) {
        w.warnings.push(
          `dispatch: ${e.data.started} of ${e.data.planned} agents started; missing ${e.data.missing.join(', ')}`,
        );
      }
      break;
    case 'wave.reviewed':
      w.filesChanged = e.data.filesChanged;
      w.filesChangedCount = e.data.filesChanged.length;
      for (const r of e.data.agents) {
        const a = view.agents.get(r.agentId);
        if (a && a.endedAt !== null) a.status = r.status;
      }
      break;
    case 'wave.completed':
      w.role = e.data.role;
      w.state = 'completed';
      w.quality = e.data.quality;
      w.suite = e.data.suite ?? null;
      w.filesChangedCount = e.data.filesChanged;
      w.endedAt = e.ts;
      break;
    default:
      break;
  }
}
