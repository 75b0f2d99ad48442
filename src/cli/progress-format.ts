/** Small shared formatting helpers of the progress displays and the session summary. */
import type {
  AgentProgress,
  AgentProgressStatus,
  WaveProgressState,
} from '../projections/progress.types.js';
import { oneLine } from '../projections/tool-label.js';

/** One-column status symbol of an agent. */
export const AGENT_SYMBOL: Readonly<Record<AgentProgressStatus, string>> = {
  queued: '·',
  running: '▶',
  done: '✓',
  partial: '◐',
  failed: '✗',
  spiral: '↻',
  stagnant: '≈',
  crashed: '!',
  timed_out: '⊘',
  lost: '?',
};

/** One-column status symbol of a wave. */
export const WAVE_SYMBOL: Readonly<Record<WaveProgressState, string>> = {
  pending: '○',
  running: '▶',
  gating: '◆',
  skipped: '–',
  completed: '✓',
  blocked: '✗',
};

/** Human duration: `0s`, `45s`, `1m05s`, `2h03m`. Negative or NaN ⇒ `0s`. */
function formatDuration(ms: number): string {
  const s = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** Duration between two canonical timestamps (`to` null ⇒ `nowMs`, or null without it). */
export function durationBetween(
  from: string | null,
  to: string | null,
  nowMs?: number,
): string | null {
  if (from === null) return null;
  const end = to !== null ? Date.parse(to) : nowMs;
  return end === undefined ? null : formatDuration(end - Date.parse(from));
}

/** Collapses whitespace and cuts text to a maximum length with an ellipsis. */
export const clip: (text: string, max: number) => string = oneLine;

/** `5 turns` / `1 turn`. */
export function turnsText(turns: number): string {
  return `${turns} ${turns === 1 ? 'turn' : 'turns'}`;
}

/** Status word of an agent as users read it (`timed out`, not `timed_out`). */
export function statusWord(status: AgentProgressStatus): string {
  return status === 'timed_out' ? 'timed out' : status;
}

/** Tag for agents that were not planned (`fix`, `redispatch`, `carryover`), with their attempt. */
export function reasonTag(a: AgentProgress): string {
  if (a.reason === 'planned' && a.attempt === 1) return '';
  return a.reason === 'planned' ? ` (attempt ${a.attempt})` : ` (${a.reason})`;
}

/** Removes ANSI escape sequences (tests and plain sinks). */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
}
