/**
 * The STATE.md view: a fold of the session's events into private mutable structures (see
 * `docs/state-md.md` for the event → field mapping). `apply` is O(1) amortised per event whatever
 * the number of tasks; nothing is copied per event. Events that do not change what STATE.md shows
 * (heartbeats, agent stream events, gates, decisions …) leave the view, and `updated`, untouched.
 */
import type { DomainEvent, EventOf } from '../../events.js';
import type {
  Baseline,
  Halt,
  MissionReader,
  PlannedWave,
  SessionInfo,
  SessionStatus,
} from './state-md.view.types.js';
import { serializeEntry, type YamlMapping } from '../../formats/frontmatter.codec.js';
import { ChunkList } from './chunk-list.js';
import { MissionRegistry } from './mission.registry.js';
import { OpenQuestionList, questionText } from './open-questions.list.js';
import {
  formatDeviation,
  formatWhatNotToRetry,
  MAX_OPEN_QUESTIONS,
  MAX_WHAT_NOT_TO_RETRY,
} from './state-md.sections.js';
import { WaveHistory } from './wave-history.js';
import { deviationText, whatNotToRetryText } from '../../domain/wording.js';

/** The mutable STATE.md view. Read it through its getters; change it only through `apply`. */
export class StateMdView {
  #session: SessionInfo | null = null;
  #status: SessionStatus = 'active';
  #halt: Halt | null = null;
  #outcome: 'success' | 'carryover' | null = null;
  #currentWave = 0;
  #waveEvents = 0;
  #plan: PlannedWave[] = [];
  #grounding = true;
  #running: { wave: number; role: string; agents: number } | null = null;
  #baseline: Baseline | null = null;
  #updated: string | null = null;
  #history = new WaveHistory();
  #missions = new MissionRegistry();
  #docs = new Map<string, YamlMapping>();
  /** Memo of the `docs-tasks:` entry (dropped when a docs task is recorded). */
  #docsEntry: string | null = null;
  #deviations = new ChunkList();
  #questions = new OpenQuestionList();
  #wntr: string[] = [];
  /** Handed over by the previous session's STATE.md (`state.carried_over`), kept byte for byte. */
  #carried: { history: string; wntr: readonly string[]; questions: readonly string[] } = {
    history: '',
    wntr: [],
    questions: [],
  };

  /**
   * An independent copy, for replay checkpoints (the inspector's scrubber). Scalars and the
   * records replaced whole on change (session, halt, running, baseline, carried) are shared.
   */
  clone(): StateMdView {
    const c = new StateMdView();
    c.#session = this.#session;
    c.#status = this.#status;
    c.#halt = this.#halt;
    c.#outcome = this.#outcome;
    c.#currentWave = this.#currentWave;
    c.#waveEvents = this.#waveEvents;
    c.#plan = this.#plan;
    c.#grounding = this.#grounding;
    c.#running = this.#running;
    c.#baseline = this.#baseline;
    c.#updated = this.#updated;
    c.#history = this.#history.clone();
    c.#missions = this.#missions.clone();
    c.#docs = new Map(this.#docs);
    c.#docsEntry = this.#docsEntry;
    c.#deviations = this.#deviations.clone();
    c.#questions = this.#questions.clone();
    c.#wntr = this.#wntr.slice();
    c.#carried = this.#carried;
    return c;
  }

  /** Folds one event; stamps `updated` with its ts when it changed the view. */
  apply(e: DomainEvent): void {
    if (this.#fold(e)) this.#updated = e.ts;
  }

  #fold(e: DomainEvent): boolean {
    switch (e.type) {
      case 'session.started':
        return this.#started(e);
      case 'session.planned':
        return this.#planned(e);
      case 'state.carried_over':
        this.#carried = {
          history: e.data.previousSession,
          wntr: e.data.whatNotToRetry,
          questions: e.data.openQuestions,
        };
        return true;
      case 'session.paused':
        this.#status = 'paused';
        this.#halt = { kind: 'paused', reason: e.data.reason };
        return true;
      case 'session.aborted':
        this.#status = 'paused';
        this.#halt = { kind: 'aborted', cause: e.data.cause, reason: e.data.reason };
        return true;
      case 'session.resumed':
        this.#status = 'active';
        this.#halt = null;
        return true;
      case 'session.completed':
        this.#status = 'completed';
        this.#halt = null;
        this.#outcome = e.data.outcome;
        this.#running = null;
        return true;
      case 'wave.started':
        this.#waveEvents++;
        this.#running = { wave: e.data.wave, role: e.data.role, agents: e.data.taskIds.length };
        this.#history.started(e.data.wave, e.data.role, e.data.plannedFiles);
        return true;
      case 'wave.skipped':
        this.#waveEvents++;
        this.#history.skipped(e.data.wave, e.data.role);
        return this.#waveDone(e.data.wave);
      case 'wave.reviewed':
        this.#history.reviewed(e.data.wave, e.data.agents, e.data.filesChanged.length);
        return true;
      case 'carryover.issue_filed':
        return this.#history.issueFiled(e.data);
      case 'wave.completed': {
        const d = e.data;
        this.#history.completed(d.wave, d.role, d.quality, d.filesChanged, d.suite);
        return this.#waveDone(d.wave);
      }
      case 'mission.status_changed':
        return this.#missions.setStatus(e.data.id, e.data.to, e.ts);
      case 'deviation.recorded':
        this.#deviations.push(formatDeviation(e.ts, deviationText(e.data)));
        return true;
      case 'question.asked':
        this.#questions.ask(e.data.question, e.data.source, e.data.prio);
        return true;
      case 'question.answered':
        return this.#questions.answer(e.data.question, e.data.answer);
      case 'what_not_to_retry.recorded':
        return this.#whatNotToRetry(e);
      case 'docs_task.recorded':
        this.#docsEntry = null;
        this.#docs.set(e.data.id, {
          id: e.data.id,
          audience: e.data.audience,
          'target-pattern': e.data.targetPattern,
          rationale: e.data.rationale,
          wave: e.data.wave,
          status: e.data.status,
        });
        return true;
      case 'baseline.frozen':
        this.#baseline = {
          intent: e.data.intent,
          ownerBoundary: e.data.ownerBoundary,
          plannedFiles: e.data.plannedFiles,
          frozenAt: e.ts,
        };
        return true;
      default:
        return false;
    }
  }

  #started(e: EventOf<'session.started'>): boolean {
    const d = e.data;
    this.#session = {
      sessionType: d.sessionType,
      branch: d.branch,
      issues: [...d.issues],
      startedAt: e.ts,
      semanticId: d.semanticId,
      headRef: d.headRef,
      platform: d.platform,
    };
    this.#status = 'active';
    this.#halt = null;
    return true;
  }

  #planned(e: EventOf<'session.planned'>): boolean {
    const { plan } = e.data;
    this.#plan = plan.waves.map((w) => ({ wave: w.wave, role: w.role, tasks: w.tasks.length }));
    this.#grounding = plan.config.groundingCheck;
    this.#missions.plan(
      plan.waves.flatMap((w) => w.tasks.map((t) => ({ id: t.id, task: t.task, wave: w.wave }))),
    );
    return true;
  }

  #waveDone(wave: number): boolean {
    if (this.#running?.wave === wave) this.#running = null;
    this.#currentWave = Math.max(this.#currentWave, wave);
    return true;
  }

  #whatNotToRetry(e: EventOf<'what_not_to_retry.recorded'>): boolean {
    this.#wntr.push(
      formatWhatNotToRetry({
        ...whatNotToRetryText(e.data),
        sessionId: this.#session?.semanticId ?? '',
        date: e.ts.slice(0, 10),
      }),
    );
    while (this.#wntr.length > MAX_WHAT_NOT_TO_RETRY) this.#wntr.shift();
    return true;
  }

  /** Session facts, or null before `session.started`. */
  get session(): SessionInfo | null {
    return this.#session;
  }
  /** Frontmatter `status`. */
  get status(): SessionStatus {
    return this.#status;
  }
  /** Why the session is halted, if it is. */
  get halt(): Halt | null {
    return this.#halt;
  }
  /** `session.completed` outcome, once completed. */
  get outcome(): 'success' | 'carryover' | null {
    return this.#outcome;
  }
  /** Last completed or skipped wave (0 before wave 1). */
  get currentWave(): number {
    return this.#currentWave;
  }
  /** True once any wave started or was skipped. */
  get wavesBegun(): boolean {
    return this.#waveEvents > 0;
  }
  /** The planned waves. */
  get plan(): readonly PlannedWave[] {
    return this.#plan;
  }
  /** The wave running now, if any. */
  get running(): { readonly wave: number; readonly role: string; readonly agents: number } | null {
    return this.#running;
  }
  /** Frozen scope baseline, if any. */
  get baseline(): Baseline | null {
    return this.#baseline;
  }
  /** ts of the last event that changed the view. */
  get updated(): string | null {
    return this.#updated;
  }
  /** The `docs-tasks:` frontmatter entry ('' when there are none: never an empty key). */
  docsTasksEntry(): string {
    if (this.#docs.size === 0) return '';
    this.#docsEntry ??= serializeEntry('docs-tasks', [...this.#docs.values()]);
    return this.#docsEntry;
  }
  /** Missions (frontmatter block and body lines), read-only. */
  get missions(): MissionReader {
    return this.#missions;
  }
  /** Wave History section content, one piece per wave (see {@link WaveHistory.parts}). */
  waveHistoryParts(): string[] {
    return this.#history.parts(this.#grounding);
  }
  /** Deviations section content in `\n`-joined blocks (see {@link ChunkList.blocks}). */
  deviationBlocks(): string[] {
    return this.#deviations.blocks();
  }
  /** Open Questions section content: the previous session's lines first, then this session's. */
  openQuestions(): string {
    const own = this.#questions.lines();
    const ownLines = own === '' ? [] : own.split('\n');
    // Dedup by question text, as the reference does: a question asked again replaces the carried one.
    const asked = new Set(ownLines.map(questionText));
    const carried = this.#carried.questions.filter((l) => !asked.has(questionText(l)));
    const lines = [...carried, ...ownLines];
    return lines.slice(-MAX_OPEN_QUESTIONS).join('\n');
  }
  /** What Not To Retry section content: the previous session's entries first (FIFO cap). */
  whatNotToRetry(): string {
    return [...this.#carried.wntr, ...this.#wntr].slice(-MAX_WHAT_NOT_TO_RETRY).join('\n');
  }
  /** `## Previous Session` content: the previous session's Wave History ('' when none). */
  previousSession(): string {
    return this.#carried.history;
  }
}
