import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAll } from '../../src/adapters/event-store.js';
import { ResolvedPlanSchema } from '../../src/domain/plan.schema.js';
import type { DomainEvent } from '../../src/events.js';
import { createWaveExecutor, resumeWaveExecutor } from '../../src/runtime.js';
import { SCRIPTED_AGENT, makeRepo } from '../support/git-repo.js';
import { MapEventStore, StoreCrashedError } from '../support/map-event-store.js';

const plan = ResolvedPlanSchema.parse({
  session: { type: 'feature', intent: 'Add a greeting module' },
  config: { qualityGates: [{ name: 'test', argv: ['node', '-e', 'process.exit(0)'] }] },
  runners: {
    default: {
      kind: 'command',
      argv: ['node', SCRIPTED_AGENT, '--tools', '4', '--delay-ms', '40'],
      format: 'claude-stream-json',
    },
  },
  waves: [
    { wave: 1, role: 'Discovery', tasks: [{ id: 'm-1', task: 'Map the code', files: [] }] },
    {
      wave: 2,
      role: 'Impl-Core',
      tasks: [
        { id: 'm-2', task: 'Write greet', files: ['src/greet.js'] },
        { id: 'm-3', task: 'Write farewell', files: ['src/farewell.js'] },
      ],
    },
  ],
});

/** The first append that logs a tool call of a wave-2 agent: the agents of wave 2 are running. */
const midWave2 = (events: readonly DomainEvent[]) =>
  events.some((e) => e.type === 'agent.tool_called' && e.data.agentId.startsWith('w2-'));

describe('a store that exposes only the EventStore port', () => {
  it('given a session whose store dies mid-append while agents run, when it is resumed through the port, then it completes with the torn entry logged and nothing doubled', async () => {
    const repo = makeRepo();
    const disk = new Map<string, string[]>();

    // Given: a real session (real git, real agent processes) on the port-only store, which dies
    // in the middle of an append while wave 2 runs, leaving a torn record, as a kill -9 would.
    const first = await createWaveExecutor({
      plan,
      repo,
      store: new MapEventStore(disk, { crashWhen: midWave2 }),
    });
    await expect(first.run()).rejects.toThrow(StoreCrashedError);
    const stream = first.sessionId;
    expect([...disk.keys()]).toEqual([stream]);
    const crashed = await readAll(new MapEventStore(disk), stream, { trusted: true });
    expect(crashed.some((e) => e.type === 'session.completed')).toBe(false);
    expect(
      crashed.some((e) => e.type === 'agent.started' && e.data.agentId.startsWith('w2-')),
    ).toBe(true);

    // When: a new process resumes it through the port only (it finds the session itself).
    const store = new MapEventStore(disk);
    const resumed = await resumeWaveExecutor({ repo, store });
    expect(resumed.sessionId).toBe(stream);
    const outcome = await resumed.run();

    // Then: the session completes; the torn record was cut and logged; seqs are whole.
    expect(outcome).toMatchObject({ exitCode: 0, outcome: 'success', logPath: `map:${stream}` });
    const log = await readAll(new MapEventStore(disk), stream);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    const truncated = log.filter((e) => e.type === 'log.truncated');
    expect(truncated).toHaveLength(1);
    expect(truncated[0]?.data).toMatchObject({ file: `map:${stream}`, line: crashed.length + 1 });
    expect(log.filter((e) => e.type === 'session.resumed')).toHaveLength(1);
    expect(log.at(-1)?.type).toBe('session.completed');
    // Every task ended done exactly once, and the resumed session's files are the agents' work.
    const done = log.filter(
      (e) => e.type === 'mission.status_changed' && e.data.to === 'completed',
    );
    expect(done.map((e) => (e.type === 'mission.status_changed' ? e.data.id : '')).sort()).toEqual([
      'm-1',
      'm-2',
      'm-3',
    ]);
    expect(readFileSync(join(repo, 'src/greet.js'), 'utf8').length).toBeGreaterThan(0);
    expect(readFileSync(join(repo, '.claude/STATE.md'), 'utf8')).toContain('status: completed');
  });
});
