/**
 * Accumulates what one agent run said (tool calls with their outcomes, texts, errors, usage,
 * result), feeds the live loop detectors, and hands what it gathered to `resolveOutcome`
 * (`run-outcome.ts`: STATUS parsing, inference, overrides) for the data of `agent.finished`.
 * Pure: no I/O, deterministic for a given stream.
 */
import type { StagnationFinding } from '../../ports.js';
import type { ToolCallRecord } from './edit-tracker.js';
import {
  finishLoopWatch,
  foldCall,
  foldFailure,
  newLoopWatch,
} from '../../domain/supervision/loop-watch.js';
import type {
  LoopVerdict,
  LoopWatchState,
  SpiralRule,
} from '../../domain/supervision/loop-watch.types.js';
import { parseOpenQuestions, parseStatusReport, type OpenQuestion } from './status-line.parser.js';
import type { StreamItem } from './stream-item.js';
import { CallLedger } from './call-ledger.js';
import { TextWindow } from './text-window.js';
import { resolveOutcome, type ExitInfo, type ResultItem, type RunOutcome } from './run-outcome.js';

/** Characters of text kept per run (the newest; STATUS and OPEN-QUESTIONS come last). */
const COLLECTED_TEXT_MAX = 1024 * 1024;
/** Errors kept per run (only the last one is used). */
const ERRORS_MAX = 16;

/** Collects the normalized stream of one run. */
export class RunCollector {
  private readonly ledger: CallLedger;
  /** The newest texts, at most {@link COLLECTED_TEXT_MAX} characters in all. */
  private readonly window = new TextWindow(COLLECTED_TEXT_MAX);
  readonly errors: string[] = [];
  readonly retries: string[] = [];
  readonly questions: OpenQuestion[] = [];
  result: ResultItem | undefined;
  usageTurns: number | undefined;
  /** Model turns seen in the stream (`turn` items). */
  turnCount = 0;
  /** Why the agent cannot run in this environment, when its stream said so. */
  environment: string | undefined;
  private seq = 0;
  private lastTextSeq = -1;
  /** The live loop detectors over the agent's own calls (one pass, as the stream arrives). */
  readonly watch: LoopWatchState;
  /** Verdicts in the order they tripped (each is also in `watch.verdicts`). */
  readonly verdicts: LoopVerdict[] = [];

  /**
   * @param cwd the agent's working directory (paths become relative to it)
   * @param wholeOutputIsFinal plain-text agents: the whole output is the final message
   * @param spiralRule the edit-spiral rule of the session (`supervision.spiral-rule`)
   */
  constructor(
    private readonly cwd: string,
    private readonly wholeOutputIsFinal = false,
    spiralRule: SpiralRule = 'default',
  ) {
    this.watch = newLoopWatch({ spiralRule, cwd });
    this.ledger = new CallLedger(cwd);
  }

  /**
   * The newest tool calls (at most 1024), oldest first, with their outcomes; older ones are
   * folded into the outcome's files, denials and counts.
   */
  get calls(): readonly ToolCallRecord[] {
    return this.ledger.calls;
  }

  /** Records one stream item. */
  add(item: StreamItem): void {
    this.seq += 1;
    switch (item.kind) {
      case 'tool_called': {
        const call: ToolCallRecord = { tool: item.tool, input: item.input, seq: this.seq };
        if (item.callId !== undefined) call.callId = item.callId;
        if (item.parentCallId !== undefined) {
          call.subagent = true;
          this.ledger.keep(call);
          break;
        }
        foldCall(this.watch, item.tool, item.input, item.callId, undefined, this.verdicts);
        // The shape just made (last pending) holds the call's edits: the ledger reuses them.
        const shaped = this.watch.pending.at(-1);
        this.ledger.keep(call, shaped?.edits ?? null);
        break;
      }
      case 'tool_failed':
        this.failed(
          this.ledger.markFailed(item.tool, item.error, item.callId, this.seq),
          item.error,
        );
        break;
      case 'permission_denied': {
        const target = item.target !== undefined ? ` (${item.target})` : '';
        const error = `permission denied${target}`;
        const call = this.ledger.markFailed(item.tool, error, item.callId, this.seq);
        call.deniedWith = item.allowWith;
        this.failed(call, error);
        break;
      }
      case 'text':
        this.addText(item.text);
        this.lastTextSeq = this.seq;
        break;
      case 'turn':
        this.turnCount += 1;
        break;
      case 'error':
        this.errors.push(item.message);
        if (this.errors.length > ERRORS_MAX) this.errors.shift();
        break;
      case 'retry':
        this.retries.push(item.message);
        break;
      case 'question': {
        const q: OpenQuestion = { question: item.question };
        if (item.context !== undefined) q.context = item.context;
        if (item.candidates !== undefined) q.candidates = item.candidates;
        this.questions.push(q);
        break;
      }
      case 'environment':
        this.environment ??= item.message;
        break;
      case 'usage':
        if (item.turns !== undefined) this.usageTurns = item.turns;
        break;
      case 'result':
        this.result = item;
        break;
    }
  }

