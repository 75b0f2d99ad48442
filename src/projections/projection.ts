/**
 * The projection contract: a deterministic fold plus a pure render. The same code serves live
 * updates, `wave replay`, time travel (`projectAt`) and the inspector.
 *
 * `evolve` may mutate the view it owns and return it (large views fold into private mutable maps;
 * copy-on-write does not scale); `render` must not mutate and must not read clock, randomness or
 * environment: everything it needs arrived in events.
 */
import type { DomainEvent, EventType } from '../events.js';

/** A whole file owned by the session (STATE.md, session.lock, wave-scope.json). */
export interface FileOutput {
  kind: 'file';
  /** Repository-relative path, `/`-separated. */
  path: string;
  /** The full content, or null when the file must not exist (e.g. released lock). */
  content: string | null;
  /**
   * An append log (the reference appends to it): a content that extends what the file holds is
   * written by appending the new tail, not by rewriting the whole file (tmp + rename).
   */
  appendOnly?: boolean;
  /**
   * The content in pieces whose concatenation is `content` (optional, never with `appendOnly`). A
   * piece no event changed since the previous render is the same string object, so the writer
   * keeps its encoded bytes and compares and encodes only new pieces (STATE.md: blocks of tasks).
   */
  segments?: readonly string[];
}

/**
 * Lines this session owns inside a shared JSONL file (sessions.jsonl, events.jsonl). The writer
 * keeps foreign lines as they are and replaces this session's lines (found by `owner`) in place,
 * or appends them at the end.
 */
export interface OwnedLinesOutput {
  kind: 'owned-lines';
  path: string;
  /** Returns true when an existing line belongs to this session. */
  owns: (line: string) => boolean;
  /**
   * Strings one of which every owned line contains (e.g. the JSON-quoted session id): a file in
   * which none occurs holds no owned line, which the writer can tell without splitting it.
   */
  markers?: readonly string[];
  lines: string[];
}

/** One rendered output of a projection. */
export type ProjectionOutput = FileOutput | OwnedLinesOutput;

/** A projection: `init`, `evolve(view, event)`, `render(view)`, what it handles, its version. */
export interface Projection<V> {
  readonly name: string;
  /**
   * The version of what it renders from a log. Bump it when the same log would render different
   * files (a new field, a fixed sentence): files another version wrote are rebuilt from the logs
   * (see `src/runtime/projection-rebuild.ts`; the versions that wrote a repository's files are
   * kept in `.orchestrator/projections.json`).
   */
  readonly version: number;
  /**
   * The event types `evolve` acts on. The projector hands it no other event, so every type left
   * out must be one that leaves the view as it is (a test folds every recorded log both ways).
   */
  readonly handles: readonly EventType[];
  init(): V;
  evolve(view: V, event: DomainEvent): V;
  render(view: V): ProjectionOutput[];
  /**
   * An independent copy of a view, for replay checkpoints. Optional: a view of plain data (maps,
   * sets, arrays, objects) is copied with `structuredClone`; a class view must say how.
   */
  clone?(view: V): V;
}
