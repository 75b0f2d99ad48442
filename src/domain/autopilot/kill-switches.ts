/**
 * The autopilot's kill switches (reference-behaviour.md §G), pure: checked before each session
 * (user abort, max sessions, max hours, token budget) and after each (stall, spiral, failed,
 * carry-over ratio), in that order; the first that trips stops the run. Details are worded as the
 * reference's `kill_switch_detail`.
 *
 * Two decisions differ from the reference on purpose. The token switch is live: every session's
 * tokens (input + output, as `runSession` reports them) count, where the reference's CLI returns
 * no usage and the switch never trips. The stall switch reads the session's own log (its longest
 * silence between two of its events), where the reference reads
 * the mtime of a file it writes only at the end of the loop and so trips on any session > 10 min.
 */

/** Bounds of a run, clamped as the reference clamps them. */
export interface AutopilotBounds {
  maxSessions: number;
  maxHours: number;
  /** 0 = off. */
  tokenBudget: number;
  stallSeconds: number;
  carryoverThreshold: number;
}

/** The reference's defaults (max sessions 5, 4 h, tokens off, stall 600 s, carry-over 0.5). */
export const AUTOPILOT_DEFAULTS: AutopilotBounds = {
  maxSessions: 5,
  maxHours: 4,
  tokenBudget: 0,
  stallSeconds: 600,
  carryoverThreshold: 0.5,
};

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Clamps bounds silently into the reference's ranges (sessions 1..50, hours 0.5..24, tokens 0..10 M). */
export function clampBounds(b: Partial<AutopilotBounds>): AutopilotBounds {
  const d = AUTOPILOT_DEFAULTS;
  return {
    maxSessions: Math.round(clamp(b.maxSessions ?? d.maxSessions, 1, 50)),
    maxHours: clamp(b.maxHours ?? d.maxHours, 0.5, 24),
    tokenBudget: Math.round(clamp(b.tokenBudget ?? d.tokenBudget, 0, 10_000_000)),
    stallSeconds: Math.max(1, Math.round(b.stallSeconds ?? d.stallSeconds)),
    carryoverThreshold: b.carryoverThreshold ?? d.carryoverThreshold,
  };
}

/** A tripped switch. */
export interface KillSwitchTrip {
  switch:
    | 'user-abort'
    | 'max-sessions-reached'
    | 'max-hours-exceeded'
    | 'token-budget-exceeded'
    | 'stall-timeout'
    | 'spiral'
    | 'failed-wave'
    | 'carryover-too-high';
  detail: string;
}

/** What the pre-checks read. */
export interface BeforeSession {
  aborted: boolean;
  iterations: number;
  elapsedMs: number;
  tokensUsed: number;
}

/** The first pre-check that trips: abort, max sessions, max hours, token budget. */
export function checkBefore(s: BeforeSession, b: AutopilotBounds): KillSwitchTrip | undefined {
  if (s.aborted) return { switch: 'user-abort', detail: 'AbortSignal triggered before iteration' };
  if (s.iterations >= b.maxSessions) {
    return {
      switch: 'max-sessions-reached',
      detail: `iterations_completed=${s.iterations} >= max-sessions=${b.maxSessions}`,
    };
  }
  const hours = s.elapsedMs / 3_600_000;
  if (hours >= b.maxHours) {
    return {
      switch: 'max-hours-exceeded',
      detail: `elapsed_hours=${hours.toFixed(2)} >= max-hours=${b.maxHours}`,
    };
  }
  if (b.tokenBudget > 0 && s.tokensUsed >= b.tokenBudget) {
    return {
      switch: 'token-budget-exceeded',
      detail: `cumulative_tokens=${s.tokensUsed} >= max-tokens=${b.tokenBudget}`,
    };
  }
  return undefined;
}

/** What the post-checks read from one finished session. */
export interface AfterSession {
  /** The session could not run or was aborted by itself (exit 2, 3 not by the operator, 4, 70). */
  broken?: string;
  silentSeconds: number;
  /** Where the silence was measured (the session's log). */
  marker: string;
  agentSummary: { spiral: number; failed: number };
  effectiveness?: { planned_issues: number; carryover: number };
}

/**
 * The first post-check that trips: a session that could not run (the reference's "runner threw",
 * `failed-wave`), then stall, spiral, failed, carry-over ratio.
 */
export function checkAfter(s: AfterSession, b: AutopilotBounds): KillSwitchTrip | undefined {
  if (s.broken !== undefined) return { switch: 'failed-wave', detail: s.broken };
  if (s.silentSeconds >= b.stallSeconds) {
    return {
      switch: 'stall-timeout',
      detail: `stalled ${Math.round(s.silentSeconds)}s ≥ threshold ${b.stallSeconds}s (marker=${s.marker})`,
    };
  }
  if (s.agentSummary.spiral > 0) {
    return { switch: 'spiral', detail: `agent_summary.spiral=${s.agentSummary.spiral} > 0` };
  }
  if (s.agentSummary.failed > 0) {
    return { switch: 'failed-wave', detail: `agent_summary.failed=${s.agentSummary.failed} > 0` };
  }
  const eff = s.effectiveness;
  if (eff && eff.planned_issues > 0) {
    const ratio = eff.carryover / eff.planned_issues;
    if (ratio > b.carryoverThreshold) {
      return {
        switch: 'carryover-too-high',
        detail: `carryover/planned=${Math.round(ratio * 100) / 100} > threshold=${b.carryoverThreshold} (carryover=${eff.carryover}, planned=${eff.planned_issues})`,
      };
    }
  }
  return undefined;
}

/** `<branch sanitized>-<YYYY-MM-DD>-<HHmm UTC>-autopilot`. */
export function autopilotRunId(branch: string, nowIso: string): string {
  const safe = branch.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'detached';
  return `${safe}-${nowIso.slice(0, 10)}-${nowIso.slice(11, 13)}${nowIso.slice(14, 16)}-autopilot`;
}
