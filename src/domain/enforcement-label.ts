/**
 * The scope enforcement a wave actually runs under, in words for the terminal: not only the mode
 * of `wave.started` but what it does (the Claude PreToolUse hook denies out-of-scope writes and
 * blocked commands before they happen, or lets them through with a warning; Discovery is
 * read-only). Pure.
 */
import type { Enforcement } from './plan.schema.js';

/** What a wave's scope enforcement does, e.g. `enforcement strict: writes outside 3 allowed path(s) denied (Claude hook)`. */
export function enforcementInForce(wave: {
  readonly enforcement: Enforcement;
  readonly role: string;
  readonly allowedPaths: readonly string[];
}): string {
  const mode = `enforcement ${wave.enforcement}`;
  if (wave.enforcement === 'off') return `${mode}: scope not checked`;
  const what =
    wave.allowedPaths.length === 0
      ? wave.role === 'Discovery'
        ? 'read-only wave, every write'
        : 'no allowed path, every write'
      : `writes outside ${wave.allowedPaths.length} allowed path(s)`;
  // The post-agent check (scopeVerdict + revertAgentFiles) is not run by the wave machine yet: the
  // label names only the Claude hook until it is (then: "denied (Claude hook) or reverted").
  return wave.enforcement === 'strict'
    ? `${mode}: ${what} denied (Claude hook)`
    : `${mode}: ${what} allowed with a warning (Claude hook)`;
}
