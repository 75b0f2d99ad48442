/**
 * Masks secrets in text before it is written anywhere: token-shaped strings (provider API keys,
 * GitHub/GitLab/npm/Slack/Stripe tokens, AWS access key ids and secret keys, JWTs), `password=`
 * style pairs and `SECRET_NAME=value` assignments, credentials in URLs, bearer/basic headers,
 * private key blocks, literal secret values (environment variables of secret-ish names, runner
 * `env` values) and the user's own patterns. Pure and fast: every logged event passes through it,
 * so each rule is one regular expression with a literal start (which V8 scans fast; a union of
 * all of them is ten times slower), a string is rewritten only when a rule matches, and data is
 * copied only where a string changed.
 */

/** Placeholder for literal secrets, secret values of pairs and user patterns. */
export const REDACTED = '***REDACTED***';

/** One built-in rule: its source (one alternative) and its placeholder. */
interface Rule {
  readonly source: string;
  /**
   * Literals one of which every match contains (case-sensitive; lower case for the
   * case-insensitive rules, checked against the lower-cased text): the rule's expression runs
   * only when `includes` finds one, which costs a fraction of a regular-expression scan.
   */
  readonly triggers: readonly string[];
  /** Placeholder, or a function of the match (to keep a prefix such as `password=`). */
  readonly replace: string | ((match: string) => string);
}

const keepPrefix =
  (prefix: RegExp) =>
  (match: string): string => {
    const m = prefix.exec(match);
    return m ? `${m[0]}${REDACTED}` : REDACTED;
  };

/** Names whose values are secrets: `*_TOKEN`, `*_KEY`, `*_SECRET`, `PASSWORD`, … */
export const SECRET_NAME = /(?:^|_)(?:TOKEN|KEY|SECRET|PASSWORD|PASSWD|CREDENTIALS?|PAT|AUTH)$/i;

const SECRET_WORD =
  '(?:password|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)';

const SECRET_WORD_NAME = new RegExp(`^${SECRET_WORD}$`, 'i');
const CAMEL_SECRET_NAME = /[a-z0-9](?:Token|Key|Secret|Password|Passwd|Credentials?)$/;

/**
 * Keys of plain data whose string values are secrets whatever their shape: the
 * {@link SECRET_NAME} names (`GITHUB_TOKEN`, `api_key`, `password`), the secret words alone
 * (`apikey`, `access-key`) and their camelCase forms (`apiKey`, `accessToken`, `clientSecret`).
 */
export function isSecretKeyName(name: string): boolean {
  return SECRET_NAME.test(name) || SECRET_WORD_NAME.test(name) || CAMEL_SECRET_NAME.test(name);
}

/** Case-sensitive token shapes, most specific first. */
const SENSITIVE_RULES: readonly Rule[] = [
  {
    source: '-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)',
    triggers: ['-----BEGIN '],
    replace: '***PRIVATE_KEY***',
  },
  {
    triggers: ['github_pat_'],
    source: 'github_pat_[A-Za-z0-9_]{22,}',
    replace: '***GITHUB_PAT***',
  },
  { triggers: ['ghp_'], source: 'ghp_[A-Za-z0-9]{36}', replace: '***GITHUB_PAT***' },
  {
    triggers: ['gho_', 'ghu_', 'ghs_', 'ghr_'],
    source: 'gh[ousr]_[A-Za-z0-9]{36}',
    replace: '***GITHUB_TOKEN***',
  },
  { triggers: ['glpat-'], source: 'glpat-[A-Za-z0-9_-]{20,}', replace: '***GITLAB_PAT***' },
  { triggers: ['npm_'], source: 'npm_[A-Za-z0-9]{36,}', replace: '***NPM_TOKEN***' },
  {
    triggers: ['AKIA', 'ASIA'],
    source: '(?:AKIA|ASIA)[0-9A-Z]{16}',
    replace: '***AWS_ACCESS_KEY***',
  },
  {
    triggers: ['sk-ant-'],
    source: '(?<![A-Za-z0-9])sk-ant-[A-Za-z0-9_-]{20,}',
    replace: '***ANTHROPIC_KEY***',
  },
  {
    triggers: ['sk-'],
    source: '(?<![A-Za-z0-9])sk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}',
    replace: '***OPENAI_KEY***',
  },
  { triggers: ['AIza'], source: 'AIza[0-9A-Za-z_-]{35}', replace: '***GOOGLE_API_KEY***' },
  { triggers: ['xox'], source: 'xox[bpaers]-[A-Za-z0-9-]{10,}', replace: '***SLACK_TOKEN***' },
  {
    triggers: ['k_live_', 'k_test_'],
    source: '[sprk]k_(?:live|test)_[A-Za-z0-9]{24,}',
    replace: '***STRIPE_KEY***',
  },
  {
    triggers: ['eyJ'],
    source: 'eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]+',
    replace: '***JWT***',
  },
];

