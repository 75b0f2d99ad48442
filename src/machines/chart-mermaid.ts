/**
 * A chart as a Mermaid `stateDiagram-v2` (for docs/machines.md) and as a table of every
 * transition, including those that change no state and those declared on the machine itself.
 * Pure: it renders a {@link ChartGraph}.
 */
import type { ChartGraph, ChartState } from './chart-graph.js';

const safe = (id: string): string => id.replace(/[^A-Za-z0-9]/g, '_');
const leaf = (id: string): string => id.split('.').at(-1) ?? id;

/** The chart as a Mermaid state diagram: nested states, targeted transitions, labelled. */
export function chartToMermaid(graph: ChartGraph): string {
  const byId = new Map(graph.states.map((s) => [s.id, s]));
  const lines = ['stateDiagram-v2'];
  const declare = (s: ChartState, indent: string) => {
    lines.push(`${indent}state "${leaf(s.id)}" as ${safe(s.id)}`);
  };
  const block = (ids: string[], initial: string | null, indent: string) => {
    for (const id of ids) {
      const s = byId.get(id) as ChartState;
      if (s.children.length === 0) declare(s, indent);
    }
    if (initial) lines.push(`${indent}[*] --> ${safe(initial)}`);
    for (const id of ids) {
      const s = byId.get(id) as ChartState;
      if (s.kind === 'final' || s.ended) lines.push(`${indent}${safe(id)} --> [*]`);
      if (s.children.length > 0) {
        lines.push(`${indent}state ${safe(id)} {`);
        block(s.children, s.initial, `${indent}  `);
        lines.push(`${indent}}`);
      }
    }
  };
  const top = graph.states.filter((s) => !s.id.includes('.')).map((s) => s.id);
  block(top, graph.initial, '  ');
  for (const t of graph.transitions) {
    if (t.from === '' || t.to.length === 0) continue;
    const label = t.guard ? `${t.event} [${t.guard}]` : t.event;
    for (const to of t.to) lines.push(`  ${safe(t.from)} --> ${safe(to)} : ${label}`);
  }
  return lines.join('\n');
}

/** Every transition of the chart as a Markdown table. */
export function chartToTable(graph: ChartGraph): string {
  const rows = graph.transitions.map((t) => {
    const from = t.from === '' ? '(any state)' : t.from;
    const to = t.to.length === 0 ? '(stays)' : t.to.join(', ');
    const guard = t.guard ?? '';
    const actions = t.actions.join(', ');
    return `| ${from} | \`${t.event}\` | ${guard ? `\`${guard}\`` : ''} | ${to} | ${actions} |`;
  });
  return ['| from | event | guard | to | actions |', '|---|---|---|---|---|', ...rows].join('\n');
}
