/**
 * The sentences of the journal. Machines decide with codes, ids and numbers
 * (`deviation.recorded` v2, `what_not_to_retry.recorded` v2); the projections and the terminal
 * render the reference's sentences from them here. Rewording a line is therefore not a change of
 * any decision: replay compares codes, never prose (see `src/machines/decision-identity.ts`).
 * Pure, no I/O.
 */

/** Where carried work goes: the next wave of the plan, or the next session. */
export interface NextWave {
  wave: number;
  role: string;
}

/** The parameters each deviation code carries. */
export interface DeviationParams {
  /** D6: agents that never started after one re-dispatch. */
  'dispatch-missing': { planned: number; missing: string[] };
  /** D4: an agent's declared edits are not on disk. */
  'edit-not-persisted': { agent: string; status: string; files: string[] };
  /** D2: the gate went green after auto-fix. */
  'autofix-succeeded': { attempts: number; maxRetries: number; gate: string };
  /** D3: auto-fix ran out of retries. */
  'autofix-exhausted': { attempts: number; maxRetries: number; gate: string; bundle: string };
  /** D6: partial or stagnant work carried forward with its REMAINING text. */
  'carried-over': { taskId: string; status: string; next: NextWave | null };
  /** D6: a task spiralled a second time. */
  'spiral-escalated': { taskId: string };
  /** D6: a task spiralled once and goes again with a narrowed scope. */
  'spiral-narrowed': { taskId: string; next: NextWave | null };
  /** D6: a failed task comes back as a fix task. */
  'fix-task': { taskId: string; status: string; next: NextWave | null };
  /** D6: a task waits for a dependency that is not done. */
  'dependency-held': { taskId: string; blocker: string };
  /** D6: worktree isolation was resolved but agents share the working tree. */
  'worktree-fallback': { reason: string; agents: number };
  /**
   * D6: an agent changed files outside the wave scope; strict reverted them, warn kept them.
   * `taskId` is empty when no agent reported the files (a shared working tree).
   */
  'scope-violation': {
    agent: string;
    taskId: string;
    files: string[];
    mode: 'strict' | 'warn';
    action: 'revert' | 'keep';
  };
  /** D6: spend reached a limit of `budgets:`; the agent is stopped, or the session stops. */
  'budget-exceeded': {
    scope: 'agent' | 'wave' | 'session';
    metric: 'tokens' | 'usd' | 'minutes';
    limit: number;
    spent: number;
    /** The agent run (agent scope), else the wave number or 'session'. */
    subject: string;
  };
  /** A deviation logged before codes existed whose text matched no template. */
  text: { text: string };
}

/** A deviation code. */
export type DeviationCode = keyof DeviationParams;

/** The decision data of a deviation: code and parameters, no prose. */
export type DeviationFacts = {
  [C in DeviationCode]: { wave: number | null; code: C; params: DeviationParams[C] };
}[DeviationCode];

const whereTo = (next: NextWave | null): string =>
  next ? `wave ${next.wave} (${next.role})` : 'the next session (no waves left)';

type Templates = { [C in DeviationCode]: (w: number | null, p: DeviationParams[C]) => string };

const templates: Templates = {
  'dispatch-missing': (w, p) =>
    `Wave ${w}: dispatch verification found ${p.missing.length} of ${p.planned} agents never started after one re-dispatch (${p.missing.join(', ')}); carried over.`,
  'edit-not-persisted': (w, p) =>
    `Wave ${w} edit-persistence violation: agent "${p.agent}" reported ${p.status} but declared file(s) ${p.files.join(', ')} are absent from the on-disk change set. Result treated as unverified — re-dispatched.`,
  'autofix-succeeded': (w, p) =>
    `Wave ${w} auto-fix succeeded after ${p.attempts} attempts (max-retries config: ${p.maxRetries}). Failed gate(s): ${p.gate}. Final pass on attempt ${p.attempts}.`,
  'autofix-exhausted': (w, p) =>
    `Wave ${w} auto-fix exhausted retries after ${p.attempts} attempts (max-retries config: ${p.maxRetries}). Failed gate: ${p.gate}. Diagnostics bundle: ${p.bundle}. Coordinator to review bundle and decide: fix the failure by hand, then start a new session.`,
  'carried-over': (w, p) =>
    `Wave ${w}: task ${p.taskId} ended ${p.status}; its REMAINING work is carried into ${whereTo(p.next)}.`,
  'spiral-escalated': (w, p) =>
    `Wave ${w}: task ${p.taskId} spiralled twice; escalated to the operator.`,
  'spiral-narrowed': (w, p) =>
    `Wave ${w}: task ${p.taskId} spiralled; re-dispatched with a narrowed scope into ${whereTo(p.next)}.`,
  'fix-task': (w, p) =>
    `Wave ${w}: task ${p.taskId} ended ${p.status}; a fix task with its error context goes into ${whereTo(p.next)}.`,
  'dependency-held': (w, p) =>
    `Wave ${w}: task ${p.taskId} held back: its dependency ${p.blocker} is not done (it waits with it).`,
  'worktree-fallback': (w, p) =>
    p.reason === 'contract-lock'
      ? `Wave ${w}: isolation resolved to worktree, but its contract-lock task must land before the rest see it, so the ${p.agents} agents share the working tree with strict scope enforcement.`
      : `Wave ${w}: isolation resolved to worktree (${p.reason}); worktrees are not supported yet, so the ${p.agents} agents share the working tree with strict scope enforcement.`,
  'scope-violation': (w, p) =>
    `Wave ${w} scope violation: ${p.taskId === '' ? 'file(s) no agent reported were changed' : `agent "${p.agent}" (task ${p.taskId}) changed file(s)`} outside the wave's allowedPaths: ${p.files.join(', ')}. Enforcement ${p.mode} — ${p.action === 'revert' ? 'reverted to the pre-dispatch state' : 'kept with a warning'}.`,
  'budget-exceeded': (w, p) =>
    `${w === null ? 'Session' : `Wave ${w}`}: ${p.scope} budget reached (${p.subject}): ${p.metric} ${p.spent} of ${p.limit}. ${p.scope === 'agent' ? 'The agent was stopped.' : p.scope === 'wave' ? 'The wave dispatches nothing more.' : 'The session stops.'}`,
  text: (_w, p) => p.text,
};

/** The sentence of a deviation, as STATE.md's Deviations section and the terminal show it. */
export function deviationText(d: DeviationFacts): string {
  const render = templates[d.code] as (w: number | null, p: unknown) => string;
  return render(d.wave, d.params);
}

/** The decision data of a What Not To Retry entry. */
export interface WhatNotToRetryFacts {
  taskId: string;
  description: string;
  /** The run's outcome (failed, spiral, crashed, timed_out …). */
  status: string;
  note: string;
  /** The file the failure points at, if any. */
  file: string | null;
  /** The entry's own words, for entries logged before they had facts. */
  text?: { approach: string; why: string };
}

/** The `approach` and `why` of a What Not To Retry entry, as STATE.md shows them. */
export function whatNotToRetryText(e: WhatNotToRetryFacts): { approach: string; why: string } {
  if (e.text) return e.text;
  const evidence = e.file ? ` (evidence: ${e.file})` : '';
  return {
    approach: `${e.description} (${e.taskId})`,
    why: `${e.status.toUpperCase()} — ${e.note}${evidence}`,
  };
}
