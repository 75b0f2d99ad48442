/**
 * The decision of the PreToolUse hook for one tool call, and the answer Claude Code expects back
 * (Claude Code hooks reference, "PreToolUse decision control": exit 0 with
 * `{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny",
 * "permissionDecisionReason":…}}` on stdout blocks the call and shows the reason to Claude; exit 0
 * without output lets the normal permission flow decide; `systemMessage` is shown to the user).
 * Rules of the reference's scope and command hooks (§B4): writes (Write, Edit, MultiEdit:
 * `file_path`; NotebookEdit: `notebook_path`) must resolve inside the project and match
 * `allowedPaths`; STATE.md and the manifest are always writable; Bash commands must contain no
 * blocked pattern in any segment. strict ⇒ deny; warn ⇒ allow with a warning; off ⇒ allow. A manifest
 * that cannot be read fails closed (enforcement `strict`, nothing allowed). Only pure imports: the
 * hook runs before every tool call and must start fast.
 */
import { firstBlockedPattern, suggestForCommandBlock } from '../domain/command-guard.js';
import { matchesAnyPattern } from '../domain/scope-path-match.js';
import { ALWAYS_WRITABLE } from '../domain/scope-verdict.js';

/** The manifest fields the hook reads (`wave-scope.json`). */
export interface HookManifest {
  readonly role?: unknown;
  readonly enforcement?: unknown;
  readonly allowedPaths?: unknown;
  readonly blockedCommands?: unknown;
  readonly gates?: unknown;
}

/** What the hook knows besides the payload. */
export interface HookContext {
  /** Real path of the project root. */
  readonly root: string;
  /** The manifest, or null when it exists but could not be read or parsed. */
  readonly manifest: HookManifest | null;
  /** The manifest's path relative to the root (`/`-separated), always writable. */
  readonly manifestRel: string | null;
  /** Real path of a file that may not exist yet (realpath of its nearest existing ancestor). */
  readonly realpath: (absolute: string) => string;
  /** `path.resolve`. */
  readonly resolve: (...parts: string[]) => string;
}

/** The hook's decision. */
export type HookDecision =
  | { readonly kind: 'allow' }
  | { readonly kind: 'deny'; readonly reason: string }
  | { readonly kind: 'warn'; readonly message: string };

const WRITE_TOOLS: Record<string, string> = {
  Write: 'file_path',
  Edit: 'file_path',
  MultiEdit: 'file_path',
  NotebookEdit: 'notebook_path',
};
const ALLOW: HookDecision = { kind: 'allow' };

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((e): e is string => typeof e === 'string' && e !== '') : [];

function enforce(mode: string, reason: string): HookDecision {
  if (mode === 'off') return ALLOW;
  return mode === 'warn' ? { kind: 'warn', message: reason } : { kind: 'deny', reason };
}

function suggestion(target: string, role: string, allowed: readonly string[]): string {
  if (allowed.length > 0)
    return `Allowed paths: [${allowed.join(', ')}]. If '${target}' belongs to this wave, add its directory to the plan's wave scope and restart.`;
  if (role.trim().toLowerCase() === 'discovery')
    return `Discovery wave is read-only — no writes permitted. An empty allowedPaths is this role's deliberate contract (#256), not a misconfiguration: report '${target}' as a finding instead of editing it.`;
  return `No paths are currently allowed for this wave. If '${target}' is in-scope, update the session plan and restart the wave.`;
}

function gateOn(manifest: HookManifest, gate: string): boolean {
  const gates = manifest.gates;
  if (gates === null || typeof gates !== 'object') return true;
  return (gates as Record<string, unknown>)[gate] !== false;
}

function decideWrite(target: string, ctx: HookContext, manifest: HookManifest, mode: string) {
  if (!gateOn(manifest, 'path-guard')) return ALLOW;
  const allowed = strings(manifest.allowedPaths);
  const role = typeof manifest.role === 'string' ? manifest.role : '';
  const real = ctx.realpath(ctx.resolve(ctx.root, target));
  const slashed = real.split('\\').join('/');
  if (allowed.some((p) => p.startsWith('/')) && matchesAnyPattern(slashed, allowed)) return ALLOW;
  const rootSlashed = ctx.root.split('\\').join('/').replace(/\/$/, '');
  if (slashed !== rootSlashed && !slashed.startsWith(`${rootSlashed}/`)) {
    return enforce(
      mode,
      `Scope violation: path outside project root — ${suggestion(target, role, allowed)}`,
    );
  }
  const rel = slashed.slice(rootSlashed.length + 1);
  if (ALWAYS_WRITABLE.includes(rel) || rel === ctx.manifestRel) return ALLOW;
  if (matchesAnyPattern(rel, allowed)) return ALLOW;
  return enforce(
    mode,
    `Scope violation: '${rel}' not in allowed paths [${allowed.join(', ')}] — ${suggestion(rel, role, allowed)}`,
  );
}

function decideBash(command: string, manifest: HookManifest, mode: string): HookDecision {
  if (!gateOn(manifest, 'command-guard')) return ALLOW;
  const hit = firstBlockedPattern(command, strings(manifest.blockedCommands));
  if (!hit) return ALLOW;
  const prefix = hit.fallback ? 'Blocked by fallback safety list' : 'Blocked command';
  return enforce(
    mode,
    `${prefix}: '${hit.pattern}' found in command — ${suggestForCommandBlock(hit.pattern)}`,
  );
}

/** Decides one PreToolUse payload (`tool_name`, `tool_input`) under the wave's manifest. */
export function decidePreToolUse(payload: unknown, ctx: HookContext): HookDecision {
  if (payload === null || typeof payload !== 'object') return ALLOW;
  const { tool_name: tool, tool_input: input } = payload as Record<string, unknown>;
  if (typeof tool !== 'string' || input === null || typeof input !== 'object') return ALLOW;
  const manifest = ctx.manifest ?? {};
  const mode = typeof manifest.enforcement === 'string' ? manifest.enforcement : 'strict';
  const fields = input as Record<string, unknown>;
  const field = WRITE_TOOLS[tool];
  if (field !== undefined) {
    const target = fields[field];
    return typeof target === 'string' && target !== ''
      ? decideWrite(target, ctx, manifest, mode)
      : ALLOW;
  }
  if (tool === 'Bash' && typeof fields.command === 'string' && fields.command !== '')
    return decideBash(fields.command, manifest, mode);
  return ALLOW;
}

const clip = (text: string, max: number): string =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/** The hook's stdout (empty for a plain allow) and exit code for a decision. */
export function hookResponse(decision: HookDecision): { stdout: string; exitCode: number } {
  switch (decision.kind) {
    case 'allow':
      return { stdout: '', exitCode: 0 };
    case 'warn':
      return {
        stdout: `${JSON.stringify({ systemMessage: `⚠ ${decision.message}` })}\n`,
        exitCode: 0,
      };
    case 'deny': {
      const body = {
        hookSpecificOutput: {
          hookEventName: 'PreToolUse',
          permissionDecision: 'deny',
          permissionDecisionReason: decision.reason,
        },
        systemMessage: `⛔ ${clip(decision.reason.split('\n')[0]!.trim(), 200)}`,
      };
      return { stdout: `${JSON.stringify(body)}\n`, exitCode: 0 };
    }
  }
}
