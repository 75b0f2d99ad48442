/**
 * The inspection effect on real temporary repositories, as the effect runner runs it: given a
 * wave's base, when agents changed files (and one committed), then `agent.committed` and
 * `wave.inspected` are reported in that order, each valid against its schema.
 */
import { realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGit } from '../../src/actors/git.js';
import { validateEventData, type NewEvent } from '../../src/events.js';
import { createInspectEffect } from '../../src/runtime/inspect-effect.js';
import { git, makeRepo } from '../support/git-repo.js';

const repos: string[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) rmSync(r, { recursive: true, force: true });
});

function setup(signal = new AbortController().signal) {
  const repo = realpathSync(makeRepo({ 'a.txt': '1\n', 'b.txt': 'b\n' }));
  repos.push(repo);
  const events: NewEvent[] = [];
  const base = git(repo, 'rev-parse', 'HEAD').trim();
  const inspect = createInspectEffect({
    git: createGit(repo),
    baseRef: base,
    signal,
    enqueue: (e) => {
      validateEventData(e.type, e.data);
      events.push(e);
    },
  });
  return { repo, base, events, inspect };
}

describe('inspect effect', () => {
  it('given a wave base, when an agent commits in the shared working tree and another edits, then the commit is reported before the inspection', async () => {
    const s = setup();
    writeFileSync(join(s.repo, 'a.txt'), '2\n');
    git(s.repo, 'commit', '-qam', 'shared commit');
    writeFileSync(join(s.repo, 'b.txt'), 'edited\n');
    await s.inspect(
      { kind: 'inspect', key: 'inspect:w1', wave: 1, base: { tree: s.base, head: s.base } },
      4,
    );
    expect(s.events.map((e) => [e.type, e.causation])).toEqual([
      ['agent.committed', 4],
      ['wave.inspected', 4],
    ]);
    expect(s.events[0]?.data).toMatchObject({
      wave: 1,
      agentId: null,
      commits: [{ subject: 'shared commit' }],
    });
    expect(s.events[1]?.data).toEqual({
      wave: 1,
      changedFiles: ['a.txt', 'b.txt'],
      sinceBase: ['a.txt', 'b.txt'],
    });
  });

  it('given no wave base (a session before snapshots), when inspected, then only the files changed since the session base are reported', async () => {
    const s = setup();
    writeFileSync(join(s.repo, 'b.txt'), 'edited\n');
    await s.inspect({ kind: 'inspect', key: 'inspect:w1', wave: 1 }, 2);
    expect(s.events.map((e) => [e.type, e.data])).toEqual([
      ['wave.inspected', { wave: 1, changedFiles: ['b.txt'] }],
    ]);
  });

  it('given a stopped session, when inspected, then nothing is reported and the effect stays open', async () => {
    const stop = new AbortController();
    const s = setup(stop.signal);
    stop.abort(new Error('stopped'));
    await s.inspect(
      { kind: 'inspect', key: 'inspect:w1', wave: 1, base: { tree: s.base, head: s.base } },
      2,
    );
    expect(s.events).toEqual([]);
  });
});
