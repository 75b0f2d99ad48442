/**
 * Masks token-shaped strings before anything reaches the inspector page: vendor API keys
 * (`sk-…`, `sk-ant-…`, `ghp_…`/`github_pat_…`, `xox…-`, `AKIA…`, `AIza…`, `glpat-…`), bearer
 * tokens, JWTs, private-key blocks, and the value of any `key|token|secret|password=…` pair.
 * A masked secret keeps its first four characters so two different secrets stay distinguishable.
 */

const PATTERNS: readonly RegExp[] = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
  /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{16,}/g,
  /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  /\bglpat-[A-Za-z0-9_-]{16,}/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\bAIza[0-9A-Za-z_-]{30,}/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
];

/** `Bearer <token>` and `<name>=<value>` / `"<name>": "<value>"` where the name says secret. */
const BEARER = /\b(Bearer\s+)([A-Za-z0-9._~+/-]{12,}=*)/g;
const NAMED =
  /\b([A-Za-z0-9_]*(?:api[_-]?key|token|secret|passw(?:or)?d)[A-Za-z0-9_]*)("?\s*[=:]\s*"?)([^\s"',;&]{6,})/gi;

const hide = (secret: string) => `${secret.slice(0, 4)}…[masked]`;

/** Masks the secrets of one string. */
export function maskSecrets(text: string): string {
  if (text.length < 12) return text;
  let out = text;
  for (const p of PATTERNS) out = out.replace(p, (m) => hide(m));
  out = out.replace(BEARER, (_m, pre: string, tok: string) => pre + hide(tok));
  out = out.replace(NAMED, (m, name: string, sep: string, value: string) =>
    value.includes('[masked]') || /^[\d.,]+$/.test(value) ? m : name + sep + hide(value),
  );
  return out;
}

/** Masks every string inside a JSON-like value (keys are kept). */
export function maskDeep<T>(value: T): T {
  if (typeof value === 'string') return maskSecrets(value) as T;
  if (Array.isArray(value)) return (value as unknown[]).map((v) => maskDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] =
        /api[_-]?key|token|secret|passw(?:or)?d/i.test(k) && typeof v === 'string' && v.length >= 6
          ? hide(v)
          : maskDeep(v);
    }
    return out as T;
  }
  return value;
}
