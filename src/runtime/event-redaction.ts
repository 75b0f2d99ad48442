/**
 * The redaction of a live session: what every event and every blob passes before it is written.
 * Built from the plan (runner `env` values, the Session Config's `redact-patterns`) and the
 * coordinator's environment (values of secret-named variables). Runner `env` values are never
 * logged: `session.planned` keeps their names only.
 */
import { REDACTED, createRedactor, type Redactor } from '../domain/redact.js';
import type { ResolvedPlan } from '../domain/plan.schema.js';
import { SECRET_NAME } from '../domain/redact.js';

/** A runner env value worth masking wherever it appears: a secret name, or a token-like value. */
function isSecretValue(name: string, value: string): boolean {
  if (value.length < 4) return false;
  return SECRET_NAME.test(name) || (value.length >= 12 && !/\s/.test(value));
}

/** The same plan with every runner `env` value replaced by the placeholder (names kept). */
export function planWithoutEnvValues(plan: ResolvedPlan): ResolvedPlan {
  const runners: ResolvedPlan['runners'] = {};
  for (const [name, spec] of Object.entries(plan.runners)) {
    const env: Record<string, string> = {};
    for (const key of Object.keys(spec.env)) env[key] = REDACTED;
    runners[name] = { ...spec, env };
  }
  return { ...plan, runners };
}

/** Masks secrets in events and blobs of one session. */
export interface EventRedactor {
  /** The event's data, secrets masked (`session.planned`: runner env values dropped). */
  event(type: string, data: unknown): unknown;
  /** A text (a blob's content), secrets masked. */
  text(text: string): string;
}

/** Builds the redaction of a session. Throws a `SyntaxError` for an invalid pattern. */
export function createEventRedactor(
  plan: ResolvedPlan,
  env: Readonly<Record<string, string | undefined>> = process.env,
): EventRedactor {
  const secretValues: string[] = [];
  for (const spec of Object.values(plan.runners)) {
    for (const [name, value] of Object.entries(spec.env)) {
      if (value !== REDACTED && isSecretValue(name, value)) secretValues.push(value);
    }
  }
  const redactor: Redactor = createRedactor({
    secretValues,
    env,
    patterns: plan.config.redactPatterns ?? [],
  });
  return {
    event(type, data) {
      if (type === 'session.planned') {
        const d = data as { plan: ResolvedPlan };
        return redactor.deep({ ...d, plan: planWithoutEnvValues(d.plan) });
      }
      return redactor.deep(data);
    },
    text: (text) => redactor.text(text),
  };
}

/**
 * The plan to run a resumed session with: the logged plan (env names only) with each runner
 * `env` value taken from `fresh` (the plan file read again) when it has that runner and name;
 * a name with no value is left out, so the agent inherits the coordinator's own variable.
 */
export function restoreRunnerEnv(logged: ResolvedPlan, fresh: ResolvedPlan | null): ResolvedPlan {
  const runners: ResolvedPlan['runners'] = {};
  for (const [name, spec] of Object.entries(logged.runners)) {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(spec.env)) {
      const known = fresh?.runners[name]?.env[key];
      if (value !== REDACTED) env[key] = value;
      else if (known !== undefined) env[key] = known;
    }
    runners[name] = { ...spec, env };
  }
  return { ...logged, runners };
}