  /** A failure of one of the agent's own calls goes to the detectors. */
  private failed(call: ToolCallRecord, error: string): void {
    if (call.subagent === true) return;
    foldFailure(this.watch, call.tool, error, call.callId, this.verdicts);
  }

  /** Keeps the newest texts within the budget (memory stays flat whatever the agent prints). */
  private addText(text: string): void {
    this.window.push(text);
  }

  /**
   * The newest texts, oldest first, at most {@link COLLECTED_TEXT_MAX} characters in all (or the
   * newest alone when it is longer): a copy, made when asked for.
   */
  get texts(): string[] {
    return this.window.texts();
  }

  /** The final message: the result's text, else the last text (plain text: all of it). */
  finalText(): string {
    if (this.wholeOutputIsFinal) return this.window.texts().join('\n');
    const resultText = this.result?.text;
    if (resultText !== undefined && resultText.trim() !== '') return resultText;
    return this.window.lastText() ?? '';
  }

  /**
   * Model turns by the vendor's definition: the parser's count in the result (Claude: distinct
   * main-agent message ids; Codex: `turn.started`…`turn.completed`; Gemini: model responses),
   * else the turns seen so far (a stream cut off before its result), else the tool calls
   * (formats without turns).
   */
  turns(): number {
    const counted = this.result?.turns ?? this.usageTurns ?? this.turnCount;
    return counted > 0 || this.turnCount > 0 ? counted : this.ledger.count;
  }

  /** A run with a result event or a STATUS line is a finished run, whatever its exit code. */
  hasResult(): boolean {
    return this.result !== undefined || parseStatusReport(this.finalText()) !== null;
  }

  /**
   * Stagnation findings over the agent's own calls (sub-agents' calls are theirs): the verdicts
   * the live detectors gave, after settling the calls still waiting for their outcome.
   */
  findings(): StagnationFinding[] {
    for (const v of finishLoopWatch(this.watch)) this.verdicts.push(v);
    return this.verdicts.map((v) => {
      const f: StagnationFinding = {
        pattern: v.pattern,
        file: v.file ?? null,
        occurrences: v.occurrences,
      };
      if (v.errorClass !== undefined) f.errorClass = v.errorClass;
      return f;
    });
  }

  /** Resolves the outcome of a run that ended with a result (see `resolveOutcome`). */
  outcome(exit: ExitInfo): RunOutcome {
    const final = this.finalText();
    const files = this.ledger.changedFiles();
    const findings = this.findings();
    const seen = new Set<string>();
    const openQuestions = [
      ...this.questions,
      ...[...this.window.texts(), final].flatMap((t) => parseOpenQuestions(t)),
    ].filter((q) => !seen.has(q.question) && seen.add(q.question) !== undefined);
    return resolveOutcome(
      {
        final,
        files,
        turns: this.turns(),
        openQuestions,
        findings,
        denials: this.ledger.denials(),
        result: this.result,
        lastError: this.errors.at(-1),
        lastOwn: this.ledger.lastOwn,
        lastTextSeq: this.lastTextSeq,
      },
      exit,
    );
  }
}
