/**
 * Pure text of the live TTY display: a line per wave and per agent (status symbol, agent id and
 * description, turns, last tool, elapsed). Elapsed time of running agents needs the wall clock,
 * which the caller passes as `nowMs`.
 */
import type { AgentProgress, ProgressView, WaveProgress } from '../projections/progress.types.js';
import {
  AGENT_SYMBOL,
  WAVE_SYMBOL,
  clip,
  costText,
  cutToWidth,
  durationBetween,
  padToWidth,
  reasonTag,
  statusWord,
  turnsText,
  type Paint,
} from './progress-format.js';

/** Layout limits of a frame. */
export interface FrameLayout {
  /** Terminal width: every line is cut to `columns - 1` so nothing wraps. */
  columns: number;
  /** Most agent lines shown per wave; the rest are summed up in one line. */
  maxAgentLines: number;
  /** Colours (none when absent). */
  paint?: Paint;
}

const STYLE: Record<string, Parameters<Paint>[0]> = {
  done: 'green',
  completed: 'green',
  running: 'cyan',
  dispatching: 'cyan',
  gating: 'cyan',
  partial: 'yellow',
  stagnant: 'yellow',
  queued: 'gray',
  skipped: 'gray',
  pending: 'gray',
  lost: 'gray',
  failed: 'red',
  crashed: 'red',
  timed_out: 'red',
  spiral: 'red',
  blocked: 'red',
};

/** Colours the status symbol that starts a (fitted) line. */
function paintSymbol(line: string, symbol: string, state: string, paint?: Paint): string {
  if (!paint) return line;
  const at = line.indexOf(symbol);
  const style = STYLE[state];
  if (at < 0 || style === undefined) return line;
  return line.slice(0, at) + paint(style, symbol) + line.slice(at + symbol.length);
}

const ID_WIDTH = 11;
const TOOL_WIDTH = 26;

/** Cuts a line to the terminal width by display columns (wide characters count 2). */
function fit(text: string, columns: number): string {
  return cutToWidth(text.trimEnd(), Math.max(10, columns - 1));
}

function agentElapsed(a: AgentProgress, nowMs: number): string {
  if (a.status === 'queued') return '';
  return durationBetween(a.startedAt ?? a.dispatchedAt, a.endedAt, nowMs) ?? '';
}

/** The line of one agent: symbol, id, description, turns, last tool or status, elapsed, cost. */
function agentFrameLine(a: AgentProgress, nowMs: number, columns: number, paint?: Paint): string {
  const id = padToWidth(a.agentId, ID_WIDTH);
  const turns = padToWidth(turnsText(a.turns), 8, true);
  const elapsed = padToWidth(agentElapsed(a, nowMs), 6, true);
  const cost = a.costUsd === null ? '' : ` ${padToWidth(costText(a.costUsd), 7, true)}`;
  const ended = a.endedAt !== null;
  const tail = ended ? statusWord(a.status) : (a.lastTool ?? statusWord(a.status));
  const tool = padToWidth(clip(tail, TOOL_WIDTH), TOOL_WIDTH);
  // Whatever room is left goes to the description.
  const fixed = 4 + ID_WIDTH + 1 + 8 + 2 + TOOL_WIDTH + 1 + 6 + cost.length + 2;
  const room = Math.max(8, Math.min(60, columns - 1 - fixed));
  const desc = padToWidth(clip(`${a.description}${reasonTag(a)}`, room), room);
  const symbol = AGENT_SYMBOL[a.status];
  const line = fit(`  ${symbol} ${id} ${desc} ${turns}  ${tool} ${elapsed}${cost}`, columns);
  return paintSymbol(line, symbol, a.status, paint);
}

function counts(view: ProgressView, w: WaveProgress): string {
  let ended = 0;
  let running = 0;
  for (const id of w.agentIds) {
    const a = view.agents.get(id);
    if (!a) continue;
    if (a.endedAt !== null) ended += 1;
    else if (a.status === 'running') running += 1;
  }
  return `${ended}/${w.agentIds.length} agents ended, ${running} running`;
}

/** The headline of one wave. */
function waveFrameLine(
  view: ProgressView,
  w: WaveProgress,
  nowMs: number,
  columns: number,
  paint?: Paint,
): string {
  const parts = [`${WAVE_SYMBOL[w.state]} Wave ${w.wave} · ${w.role}`];
  const last = w.gates[w.gates.length - 1];
  switch (w.state) {
    case 'skipped':
      parts.push(`skipped (${w.skipReason ?? 'no tasks'})`);
      break;
    case 'gating':
      parts.push(`gate attempt ${last?.attempt ?? 1}: ${last?.gates.join(', ') ?? ''}`);
      break;
    case 'completed':
      parts.push(`complete, quality ${w.quality ?? '?'}`, `${w.agentIds.length} agent run(s)`);
      break;
    default:
      parts.push(w.state, counts(view, w));
      break;
  }
  const took = durationBetween(w.startedAt, w.endedAt, nowMs);
  if (took !== null && w.state !== 'skipped') parts.push(took);
  // The scope enforcement in force while agents run, when the terminal is wide enough for it.
  const enforcement = w.state === 'running' ? w.enforcement : null;
  if (enforcement !== null && parts.join(' · ').length + 3 + enforcement.length <= columns)
    parts.push(enforcement);
  return paintSymbol(fit(parts.join(' · '), columns), WAVE_SYMBOL[w.state], w.state, paint);
}

/** A wave's headline plus its agent lines (at most `maxAgentLines`, then one overflow line). */
export function waveBlock(
  view: ProgressView,
  w: WaveProgress,
  nowMs: number,
  layout: FrameLayout,
): string[] {
  const lines = [waveFrameLine(view, w, nowMs, layout.columns, layout.paint)];
  if (w.state === 'skipped') return lines;
  // Running agents first when the list must be cut, then queued ones: what the user watches.
  let ids = w.agentIds;
  if (ids.length > layout.maxAgentLines) {
    const rank = (id: string): number => {
      const a = view.agents.get(id);
      if (a?.status === 'running') return 0;
      return a?.endedAt === null ? 1 : 2;
    };
    ids = [...ids].sort((x, y) => rank(x) - rank(y)).slice(0, layout.maxAgentLines);
  }
  for (const id of ids) {
    const a = view.agents.get(id);
    if (a) lines.push(agentFrameLine(a, nowMs, layout.columns, layout.paint));
  }
  const hidden = w.agentIds.length - ids.length;
  if (hidden > 0) lines.push(fit(`  … ${hidden} more agent(s)`, layout.columns));
  return lines;
}

/** True when a wave will not change any more. */
export function waveIsFinal(w: WaveProgress): boolean {
  return w.state === 'completed' || w.state === 'skipped' || w.state === 'blocked';
}

/** The footer: session name, state, wave position, session elapsed. */
export function footerLine(view: ProgressView, nowMs: number, columns: number): string {
  const name = view.semanticId ?? view.sessionId ?? 'session';
  const total = view.waves.size;
  const at = view.currentWave === null ? 'starting' : `wave ${view.currentWave}/${total}`;
  const parts = [`${name}`, view.state, at];
  const took = durationBetween(view.startedAt, view.endedAt, nowMs);
  if (took !== null) parts.push(took);
  if (view.pendingDecision) parts.push(`waiting for a decision: ${view.pendingDecision.prompt}`);
  return fit(`  ${parts.join(' · ')}`, columns);
}