/** Case-insensitive rules: pairs, URL credentials, authorization headers. */
const INSENSITIVE_RULES: readonly Rule[] = [
  // user:password@ in a URL (postgres://u:p@host, https://u:token@github.com).
  {
    source: '://[^\\s:/@"\'<>]+:[^\\s@/"\'<>]+@',
    triggers: ['://'],
    replace: (m) => `${m.slice(0, m.indexOf(':', 3) + 1)}${REDACTED}@`,
  },
  {
    triggers: ['bearer'],
    source: '\\bbearer\\s+[A-Za-z0-9._~+/=-]{8,}',
    replace: keepPrefix(/^bearer\s+/i),
  },
  {
    triggers: ['basic'],
    source: '\\bbasic\\s+[A-Za-z0-9+/]{8,}={0,2}',
    replace: keepPrefix(/^basic\s+/i),
  },
  // password=…, "api_key": "…", AWS_SECRET_ACCESS_KEY=…, --password …
  {
    triggers: ['password', 'passwd', 'secret', 'token', 'key', 'credential'],
    source: `${SECRET_WORD}["']?\\s*(?:=|:)\\s*["']?(?!\\*\\*\\*)[^\\s"',;&]{3,}`,
    replace: keepPrefix(new RegExp(`^${SECRET_WORD}["']?\\s*(?:=|:)\\s*["']?`, 'i')),
  },
];

/** What a redactor masks besides the built-in shapes. */
export interface RedactorOptions {
  /** Literal secret values (at least 4 characters) masked wherever they appear. */
  readonly secretValues?: readonly string[];
  /** An environment: the values of secret-named variables become literal secrets. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Extra regular expressions (JavaScript syntax) whose matches are masked. */
  readonly patterns?: readonly string[];
  /**
   * `deep` also replaces the whole string value (at least 4 characters) of every key that
   * {@link isSecretKeyName} names, whatever the value looks like (`{"GITHUB_TOKEN": "abc123xyz"}`).
   * Off by default; the inspector turns it on for what it shows.
   */
  readonly secretKeys?: boolean;
}

/** A compiled redactor. */
export interface Redactor {
  /** The text with every secret masked (the same string when nothing matched). */
  text(text: string): string;
  /** A copy of plain data with every string value masked (unchanged parts are shared). */
  deep<T>(value: T): T;
}

/** The values of secret-named variables of an environment (at least 4 characters). */
export function secretEnvValues(env: Readonly<Record<string, string | undefined>>): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.length >= 4 && SECRET_NAME.test(key)) out.push(value);
  }
  return out;
}

/** One pass of one rule: V8 scans a single pattern with a literal start far faster than a union. */
function compile(rule: Rule, flags: string): (text: string, lower: string) => string {
  const re = new RegExp(rule.source, flags);
  const r = rule.replace;
  const insensitive = flags.includes('i');
  return (text, lower) => {
    const haystack = insensitive ? lower : text;
    if (!rule.triggers.some((t) => haystack.includes(t))) return text;
    re.lastIndex = 0;
    if (!re.test(text)) return text;
    return typeof r === 'string' ? text.replace(re, () => r) : text.replace(re, r);
  };
}

const isB64 = (c: number) =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;

/**
 * AWS secret access keys: a run of exactly 40 base64 characters (not followed by `=`) holding
 * upper case, lower case and digits (a git SHA, hex, is left alone). Hand-written: a regular
 * expression for it costs several times a JSON.stringify of the text. Every 40-character run holds
 * exactly one index ≡ 39 (mod 40), so only those are probed and widened.
 */
