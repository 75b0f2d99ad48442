/**
 * Types of the live loop detectors (reference-behaviour.md §A4–A5): the facts they fold (what an
 * agent's `agent.tool_called` / `agent.tool_failed` events hold), their verdicts, and their state.
 * The state is plain JSON data (no Map, Set or class), so a machine can keep it in its context and
 * a checkpoint can serialize it; it is mutated in place and bounded per agent.
 */
import type { ErrorClass } from '../status.js';

/**
 * Which edit-spiral rule applies: `reference` = the reference's literal rule (one agent edited the
 * same file ≥ 3 times); `default` = only edits that loop (undo, churn on one region, edit → same
 * failure → edit), see docs/supervision.md.
 */
export type SpiralRule = 'default' | 'reference';

/** Options of one watch (one agent run). */
export interface WatchOptions {
  spiralRule: SpiralRule;
  /** The agent's working directory: absolute paths become repository-relative. */
  cwd?: string;
}

/**
 * One fact of an agent's tool-call stream. `digests` (optional) are the {@link textDigest}s of
 * input strings that were cut before logging, by their path in the input (`new_string`,
 * `edits.0.old_string`): `agent.tool_called` carries them as `inputDigests`.
 */
export type ToolFact =
  | {
      kind: 'call';
      tool: string;
      input: Record<string, unknown>;
      callId?: string;
      digests?: Record<string, string>;
    }
  | { kind: 'failure'; tool: string; error: string; callId?: string };

/** A loop pattern. `edit-spiral` and `oscillation` are wave-executor's own additions. */
export type LoopPattern =
  'edit-spiral' | 'pagination-spiral' | 'turn-key-repetition' | 'error-echo' | 'oscillation';

/** What a pattern means for the agent's status (reference §A4–A5). */
export type LoopVerdictKind = 'spiral' | 'stagnant' | 'failed';

/** A pattern that tripped, once per pattern and key (file, turn key, error). */
export interface LoopVerdict {
  pattern: LoopPattern;
  /**
   * The status it maps to: `spiral` (edit spiral, turn-key repetition, oscillation: SPIRAL
   * overrides any status), `stagnant` (pagination: counts as partial), `failed` (error echo).
   */
  verdict: LoopVerdictKind;
  /** Repository-relative file the pattern concerns, when it concerns one. */
  file?: string;
  /** Only for `error-echo`. */
  errorClass?: ErrorClass;
  /** How many times the pattern was seen (≥ 3: the `occurrences` of `stagnation_detected`). */
  occurrences: number;
  /** The calls that tripped it, as short turn-key labels (at most 8, each ≤ 120 characters). */
  evidence: string[];
}

/** A call waiting for its outcome (settled when the next call arrives, or at the end). */
export interface PendingCall {
  tool: string;
  callId?: string;
  /** Digest of the turn key (paging arguments stripped). */
  key: string;
  /** Digest of the whole input (with paging arguments). */
  raw: string;
  label: string;
  /** Repository-relative file the call reads or edits, else undefined. */
  file?: string;
  /** What a failure groups by: the file, else the command / pattern / query / url. */
  target: string;
  read: boolean;
  /** Edits of this call, when it edits files. */
  edits?: EditShape[];
  /** The error text when the call failed. */
  error?: string;
}

/** One change of one file, as digests (never the text). */
export interface EditShape {
  file: string;
  /** `edit`: old→new replacement; `write`: whole content; `diff`: a patch; `blind`: unknown. */
  kind: 'edit' | 'write' | 'diff' | 'blind';
  /** `edit`: digest of old_string; `diff`: digest of the inverse patch. */
  before?: string;
  /** `edit`: digest of new_string; `write`: content digest; `diff`: patch digest. */
  after?: string;
}

/** Per-file state of the edit-spiral rules. */
export interface FileWatch {
  /** Successful edit calls of the file (the reference rule). */
  edits: number;
  /** Successful edit calls of any kind (blind ones too): ends paging streaks on the file. */
  touched: number;
  /** Times the file (or one region of it) came back to an earlier state. */
  undos: number;
  /** Region chains by the digest of their current text: depth and the states seen. */
  heads: Record<string, RegionChain>;
  headOrder: string[];
  /** Content digests of whole writes / digests of patches, oldest first (bounded). */
  states: string[];
  /** The last whole-content digest, while no edit changed it since. */
  current?: string;
  labels: string[];
}

/** One region of a file rewritten in place: each edit replaced the previous edit's text. */
interface RegionChain {
  id: number;
  depth: number;
  states: string[];
}

/** The state of one watch: plain, JSON-serializable, bounded. */
export interface LoopWatchState {
  version: 1;
  spiralRule: SpiralRule;
  cwd?: string;
  /** Keys of the verdicts already given (pattern + key), never given twice. */
  fired: string[];
  /** Every verdict given, oldest first (bounded). */
  verdicts: LoopVerdict[];
  pending: PendingCall[];
  /** Recently settled calls by call id (for failures reported late), bounded. */
  recent: PendingCall[];
  run: {
    key: string;
    raw: string;
    count: number;
    paging: boolean;
    failed: number;
    labels: string[];
  };
  /** The last four settled calls (their key and raw digests and labels count), newest last. */
  last: PendingCall[];
  /** Paging streaks by turn key; `gen` is the file's `touched` when the streak began. */
  paging: Record<
    string,
    {
      file?: string;
      gen: number;
      count: number;
      pages: string[];
      reread: boolean;
      labels: string[];
    }
  >;
  pagingOrder: string[];
  echo: Record<string, { n: number; file?: string; error: string; labels: string[] }>;
  echoOrder: string[];
  files: Record<string, FileWatch>;
  fileOrder: string[];
  /** The spot of the last successful edit (edit → same failure → edit), and its failures. */
  spot?: { id: string; file: string; fresh: boolean };
  spotFailures: Record<string, { target: string; failures: string[]; repeats: number }>;
  spotOrder: string[];
  seq: number;
}
