/**
 * A `carryover.issue_filed` event puts ` → issue #N` / ` → existing #N` at the end of the task's
 * Wave History line, in the reference's format (the golden STATE.md 06 has the line written by
 * hand); a failed filing leaves the line as it is.
 */
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../src/events.js';
import { stateMdProjection } from '../../../src/projections/state-md/state-md.projection.js';
import { eventStamper, goldenSession } from './state-md.events.js';

const SUFFIX = ' → issue #140';

function render(events: readonly DomainEvent[]): string {
  let view = stateMdProjection.init();
  for (const e of events) view = stateMdProjection.evolve(view, e);
  const out = stateMdProjection.render(view)[0];
  return out?.kind === 'file' ? (out.content ?? '') : '';
}

/** The golden session with the hand-written suffix taken out of the agent's note. */
function withoutSuffix(): DomainEvent[] {
  return goldenSession().events.map((e) =>
    e.type === 'wave.reviewed'
      ? {
          ...e,
          data: {
            ...e.data,
            agents: e.data.agents.map((a) => ({ ...a, note: a.note.replace(SUFFIX, '') })),
          },
        }
      : e,
  );
}

const filed = (outcome: 'created' | 'existing' | 'failed', number?: number) =>
  eventStamper('2026-08-22T09:00:00.000Z')('carryover.issue_filed', {
    wave: 2,
    taskId: 'm-2',
    agentId: 'a2',
    kind: 'FAILED',
    tracker: 'github',
    outcome,
    taskHash: '0123abcd',
    ...(number !== undefined
      ? { number, url: `https://github.com/acme/app/issues/${number}` }
      : {}),
    ...(outcome === 'failed' ? { error: 'gh auth login' } : {}),
  });

describe('Wave History carry-over suffix', () => {
  it('created: the line equals the reference golden line', () => {
    const golden = render(goldenSession().events);
    const line = golden.split('\n').find((l) => l.includes('Runner retry wiring'));
    expect(line).toMatch(/ → issue #140$/);
    const text = render([...withoutSuffix(), filed('created', 140)]);
    expect(text.split('\n').find((l) => l.includes('Runner retry wiring'))).toBe(line);
  });

  it('existing: → existing #N; failed: no suffix', () => {
    const existing = render([...withoutSuffix(), filed('existing', 12)]);
    expect(existing).toMatch(/Runner retry wiring.* → existing #12\n/);
    const failed = render([...withoutSuffix(), filed('failed')]);
    const line = failed.split('\n').find((l) => l.includes('Runner retry wiring'));
    expect(line).toMatch(/edit-format-friction\)$/);
  });
});
