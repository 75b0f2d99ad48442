/** Small shared formatting helpers of the progress displays and the session summary. */
import type {
  AgentProgress,
  AgentProgressStatus,
  WaveProgressState,
} from '../projections/progress.types.js';
import { inspect, stripVTControlCharacters } from 'node:util';
import { createRequire } from 'node:module';

// string-width (and its emoji tables) costs more to load than `wave status` takes to run: it is
// loaded on the first text that is not plain printable ASCII, whose width is its length.
const requireModule = createRequire(import.meta.url);
let wideWidth: ((text: string) => number) | undefined;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Terminal columns of `text`. */
function stringWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  wideWidth ??= (requireModule('string-width') as { default: (text: string) => number }).default;
  return wideWidth(text);
}

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

let segmenter: Intl.Segmenter | undefined;

/** Cuts text to at most `columns` terminal columns, ending with `…` when cut. */
export function cutToWidth(text: string, columns: number): string {
  if (stringWidth(text) <= columns) return text;
  const room = Math.max(0, columns - 1);
  let out = '';
  let used = 0;
  segmenter ??= new Intl.Segmenter();
  for (const { segment } of segmenter.segment(text)) {
    const w = stringWidth(segment);
    if (used + w > room) break;
    out += segment;
    used += w;
  }
  return `${out}…`;
}

/** Pads text with spaces to `columns` terminal columns (at the end, or the start). */
export function padToWidth(text: string, columns: number, atStart = false): string {
  const pad = ' '.repeat(Math.max(0, columns - stringWidth(text)));
  return atStart ? pad + text : text + pad;
}

/** Collapses whitespace and cuts text to `max` terminal columns with an ellipsis. */
export function clip(text: string, max: number): string {
  return cutToWidth(text.replace(/\s+/g, ' ').trim(), max);
}

/** `$0.42`, `$0.0123`: an agent's cost as the CLI reported it. */
export function costText(usd: number | null): string {
  if (usd === null) return '';
  return `$${usd >= 1 ? usd.toFixed(2) : usd >= 0.1 ? usd.toFixed(3) : usd.toFixed(4)}`;
}

/** Colours of the display, applied only when colour is on. */
export type Paint = (
  style: 'green' | 'red' | 'yellow' | 'cyan' | 'gray' | 'bold',
  text: string,
) => string;

/** A painter: SGR colour codes (Node's `inspect.colors`) when `enabled`, else the text as is. */
export function painter(enabled: boolean): Paint {
  if (!enabled) return (_style, text) => text;
  return (style, text) => {
    const [open, close] = inspect.colors[style === 'gray' ? 'gray' : style] ?? [0, 0];
    return `\x1b[${open}m${text}\x1b[${close}m`;
  };
}

/**
 * Colour is on for a TTY unless `NO_COLOR` is set (any non-empty value) or `FORCE_COLOR=0`;
 * `FORCE_COLOR` (non-zero) turns it on without a TTY.
 */
export function colourEnabled(
  isTTY: boolean,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0';
  return isTTY && env.TERM !== 'dumb';
}

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

/** Removes ANSI escape sequences (Node's `util.stripVTControlCharacters`). */
export const stripAnsi: (text: string) => string = stripVTControlCharacters;
