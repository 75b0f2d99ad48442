/**
 * Typed, tagged errors. Every error the library throws on bad input or a broken invariant is one of
 * these, so callers can switch on `tag` and the CLI can map each to its documented exit code.
 */
import { inspect } from 'node:util';

/** Where in a file a problem was found (1-based line and column). */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
  /** Key path inside the document, e.g. `waves[1].tasks[0].id`. */
  path?: string;
}

/** One problem with an input document. */
export interface Issue extends SourceLocation {
  message: string;
}

/** Any thrown value as an `Error`: itself when it is one, else an `Error` describing it. */
export function asError(value: unknown): Error {
  if (value instanceof Error) return value;
  return new Error(typeof value === 'string' ? value : inspect(value, { depth: 2 }));
}

/** Formats one issue as `file:line:col: path: message`. */
export function formatIssue(issue: Issue): string {
  let where = issue.file;
  if (issue.line !== undefined) {
    where += `:${issue.line}`;
    if (issue.column !== undefined) where += `:${issue.column}`;
  }
  const path = issue.path ? `${issue.path}: ` : '';
  return `${where}: ${path}${issue.message}`;
}

/** Base class: every wave-executor error has a stable `tag`. */
export abstract class WaveError extends Error {
  abstract readonly tag: string;
  /** The CLI exit code this error maps to. */
  readonly exitCode: number = 1;
}

/** A plan file is invalid. Carries one issue per problem. */
export class PlanError extends WaveError {
  readonly tag = 'PlanError' as const;
  override readonly exitCode = 2;
  constructor(readonly issues: Issue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'PlanError';
  }
}

/** A Session Config block (CLAUDE.md / AGENTS.md) is invalid. */
export class ConfigError extends WaveError {
  readonly tag = 'ConfigError' as const;
  override readonly exitCode = 2;
  constructor(readonly issues: Issue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ConfigError';
  }
}

/** An event log line cannot be read: not JSON, wrong envelope, unknown type or version. */
export class CorruptLogError extends WaveError {
  readonly tag = 'CorruptLogError' as const;
  override readonly exitCode = 2;
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'CorruptLogError';
  }
}

/** An event fails its schema (on append or read). */
export class EventValidationError extends WaveError {
  readonly tag = 'EventValidationError' as const;
  override readonly exitCode = 2;
  constructor(
    readonly eventType: string,
    readonly details: string,
  ) {
    super(`invalid ${eventType} event: ${details}`);
    this.name = 'EventValidationError';
  }
}

/** Optimistic concurrency failure, or a second writer on a stream. */
export class ConcurrencyError extends WaveError {
  readonly tag = 'ConcurrencyError' as const;
  override readonly exitCode = 4;
  constructor(
    readonly stream: string,
    readonly expected: number | 'no-stream' | 'any',
    readonly actual: number,
    message?: string,
  ) {
    super(message ?? `stream ${stream}: expected version ${String(expected)}, actual ${actual}`);
    this.name = 'ConcurrencyError';
  }
}

/** Another live session holds the repository (exit 4). */
export class SessionLockedError extends WaveError {
  readonly tag = 'SessionLockedError' as const;
  override readonly exitCode = 4;
  constructor(
    readonly lockPath: string,
    readonly holder: string,
  ) {
    super(`another live session (${holder}) holds the repository: ${lockPath}`);
    this.name = 'SessionLockedError';
  }
}

/** A program the plan needs (a runner's, a quality gate's) is not installed: exit 2. */
export class PreflightError extends WaveError {
  readonly tag = 'PreflightError' as const;
  override readonly exitCode = 2;
  constructor(readonly issues: Issue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'PreflightError';
  }
}

/** A precondition of `wave run` failed (not a git repo, dirty tree…): exit 2. */
export class PreconditionError extends WaveError {
  readonly tag = 'PreconditionError' as const;
  override readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'PreconditionError';
  }
}

/** A statechart received an event that is illegal in its current state. */
export class IllegalTransitionError extends WaveError {
  readonly tag = 'IllegalTransitionError' as const;
  override readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'IllegalTransitionError';
  }
}

/**
 * The log holds decisions the current code does not take (e.g. written by another version):
 * resuming would continue the session on decisions the log says it would not make. Exit 2.
 */
export class DivergenceError extends WaveError {
  readonly tag = 'DivergenceError' as const;
  override readonly exitCode = 2;
  constructor(
    message: string,
    /** Seq of the first divergent event. */
    readonly seq: number,
  ) {
    super(message);
    this.name = 'DivergenceError';
  }
}

/** A blob of the content-addressed blob store is missing or its content does not match its hash. */
export class BlobError extends WaveError {
  readonly tag = 'BlobError' as const;
  override readonly exitCode = 2;
  constructor(
    readonly file: string,
    readonly hash: string,
    readonly reason: string,
  ) {
    super(`${file}: blob ${hash}: ${reason}`);
    this.name = 'BlobError';
  }
}

/** An event store writer refuses appends: it is closed, or an earlier write failed. */
export class WriterClosedError extends WaveError {
  readonly tag = 'WriterClosedError' as const;
  constructor(message: string) {
    super(message);
    this.name = 'WriterClosedError';
  }
}
