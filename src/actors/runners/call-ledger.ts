/**
 * The tool calls of one run, as the run collector keeps them: the newest
 * {@link CALLS_KEPT} one by one (a failure is matched to its call among these), the older ones
 * folded into what the outcome needs (changed files, permission denials, counts, the agent's last
 * own call), so memory stays flat however many calls an agent makes.
 */
import { denialSummary, newDenialTally, tallyDenial } from './denial-summary.js';
import { editTargets, filesChanged, type ToolCallRecord } from './edit-tracker.js';

/**
 * Calls kept one by one. A failure comes right after its call, or after the other calls of its
 * turn (parallel calls) or of its sub-agent (a `Task`): a failure later than this many calls
 * finds no kept call and is recorded as an orphan failure of its own.
 */
const CALLS_KEPT = 1024;

/** The tool-call records of one run. */
export class CallLedger {
  /** Kept calls from `head` on (the prefix before it is dropped in one go now and then). */
  private list: ToolCallRecord[] = [];
  /**
   * Beside each kept call, the files its edits change when the detectors already worked them out
   * (`null`: none), so folding it does not read its input again; undefined: not worked out.
   */
  private edited: (readonly { file: string }[] | null | undefined)[] = [];
  private head = 0;
  /** Tool calls seen in all (kept or folded). */
  count = 0;
  /** The agent's own last call (not a sub-agent's). */
  lastOwn: ToolCallRecord | undefined;
  /** Files changed by successful edit calls no longer kept. */
  private readonly changedEarlier = new Set<string>();
  /** Denials of calls no longer kept. */
  private readonly deniedEarlier = newDenialTally();

  /** @param cwd the agent's working directory (paths become relative to it) */
  constructor(private readonly cwd: string) {}

  /**
   * Keeps a call record; the oldest beyond {@link CALLS_KEPT} is folded into the tallies.
   * `edits`: the call's edits as the loop detectors shaped them (their files are exactly
   * `editTargets` of the call; `null` when it edits nothing), when they did.
   */
  keep(call: ToolCallRecord, edits?: readonly { file: string }[] | null): void {
    const list = this.list;
    list.push(call);
    this.edited.push(edits);
    this.count += 1;
    if (call.subagent !== true) this.lastOwn = call;
    if (list.length - this.head <= CALLS_KEPT) return;
    const old = list[this.head] as ToolCallRecord;
    const shaped = this.edited[this.head];
    this.edited[this.head] = undefined;
    this.head += 1;
    tallyDenial(this.deniedEarlier, old);
    if (old.error === undefined) {
      if (shaped === undefined) {
        for (const file of editTargets(old, this.cwd)) this.changedEarlier.add(file);
      } else if (shaped !== null) {
        for (let i = 0; i < shaped.length; i += 1) {
          this.changedEarlier.add((shaped[i] as { file: string }).file);
        }
      }
    }
    // Amortized O(1): the dropped prefix goes once it is as long as what is kept.
    if (this.head >= CALLS_KEPT) {
      this.list = list.slice(this.head);
      this.edited = this.edited.slice(this.head);
      this.head = 0;
    }
  }

  /** The newest tool calls (at most {@link CALLS_KEPT}), oldest first. */
  get calls(): ToolCallRecord[] {
    return this.head === 0 ? this.list : this.list.slice(this.head);
  }

  /**
   * Marks the newest open call matching `callId` (else the tool name) failed; a failure without
   * a kept call becomes an orphan record of its own (`seq`: its position in the stream).
   */
  markFailed(tool: string, error: string, callId: string | undefined, seq: number) {
    for (let i = this.list.length - 1; i >= this.head; i -= 1) {
      const call = this.list[i] as ToolCallRecord;
      const match = callId !== undefined ? call.callId === callId : call.tool === tool;
      if (match && call.error === undefined) {
        call.error = error;
        return call;
      }
    }
    const orphan: ToolCallRecord = { tool, input: {}, error, seq };
    if (callId !== undefined) orphan.callId = callId;
    this.keep(orphan);
    return orphan;
  }

  /** Files changed by successful edit calls: repository-relative, sorted, unique. */
  changedFiles(): string[] {
    const kept = filesChanged(this.calls, this.cwd);
    if (this.changedEarlier.size === 0) return kept;
    return [...new Set([...this.changedEarlier, ...kept])].sort();
  }

  /** The summary of every permission denial of the run ('' when there was none). */
  denials(): string {
    return denialSummary(this.calls, this.deniedEarlier);
  }
}
