/**
 * Torn writes in the first and the last commit batch, and finished sessions (issue 8, items 2
 * and 3), with real coordinator processes over real logs: a torn first batch keeps its
 * baseline.frozen, a torn last batch ends the session once with its end last, a refused resume
 * cuts nothing, and a finished session is never appended to.
 */
import { readFileSync, readdirSync, rmSync, truncateSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { child, makeRepo } from '../support/crash-helpers.js';

function logFile(repo: string): string {
  const dir = join(repo, '.orchestrator', 'log');
  return join(dir, readdirSync(dir).find((f) => f.endsWith('.jsonl')) as string);
}

function events(repo: string): { seq: number; type: string }[] {
  return readFileSync(logFile(repo), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { seq: number; type: string });
}

/** Cuts the log inside line `n` (1-based): keeps lines before it and half of it. */
function tearInside(repo: string, n: number): void {
  const text = readFileSync(logFile(repo), 'utf8');
  const lines = text.split('\n');
  const before = lines.slice(0, n - 1).join('\n').length + (n > 1 ? 1 : 0);
  truncateSync(logFile(repo), Buffer.byteLength(text.slice(0, before)) + 20);
}

async function finishedRun(): Promise<string> {
  const repo = makeRepo();
  const r = await child(repo, 'run');
  expect(r.stdout, r.stderr).toContain('"exitCode":0');
  return repo;
}

describe('torn batches and finished sessions', () => {
  it('a first batch torn inside baseline.frozen: resume writes it back once, the session completes', async () => {
    const repo = await finishedRun();
    tearInside(repo, 3);
    rmSync(join(repo, '.claude'), { recursive: true, force: true });
    const r = await child(repo, 'resume');
    expect(r.stdout, r.stderr).toContain('"exitCode":0');
    const log = events(repo);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(log.slice(0, 6).map((e) => e.type)).toEqual([
      'session.started',
      'session.planned',
      'log.truncated',
      'baseline.frozen',
      'session.resumed',
      'heartbeat.recorded',
    ]);
    expect(log.filter((e) => e.type === 'baseline.frozen')).toHaveLength(1);
    expect(log.at(-1)?.type).toBe('session.completed');
  });

  it('a last batch torn inside session.completed: the session ends once, its end is the last event', async () => {
    const repo = await finishedRun();
    const n = events(repo).length;
    tearInside(repo, n);
    const r = await child(repo, 'resume');
    expect(r.stdout, r.stderr).toContain('"exitCode":0');
    const log = events(repo);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(log.filter((e) => e.type === 'session.completed')).toHaveLength(1);
    expect(log.at(-1)?.type).toBe('session.completed');
    expect(log.slice(n - 1, n + 2).map((e) => e.type)).toEqual([
      'log.truncated',
      'session.resumed',
      'heartbeat.recorded',
    ]);
    // Final: a second resume finds nothing to do and appends nothing.
    const size = statSync(logFile(repo)).size;
    const again = await child(repo, 'resume');
    expect(again.stderr).toContain('no interrupted session to resume');
    expect(statSync(logFile(repo)).size).toBe(size);
  });

  it('a refused resume (the plan itself torn off) cuts nothing', async () => {
    const repo = await finishedRun();
    tearInside(repo, 2);
    const size = statSync(logFile(repo)).size;
    const r = await child(repo, 'resume');
    expect(r.stderr).toContain('the log holds no plan; nothing to resume');
    expect(statSync(logFile(repo)).size).toBe(size);
  });

  it('killed between its last commit and its files: resume writes the files and appends nothing', async () => {
    const repo = makeRepo();
    const ref = await child(makeRepo(), 'run');
    const commits = Number(/commits (\d+)/.exec(ref.stdout)?.[1]);
    const killed = await child(repo, 'run', ['--kill-at', String(commits), '--where', 'log']);
    expect(killed.killed).toBe(true);
    expect(events(repo).at(-1)?.type).toBe('session.completed');
    const state = join(repo, '.claude', 'STATE.md');
    expect(readFileSync(state, 'utf8')).toContain('status: active');
    const size = statSync(logFile(repo)).size;
    const r = await child(repo, 'resume');
    expect(r.stdout, r.stderr).toContain('"exitCode":0');
    expect(statSync(logFile(repo)).size).toBe(size);
    expect(readFileSync(state, 'utf8')).toContain('status: completed');
    expect(readFileSync(join(repo, '.orchestrator/metrics/sessions.jsonl'), 'utf8')).toContain(
      '"status":"completed"',
    );
  });

  it("killed between its last commit and its files: a new run's lock check finishes it first", async () => {
    const repo = makeRepo();
    const ref = await child(makeRepo(), 'run');
    const commits = Number(/commits (\d+)/.exec(ref.stdout)?.[1]);
    await child(repo, 'run', ['--kill-at', String(commits), '--where', 'log']);
    const r = await child(repo, 'run');
    expect(r.stdout, r.stderr).toContain('"exitCode":0');
    const lines = readFileSync(join(repo, '.orchestrator/metrics/sessions.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean);
    expect(lines).toHaveLength(2);
  });
});
