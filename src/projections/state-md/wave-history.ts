/**
 * The `## Wave History` of a session, folded from wave events. A wave appears once its agents are
 * reviewed (`wave.reviewed`, actual = the reviewed union) or when it completes or is skipped;
 * `wave.completed` fixes the actual file count and adds the suite result.
 */
import type { AgentOutcome, WaveQuality } from '../../domain/status.js';
import {
  formatSkippedWave,
  formatWaveHeader,
  renderWaveHistory,
  type AgentLine,
  type WaveMeasure,
} from './state-md.sections.js';

interface WaveRecord {
  wave: number;
  role: string;
  skipped: boolean;
  measure: WaveMeasure;
  agents: AgentLine[];
  quality: WaveQuality | null;
  /** Task id of each agent line, in line order. */
  taskIds: string[];
}

/** What `carryover.issue_filed` tells the Wave History. */
export interface IssueFiled {
  wave: number;
  taskId: string;
  outcome: 'created' | 'existing' | 'failed';
  number?: number | undefined;
}

/** A reviewed agent as `wave.reviewed` carries it. */
export interface ReviewedAgent {
  taskId: string;
  description: string;
  status: AgentOutcome;
  filesChanged: readonly string[];
  note: string;
}

/**
 * The reference's Wave History vocabulary is `done|partial|failed|spiral` (its session-end turns
 * FAILED/SPIRAL lines into carry-over candidates): a crash or timeout is written as `failed`, a
 * stagnant run as `partial` (as in `agent_summary`); the note keeps what happened.
 */
function historyStatus(status: AgentOutcome): string {
  if (status === 'crashed' || status === 'timed_out') return 'failed';
  if (status === 'stagnant') return 'partial';
  return status;
}

/** Mutable wave history, one record per wave number. */
export class WaveHistory {
  #records = new Map<number, WaveRecord>();
  #started = new Map<number, { role: string; plannedFiles: number }>();
  /** Carry-over issues per `wave|taskId`, shown on the task's last agent line of that wave. */
  #issues = new Map<string, { outcome: 'created' | 'existing'; number: number }>();
  /** Memo of each wave's rendered text (a cache of a pure function; dropped when it changes). */
  #text = new Map<number, { grounding: boolean; text: string }>();
  /** Memo of the wave numbers in order (dropped when a wave gets its first record). */
  #order: number[] | null = null;

  /** An independent copy (a replay checkpoint): records are plain data. */
  clone(): WaveHistory {
    const copy = new WaveHistory();
    copy.#records = structuredClone(this.#records);
    copy.#started = structuredClone(this.#started);
    copy.#issues = structuredClone(this.#issues);
    copy.#text = new Map(this.#text);
    copy.#order = this.#order;
    return copy;
  }

  #record(wave: number, role: string): WaveRecord {
    this.#text.delete(wave);
    let rec = this.#records.get(wave);
    if (rec === undefined) {
      this.#order = null;
      const planned = this.#started.get(wave)?.plannedFiles ?? 0;
      rec = {
        wave,
        role,
        skipped: false,
        measure: { planned, actual: 0 },
        agents: [],
        quality: null,
        taskIds: [],
      };
      this.#records.set(wave, rec);
    }
    return rec;
  }

  /** Remembers role and planned file count of a started wave (not visible by itself). */
  started(wave: number, role: string, plannedFiles: number): void {
    this.#started.set(wave, { role, plannedFiles });
    const rec = this.#records.get(wave);
    if (rec !== undefined) rec.measure.planned = plannedFiles;
    this.#text.delete(wave);
  }

  /** A wave with no tasks. */
  skipped(wave: number, role: string): void {
    const rec = this.#record(wave, role);
    rec.skipped = true;
    rec.role = role;
  }

  /** The wave's agents were reviewed (a re-review replaces the agent lines). */
  reviewed(wave: number, agents: readonly ReviewedAgent[], filesChanged: number): void {
    const rec = this.#record(wave, this.#started.get(wave)?.role ?? 'Unknown');
    rec.skipped = false;
    rec.agents = agents.map((a) => ({
      description: a.description,
      status: historyStatus(a.status),
      files: a.filesChanged.length,
      note: a.note,
    }));
    rec.taskIds = agents.map((a) => a.taskId);
    if (rec.quality === null) rec.measure.actual = filesChanged;
  }

  /** The wave is done: actual file count and suite result are final. */
  completed(
    wave: number,
    role: string,
    quality: WaveQuality,
    filesChanged: number,
    suite: WaveMeasure['suite'],
  ): void {
    const rec = this.#record(wave, role);
    rec.skipped = false;
    rec.role = role;
    rec.quality = quality;
    rec.measure.actual = filesChanged;
    rec.measure.suite = suite;
  }

  /**
   * A carry-over issue was filed for a task of a wave: created or found, its line ends in
   * ` → issue #N` / ` → existing #N`; a failed filing changes nothing (it is in the log).
   */
  issueFiled(filed: IssueFiled): boolean {
    if (filed.outcome === 'failed' || filed.number === undefined) return false;
    this.#issues.set(`${filed.wave}|${filed.taskId}`, {
      outcome: filed.outcome,
      number: filed.number,
    });
    this.#text.delete(filed.wave);
    return true;
  }

  #agentLines(r: WaveRecord): AgentLine[] {
    const issue = (taskId: string | undefined) =>
      taskId === undefined ? undefined : this.#issues.get(`${r.wave}|${taskId}`);
    const last = new Map<string, number>();
    r.taskIds.forEach((t, i) => last.set(t, i));
    return r.agents.map((a, i) => {
      const taskId = r.taskIds[i];
      const found = last.get(taskId ?? '') === i ? issue(taskId) : undefined;
      return found ? { ...a, issue: found } : a;
    });
  }

  #render(r: WaveRecord, grounding: boolean): string {
    return renderWaveHistory([
      {
        header: r.skipped
          ? formatSkippedWave(r.wave, r.role)
          : formatWaveHeader(r.wave, r.role, r.measure, grounding),
        agents: r.skipped ? [] : this.#agentLines(r),
      },
    ]);
  }

  /**
   * The section's waves in wave order, each rendered (joined by a blank line they give the
   * section; none when no wave has a record yet). A wave no event changed since the last call is
   * the same string object: only changed waves are rendered again.
   */
  parts(grounding: boolean): string[] {
    this.#order ??= [...this.#records.keys()].sort((a, b) => a - b);
    return this.#order.map((wave) => {
      const memo = this.#text.get(wave);
      if (memo !== undefined && memo.grounding === grounding) return memo.text;
      const text = this.#render(this.#records.get(wave) as WaveRecord, grounding);
      this.#text.set(wave, { grounding, text });
      return text;
    });
  }
}
