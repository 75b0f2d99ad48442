/**
 * docs/machines.md shows each chart as a diagram and a table generated from the machine
 * definitions; this test fails when it is out of date (regenerate:
 * `WAVE_WRITE_DOCS=1 npx vitest run test/docs`). It also holds the charts to the bar of the
 * issue "Statecharts are the state": at least 80 % of each chart's transitions are triggered by a
 * named event, every guard is named, and the only eventless transitions are the wave's choice of
 * its first step (facts of the plan and the session's patches, not a mirror of a state).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { agentMachine } from '../../src/machines/agent.machine.js';
import { chartGraph, eventTriggeredShare } from '../../src/machines/chart-graph.js';
import { chartToMermaid, chartToTable } from '../../src/machines/chart-mermaid.js';
import { missionMachine } from '../../src/machines/mission.machine.js';
import { sessionMachine } from '../../src/machines/session.machine.js';
import { waveMachine } from '../../src/machines/wave.machine.js';

const CHARTS: Array<[string, AnyStateMachine, string]> = [
  [
    'session',
    sessionMachine,
    'The root of the actor tree: a session from its start to its end; it spawns a mission per plan task and a wave per wave.',
  ],
  [
    'wave',
    waveMachine,
    'One wave: its base snapshotted, the contract-lock round, the rest, one re-dispatch, inspection (out-of-scope and spiralled files put back to the base), then the gate with bounded auto-fix, the red-baseline question and auto-commit. It spawns an agent per dispatched run.',
  ],
  ['mission', missionMachine, "One plan task's mission status; the state value is the status."],
  [
    'agent',
    agentMachine,
    'One agent run; the terminal state it ends in is its outcome, the context its report and live facts.',
  ],
];

function render(): string {
  const sections = CHARTS.map(([name, machine, what]) => {
    const graph = chartGraph(machine);
    const share = Math.round(eventTriggeredShare(graph) * 100);
    return `## ${name}

${what} ${graph.transitions.length} transitions, ${share} % triggered by a named event.

\`\`\`mermaid
${chartToMermaid(graph)}
\`\`\`

${chartToTable(graph)}
`;
  });
  return `# Machines

The four statecharts of \`src/machines/\`, drawn from their definitions (\`chartGraph\` in
\`src/machines/chart-graph.ts\`; this page is generated and \`test/docs/machines-doc.test.ts\` keeps
it in step). States are the lifecycle; every guard is named in \`setup({ guards })\`; actions
named \`record…\`/\`begin…\`/\`enter…\` fold a logged fact into the context, actions named
\`propose…\`/\`dispatch…\`/\`ask…\`/\`abort…\`/\`complete…\` decide (they emit intents and write
nothing). Decisions are matched with the log by identity and decision data, never by prose
(\`decision-identity.ts\`); a deliberate change of a decision is a patch (\`patches.ts\`).

${sections.join('\n')}`;
}

describe('docs/machines.md and the charts', () => {
  it('shows every chart as it is defined', () => {
    const text = render();
    if (process.env.WAVE_WRITE_DOCS === '1') writeFileSync('docs/machines.md', text);
    expect(readFileSync('docs/machines.md', 'utf8')).toBe(text);
  });

  it.each(CHARTS.map(([n]) => n))(
    '%s: ≥ 80 %% of transitions have a named event, every guard is named',
    (name) => {
      const graph = chartGraph(CHARTS.find(([n]) => n === name)![1]);
      expect(eventTriggeredShare(graph)).toBeGreaterThanOrEqual(0.8);
      for (const t of graph.transitions) expect(t.guard ?? 'none').not.toContain('(inline)');
      for (const t of graph.transitions) for (const a of t.actions) expect(a).not.toBe('(inline)');
    },
  );

  it('has no eventless transition but the wave choosing its first step', () => {
    const always = CHARTS.flatMap(([, m]) =>
      chartGraph(m).transitions.filter((t) => t.event === 'always'),
    );
    expect(always.map((t) => [t.from, t.guard, t.to])).toEqual([
      ['dispatching', 'railsOn', ['snapshotting']],
      ['dispatching', 'contractLockFirst', ['lockRound']],
      ['dispatching', null, ['mainRound']],
    ]);
  });
});
