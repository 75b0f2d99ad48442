/** Text and JSON forms of `wave status`. */
import type { ProgressView } from '../projections/progress.types.js';
import { AGENT_SYMBOL, WAVE_SYMBOL, clip, costText, turnsText } from './progress-format.js';

/** The status as plain data (for `--json`). */
export function statusJson(
  view: ProgressView,
  missions: Record<string, string>,
  log: string,
  state: string = view.state,
): unknown {
  return {
    log,
    session: view.sessionId,
    label: view.semanticId,
    type: view.sessionType,
    intent: view.intent,
    state,
    outcome: view.outcome,
    reason: view.reason,
    currentWave: view.currentWave,
    startedAt: view.startedAt,
    endedAt: view.endedAt,
    waves: [...view.waves.values()].map((w) => ({
      wave: w.wave,
      role: w.role,
      state: w.state,
      quality: w.quality,
      filesChanged: w.filesChangedCount,
      agents: w.agentIds.map((id) => {
        const a = view.agents.get(id);
        return a
          ? {
              agentId: id,
              taskId: a.taskId,
              status: a.status,
              turns: a.turns,
              costUsd: a.costUsd,
              lastTool: a.lastTool,
              summary: a.summary,
            }
          : { agentId: id };
      }),
    })),
    missions,
    openQuestions: [...view.openQuestions],
    pendingDecision: view.pendingDecision,
  };
}

/** The status as text. */
export function renderStatus(
  view: ProgressView,
  missions: Record<string, string>,
  log: string,
  state: string = view.state,
): string {
  const lines: string[] = [];
  lines.push(
    `session ${view.semanticId ?? '?'} (${view.sessionId ?? '?'}) — ${view.sessionType ?? '?'}: ${view.intent ?? ''}`,
  );
  const tail = view.outcome ? ` (${view.outcome})` : view.reason ? ` (${view.reason})` : '';
  lines.push(`state: ${state}${tail}; last event #${view.lastSeq} at ${view.lastTs ?? '?'}`);
  lines.push(`log: ${log}`);
  for (const w of view.waves.values()) {
    lines.push(
      `${WAVE_SYMBOL[w.state]} wave ${w.wave} ${w.role}: ${w.state}${w.quality ? `, gate ${w.quality}` : ''}`,
    );
    for (const id of w.agentIds) {
      const a = view.agents.get(id);
      if (!a) continue;
      const tool = a.lastTool ? `, last ${clip(a.lastTool, 40)}` : '';
      const cost = a.costUsd === null ? '' : `, ${costText(a.costUsd)}`;
      lines.push(
        `    ${AGENT_SYMBOL[a.status]} ${id} ${a.status} (${turnsText(a.turns)}${cost}${tool})${a.summary ? ` — ${clip(a.summary, 60)}` : ''}`,
      );
    }
  }
  const ids = Object.keys(missions);
  if (ids.length > 0)
    lines.push(`missions: ${ids.map((id) => `${id} ${missions[id]}`).join(', ')}`);
  if (view.pendingDecision) lines.push(`waiting for a decision: ${view.pendingDecision.prompt}`);
  return `${lines.join('\n')}\n`;
}
