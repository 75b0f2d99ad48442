/**
 * Time travel over the recorded logs: `projectAt(projections, events, seq)` renders the files as
 * they were right after event `seq`, which is the same as folding the log's prefix.
 */
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/events.js';
import type { ProjectionOutput } from '../../src/projections/projection.js';
import { allProjections } from '../../src/projections/all.projections.js';
import { Projector, projectAt } from '../../src/projections/projector.js';
import { FIXTURES } from '../support/fixture-catalogue.js';
import { logPath, readLog } from './fixture-files.js';

/** Outputs as comparable data (owned-lines carry an `owns` function). */
function plain(outputs: readonly ProjectionOutput[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const o of outputs) out[o.path] = o.kind === 'file' ? o.content : o.lines.join('\n');
  return out;
}

function fold(events: readonly DomainEvent[]): Record<string, string | null> {
  const p = new Projector(allProjections());
  p.evolveAll(events);
  return plain(p.render());
}

function seqOf(events: readonly DomainEvent[], pred: (e: DomainEvent) => boolean): number {
  const e = events.find(pred);
  if (!e) throw new Error('no such event in the fixture');
  return e.seq;
}

const stateMd = (outputs: Record<string, string | null>) => outputs['.claude/STATE.md'] ?? '';
const frontmatterOf = (md: string) => md.slice(0, md.indexOf('\n---\n'));

describe('projectAt over the recorded logs', () => {
  it('equals folding the prefix, at every seq of every log', async () => {
    for (const spec of FIXTURES) {
      const events = await readLog(logPath(spec.name));
      const step = Math.max(1, Math.floor(events.length / 9));
      for (let seq = 1; seq <= events.length; seq += step) {
        const prefix = events.slice(0, seq);
        expect(plain(projectAt(allProjections(), events, seq)), `${spec.name}@${seq}`).toEqual(
          fold(prefix),
        );
      }
      expect(plain(projectAt(allProjections(), events))).toEqual(fold(events));
    }
  });

  it('shows STATE.md as of a mid-session event of the happy session', async () => {
    const events = await readLog(logPath('happy-3-waves'));
    const at = (seq: number) => plain(projectAt(allProjections(), events, seq));

    const wave2Started = seqOf(events, (e) => e.type === 'wave.started' && e.data.wave === 2);
    const mid = stateMd(at(wave2Started));
    expect(frontmatterOf(mid)).toMatch(/^status: active\ncurrent-wave: 1\ntotal-waves: 3$/m);
    expect(mid).toContain('## Current Wave\n\nWave 2 — Impl-Core (2 agents)\n');
    expect(mid).toContain('### Wave 1 — Discovery');
    expect(mid).not.toContain('### Wave 2 — Impl-Core');
    expect(at(wave2Started)['.orchestrator/session.lock']).toContain(
      '"session_id": "fx-happy-3-waves"',
    );
    expect(at(wave2Started)['.orchestrator/metrics/sessions.jsonl']).toBe('');

    const wave2Done = seqOf(events, (e) => e.type === 'wave.completed' && e.data.wave === 2);
    expect(frontmatterOf(stateMd(at(wave2Done)))).toMatch(/^status: active\ncurrent-wave: 2$/m);
    expect(stateMd(at(wave2Done))).toMatch(
      /### Wave 2 — Impl-Core \(planned 2 files → actual 2, over-delivery 1\.00\) — suite 12\/0 on linux\n/,
    );

    const end = events.length;
    expect(frontmatterOf(stateMd(at(end - 1)))).toMatch(/^status: active$/m);
    expect(frontmatterOf(stateMd(at(end)))).toMatch(/^status: completed\ncurrent-wave: 3$/m);
    expect(at(end - 1)['.orchestrator/session.lock']).not.toBeNull();
    expect(at(end)['.orchestrator/session.lock']).toBeNull();
  });

  it('shows a mission as it was before the Quality gate completed it', async () => {
    const events = await readLog(logPath('spiral-failure-carryover'));
    const spiralled = seqOf(events, (e) => e.type === 'wave.reviewed' && e.data.wave === 2);
    const md = stateMd(plain(projectAt(allProjections(), events, spiralled)));
    expect(md).toContain(
      '- Agent "Add the Redis session store": spiral — 1 file — edited src/session/redis-store.ts 3 times\n',
    );
    expect(md).toMatch(/^- m-2: in-dev \(updated /m);
    const final = stateMd(plain(projectAt(allProjections(), events)));
    expect(final).toMatch(/^- m-2: completed \(updated /m);
  });
});
