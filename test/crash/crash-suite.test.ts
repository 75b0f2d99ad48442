/**
 * The crash suite (issue 8, items 2 and 3, and the bar): a 3-wave session run by real coordinator
 * processes (test/support/crash-child.mjs) that are killed with SIGKILL
 *   - right after each commit of the session, before that commit's projections are written,
 *   - right after the projections of a few commits (the last one included),
 *   - at random times (two runs, whose first resume is killed at a random time too),
 * then resumed until the session ends. Every run completes; its log has contiguous seqs, one
 * session end and nothing after it, each agent dispatched once and ended once; its files equal an
 * uninterrupted run's (timestamps and ids aside) and the projections of its log; the reference's
 * validateSession accepts its sessions.jsonl line.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJsonlEventStore } from '../../src/adapters/jsonl-event-store.js';
import { createProjectionWriter } from '../../src/adapters/projection-writer.js';
import { allProjections } from '../../src/projections/all.projections.js';
import { Projector } from '../../src/projections/projector.js';
import { validateSession } from '../../src/formats/validate-session.js';
import { child, makeRepo, type ChildEnd } from '../support/crash-helpers.js';

/** Resumes until a process ends normally; each resume is killed as `args(i)` says. */
async function resumeToEnd(
  repo: string,
  args: (i: number) => string[],
): Promise<{ processes: number; last: ChildEnd }> {
  for (let i = 0; i < 60; i++) {
    const end = await child(repo, 'resume', args(i));
    if (!end.killed) return { processes: i + 1, last: end };
  }
  throw new Error(`${repo}: the session did not end in 60 resumes`);
}

type Event = { seq: number; type: string; data: Record<string, unknown> };

function readLog(repo: string): Event[] {
  const dir = join(repo, '.orchestrator', 'log');
  const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
  expect(files).toHaveLength(1);
  return readFileSync(join(dir, files[0] as string), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Event);
}

/** A file with what differs between two runs (times, ids, refs, pids) masked. */
function normalized(repo: string, path: string): string {
  return readFileSync(join(repo, path), 'utf8')
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<ts>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/\b[0-9a-f]{40}\b/g, '<sha>')
    .replace(/"(duration_seconds|pid)":\s*\d+/g, '"$1":<n>');
}

const FILES = ['.claude/STATE.md', 'src/m-1.txt', 'src/m-2.txt', 'src/m-3.txt'];

async function checkFinished(repo: string, reference: string, end: ChildEnd): Promise<void> {
  // A kill after the projections of the last commit leaves nothing to resume (exit 2, and the
  // checks below prove the session whole); any other end must be the session's success.
  if (!end.stderr.includes('no interrupted session to resume'))
    expect(end.stdout, end.stderr).toContain('"exitCode":0');
  const log = readLog(repo);
  expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
  const ends = log.filter((e) => e.type === 'session.completed' || e.type === 'session.aborted');
  expect(ends.map((e) => e.type)).toEqual(['session.completed']);
  expect(log.at(-1)?.type).toBe('session.completed');
  expect(log.filter((e) => e.type === 'baseline.frozen')).toHaveLength(1);
  const dispatched = log.filter((e) => e.type === 'agent.dispatched').map((e) => e.data.agentId);
  expect(new Set(dispatched).size).toBe(dispatched.length);
  const ended = log
    .filter((e) => ['agent.finished', 'agent.crashed', 'agent.timed_out'].includes(e.type))
    .map((e) => e.data.agentId);
  // An agent in flight at a crash ends in no event of its own: session.resumed names it, and
  // the resume re-dispatches its task under a new id.
  const lost = log
    .filter((e) => e.type === 'session.resumed')
    .flatMap((e) => e.data.inFlight as string[]);
  expect(new Set(ended).size).toBe(ended.length);
  expect([...ended, ...lost].sort()).toEqual([...dispatched].sort());
  for (const f of FILES) expect(normalized(repo, f), f).toBe(normalized(reference, f));
  // The files are exactly the projections of the log.
  const store = createJsonlEventStore({ dir: join(repo, '.orchestrator', 'log') });
  const projector = new Projector(allProjections());
  for await (const batch of store.read((await store.streams())[0] as string))
    for (const e of batch) projector.evolve(e);
  await store.close();
  expect(createProjectionWriter({ root: repo }).check(projector.render())).toEqual([]);
  const lines = readFileSync(join(repo, '.orchestrator/metrics/sessions.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(validateSession(JSON.parse(lines[0] as string))).toMatchObject({ ok: true });
}

describe('crash suite: kill -9 anywhere, then wave resume', () => {
  it('every commit boundary, after-projection boundaries and random times: every run completes whole', async () => {
    const reference = makeRepo();
    const ref = await child(reference, 'run');
    expect(ref.stderr).toBe('');
    const commits = Number(/commits (\d+)/.exec(ref.stdout)?.[1]);
    expect(commits).toBeGreaterThan(20);

    // One trial per commit boundary: the run dies right after commit K is durable, before its
    // projections; a few more die right after the projections; two die at random times (and their
    // first resume too). Then resume to the end. Four trials at a time.
    type Trial = { run: string[]; resume: (i: number) => string[] };
    const trials: Trial[] = [
      ...Array.from({ length: commits }, (_, k) => ({
        run: ['--kill-at', String(k + 1), '--where', 'log'],
        resume: () => [],
      })),
      ...[9, commits].map((k) => ({
        run: ['--kill-at', String(k), '--where', 'files'],
        resume: () => [],
      })),
      ...[Math.random() * 300, 200 + Math.random() * 600].map((ms) => ({
        run: ['--kill-ms', String(Math.floor(ms))],
        resume: (i: number) => (i === 0 ? ['--kill-ms', String(Math.floor(ms / 2))] : []),
      })),
    ];
    const trial = async (t: Trial) => {
      const repo = makeRepo();
      const first = await child(repo, 'run', t.run);
      if (!first.killed) return checkFinished(repo, reference, first);
      const r = await resumeToEnd(repo, t.resume);
      await checkFinished(repo, reference, r.last);
    };
    const queue = [...trials];
    await Promise.all(
      [1, 2, 3, 4].map(async () => {
        for (let t = queue.shift(); t; t = queue.shift()) await trial(t);
      }),
    );
  }, 180_000);
});
