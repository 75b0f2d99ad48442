/**
 * Verification-failure diagnostics bundle (reference §B8): the pure builder. Writing it (tmp +
 * rename under `.orchestrator/metrics/verification-failures/`) is an adapter's job; this module
 * only shapes and redacts the object, so the same input always gives the same bundle.
 */

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
const REDACTED = '***REDACTED***';

/** Token shapes, most specific first, each with its placeholder. */
const TOKEN_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/github_pat_[A-Za-z0-9_]{22,}/g, '***GITHUB_PAT***'],
  [/ghp_[A-Za-z0-9]{36}/g, '***GITHUB_PAT***'],
  [/gh[ousr]_[A-Za-z0-9]{36}/g, '***GITHUB_TOKEN***'],
  [/glpat-[A-Za-z0-9_-]{20,}/g, '***GITLAB_PAT***'],
  [/npm_[A-Za-z0-9]{36,}/g, '***NPM_TOKEN***'],
  [/AKIA[0-9A-Z]{16}/g, '***AWS_ACCESS_KEY***'],
  [/sk-ant-[A-Za-z0-9_-]{20,}/g, '***ANTHROPIC_KEY***'],
  [/sk-(?:proj-)?[A-Za-z0-9_-]{40,}/g, '***OPENAI_KEY***'],
  [/xox[bpaers]-[A-Za-z0-9-]{10,}/g, '***SLACK_TOKEN***'],
  [/[sp]k_(?:live|test)_[A-Za-z0-9]{24,}/g, '***STRIPE_KEY***'],
  [/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/g, '***JWT***'],
  [/\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi, 'Bearer ***REDACTED***'],
  [/\bBasic\s+[A-Za-z0-9+/]{8,}={0,2}/g, 'Basic ***REDACTED***'],
  [/\/Users\/[^/\s"']+\//g, '/Users/<redacted>/'],
  [/\/home\/[^/\s"']+\//g, '/home/<redacted>/'],
];

const SECRET_ENV_NAME = /(?:^|_)(?:TOKEN|KEY|SECRET|PASSWORD|PASSWD|CREDENTIALS?|PAT)$/i;

/** Literal values to blank, longest first so a secret containing another is replaced whole. */
function secretsOf(options: RedactionOptions): string[] {
  const values = new Set<string>();
  for (const value of options.secretValues ?? []) if (value.length >= 4) values.add(value);
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value !== undefined && value.length >= 4 && SECRET_ENV_NAME.test(key)) values.add(value);
  }
  return [...values].sort((a, b) => b.length - a.length);
}

/** Redacts one string: literal secrets, token-shaped strings, the home dir and user paths. */
export function redactText(text: string, options: RedactionOptions = {}): string {
  return redactWith(text, secretsOf(options), options.homeDir);
}

function redactWith(text: string, secrets: readonly string[], homeDir: string | undefined): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  if (homeDir !== undefined && homeDir.length > 1) out = out.split(homeDir).join('~');
  for (const [pattern, placeholder] of TOKEN_PATTERNS) out = out.replace(pattern, placeholder);
  return out;
}

/** Deep-copies plain data, redacting every string (keys included). */
function redactDeep(
  value: unknown,
  secrets: readonly string[],
  homeDir: string | undefined,
): unknown {
  if (typeof value === 'string') return redactWith(value, secrets, homeDir);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets, homeDir));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[redactWith(k, secrets, homeDir)] = redactDeep(v, secrets, homeDir);
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
  const options = input.redact ?? {};
  return redactDeep(bundle, secretsOf(options), options.homeDir) as DiagnosticsBundle;
}

/** File name of a bundle: the ISO timestamp with `:` replaced by `-`, plus `.json`. */
export function diagnosticsBundleFileName(timestamp: string): string {
  return `${timestamp.replace(/:/g, '-')}.json`;
}
