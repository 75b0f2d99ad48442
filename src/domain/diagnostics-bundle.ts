/**
 * Verification-failure diagnostics bundle (reference §B8): the pure builder. Writing it (tmp +
 * rename under `.orchestrator/metrics/verification-failures/`) is an adapter's job; this module
 * only shapes and redacts the object, so the same input always gives the same bundle.
 */
import { createRedactor, type Redactor } from './redact.js';

/** One failed gate attempt as recorded in the bundle. */
export interface GateFailureRecord {
  readonly gate: string;
  readonly exitCode: number | null;
  /** Last 50 lines of output. */
  readonly output: string;
  readonly timedOut: boolean;
  /** The command: an argv (shell-quoted for display) or an already formatted string. */
  readonly command: string | readonly string[];
  /** 1-based attempt number. */
  readonly attempt: number;
}

/** What to redact besides the built-in token patterns and user home paths. */
export interface RedactionOptions {
  /** Literal secret values to blank out. */
  readonly secretValues?: readonly string[];
  /** An environment: values of secret-named keys (`*_TOKEN`, `*_KEY`, `*_SECRET`, …) are blanked. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The user's home directory, replaced by `~` wherever it appears. */
  readonly homeDir?: string;
}

/** Input of {@link buildDiagnosticsBundle}. */
export interface DiagnosticsBundleInput {
  /** ISO timestamp of the bundle (stamped by the caller: this module reads no clock). */
  readonly timestamp: string;
  /** Wave label such as `W2`, or null outside a wave. */
  readonly wave: string | null;
  /** The gate that failed last. */
  readonly gate: string;
  readonly retryAttempts: number;
  readonly maxRetries: number;
  /** Every failed attempt, oldest first; the last one becomes `finalError`. */
  readonly failures: readonly GateFailureRecord[];
  /** Files changed since the last green commit. */
  readonly changedFiles: readonly string[];
  /** Corrective-context entries of the session; only the last 5 are kept. */
  readonly correctiveContext?: readonly unknown[];
  /** Gate name → command. */
  readonly commands: Readonly<Record<string, string | readonly string[]>>;
  readonly repoRoot: string;
  readonly redact?: RedactionOptions;
}

/** A failure as written in the bundle (command always a string). */
interface BundleFailure {
  gate: string;
  exitCode: number | null;
  output: string;
  timedOut: boolean;
  command: string;
  attempt: number;
}

/** The §B8 bundle, keys in the reference's order. */
export interface DiagnosticsBundle {
  timestamp: string;
  wave: string | null;
  gate: string;
  retryAttempts: number;
  maxRetries: number;
  failures: BundleFailure[];
  finalError: BundleFailure | null;
  changedFiles: string[];
  correctiveContext: unknown[];
  commands: Record<string, string>;
  repoRoot: string;
}

/** Corrective-context entries kept in a bundle. */
const BUNDLE_CORRECTIVE_CONTEXT = 5;

/** Placeholder for literal secrets and secret-named environment values. */

/** User home paths (the bundle is meant to be shared). */
const USER_PATHS: readonly (readonly [RegExp, string])[] = [
  [/\/Users\/[^/\s"']+\//g, '/Users/<redacted>/'],
  [/\/home\/[^/\s"']+\//g, '/home/<redacted>/'],
];

interface BundleRedaction {
  redactor: Redactor;
  homeDir: string | undefined;
}

function compileRedaction(options: RedactionOptions): BundleRedaction {
  return {
    redactor: createRedactor({
      ...(options.secretValues ? { secretValues: options.secretValues } : {}),
      ...(options.env ? { env: options.env } : {}),
    }),
    homeDir: options.homeDir,
  };
}

/**
 * Redacts one string: literal secrets and token shapes (the rules of `redact.ts`, the same as
 * for the event log), the home dir and user paths.
 */
export function redactText(text: string, options: RedactionOptions = {}): string {
  return redactWith(text, compileRedaction(options));
}

function redactWith(text: string, r: BundleRedaction): string {
  let out = r.redactor.text(text);
  if (r.homeDir !== undefined && r.homeDir.length > 1) out = out.split(r.homeDir).join('~');
  for (const [pattern, placeholder] of USER_PATHS) out = out.replace(pattern, placeholder);
  return out;
}

/** Deep-copies plain data, redacting every string (keys included). */
function redactDeep(value: unknown, r: BundleRedaction): unknown {
  if (typeof value === 'string') return redactWith(value, r);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, r));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[redactWith(k, r)] = redactDeep(v, r);
    return out;
  }
  return value;
}

const SAFE_ARG = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Formats an argv as one POSIX-shell-quoted string, for display only (never executed). */
export function formatArgv(argv: readonly string[]): string {
  return argv.map((a) => (SAFE_ARG.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

const commandText = (command: string | readonly string[]): string =>
  typeof command === 'string' ? command : formatArgv(command);

/**
 * Builds the redacted §B8 bundle. Pure: the caller supplies the timestamp, the environment and
 * the home directory to redact.
 */
export function buildDiagnosticsBundle(input: DiagnosticsBundleInput): DiagnosticsBundle {
  const failures: BundleFailure[] = input.failures.map((f) => ({
    gate: f.gate,
    exitCode: f.exitCode,
    output: f.output,
    timedOut: f.timedOut,
    command: commandText(f.command),
    attempt: f.attempt,
  }));
  const commands: Record<string, string> = {};
  for (const [name, command] of Object.entries(input.commands))
    commands[name] = commandText(command);
  const bundle: DiagnosticsBundle = {
    timestamp: input.timestamp,
    wave: input.wave,
    gate: input.gate,
    retryAttempts: input.retryAttempts,
    maxRetries: input.maxRetries,
    failures,
    finalError: failures.at(-1) ?? null,
    changedFiles: [...input.changedFiles],
    correctiveContext: (input.correctiveContext ?? []).slice(-BUNDLE_CORRECTIVE_CONTEXT),
    commands,
    repoRoot: input.repoRoot,
  };
  return redactDeep(bundle, compileRedaction(input.redact ?? {})) as DiagnosticsBundle;
}

/** File name of a bundle: the ISO timestamp with `:` replaced by `-`, plus `.json`. */
export function diagnosticsBundleFileName(timestamp: string): string {
  return `${timestamp.replace(/:/g, '-')}.json`;
}