function maskAwsSecrets(text: string): string {
  const n = text.length;
  if (n < 40) return text;
  let out: string | null = null;
  let last = 0;
  for (let j = 39; j < n; j += 40) {
    if (!isB64(text.charCodeAt(j))) continue;
    let start = j;
    while (start > 0 && j - start < 40 && isB64(text.charCodeAt(start - 1))) start--;
    let end = j + 1;
    while (end < n && end - start <= 40 && isB64(text.charCodeAt(end))) end++;
    if (end - start !== 40) continue;
    if (start > 0 && isB64(text.charCodeAt(start - 1))) continue;
    if (end < n && text.charCodeAt(end) === 61) continue;
    const run = text.slice(start, end);
    if (/[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run)) {
      out = (out ?? '') + text.slice(last, start) + '***AWS_SECRET_KEY***';
      last = end;
    }
  }
  return out === null ? text : out + text.slice(last);
}

/** Token prefixes: a token cut off at the end of a preview is masked from its prefix on. */
const CUT_PREFIXES =
  /^(?:sk-ant-|sk-|gh[pousr]_|github_pat_|glpat-|AKIA|ASIA|AIza|npm_)[A-Za-z0-9_-]*$/;
const isTokenChar = (c: number) => (isB64(c) && c !== 43 && c !== 47) || c === 95 || c === 45;

/** A token prefix right before a truncation mark (`…`, as the stream parsers cut long inputs). */
const CUT_BEFORE_MARK =
  /(?<![A-Za-z0-9_-])(?:sk-ant-|sk-|gh[pousr]_|github_pat_|glpat-|AKIA|ASIA|AIza|npm_)[A-Za-z0-9_-]*(?=…)/g;

function maskCutToken(text: string): string {
  let out = text;
  if (out.includes('…')) out = out.replace(CUT_BEFORE_MARK, REDACTED);
  // At the end, only the last word can be a cut-off token: look at it alone.
  let i = out.length;
  while (i > 0 && i > out.length - 200 && isTokenChar(out.charCodeAt(i - 1))) i--;
  if (i === out.length) return out;
  const m = CUT_PREFIXES.exec(out.slice(i));
  return m ? out.slice(0, i + m.index) + REDACTED : out;
}

/**
 * Any of these in the lower-cased text means some rule may match: one scan decides for most
 * strings that nothing needs masking (each rule then checks its own literals).
 */
const TRIGGER =
  /sk-|gh[pousr]_|github_pat_|glpat-|npm_|akia|asia|aiza|xox|k_live_|k_test_|eyj|-----begin|passw|secret|token|key|credential|bearer|basic|:\/\//;

/** Builds a redactor. Throws a `SyntaxError` for an invalid user pattern. */
export function createRedactor(options: RedactorOptions = {}): Redactor {
  const literals = new Set<string>();
  for (const v of options.secretValues ?? []) if (v.length >= 4) literals.add(v);
  for (const v of secretEnvValues(options.env ?? {})) literals.add(v);
  // Literal secrets: found with includes, replaced with split/join (no regular expression).
  const sorted = [...literals].sort((a, b) => b.length - a.length);
  // User patterns may have groups of their own: one expression each, always run.
  const userPatterns = (options.patterns ?? []).map((p) => new RegExp(p, 'g'));
  const sensitive = SENSITIVE_RULES.map((r) => compile(r, 'g'));
  const insensitive = INSENSITIVE_RULES.map((r) => compile(r, 'gi'));
  const secretKeys = options.secretKeys === true;
  const text = (input: string): string => {
    if (input.length < 4) return input;
    let out = input;
    for (const secret of sorted) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    const lower = out.toLowerCase();
    if (TRIGGER.test(lower)) {
      for (const pass of sensitive) out = pass(out, out);
      const now = out === input ? lower : out.toLowerCase();
      for (const pass of insensitive) out = pass(out, now);
    }
    out = maskCutToken(maskAwsSecrets(out));
    for (const re of userPatterns) {
      re.lastIndex = 0;
      if (re.test(out)) out = out.replace(re, (m) => (m === '' ? m : REDACTED));
    }
    return out;
  };
  const deep = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value);
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      let copy: unknown[] | null = null;
      for (let i = 0; i < value.length; i++) {
        const v = value[i] as unknown;
        const r = deep(v);
        if (r !== v) (copy ??= value.slice())[i] = r;
      }
      return copy ?? value;
    }
    let copy: Record<string, unknown> | null = null;
    for (const key of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[key];
      const r =
        secretKeys && typeof v === 'string' && v.length >= 4 && isSecretKeyName(key)
          ? REDACTED
          : deep(v);
      if (r !== v) (copy ??= { ...(value as Record<string, unknown>) })[key] = r;
    }
    return copy ?? value;
  };
  return { text, deep: <T>(value: T) => deep(value) as T };
}
