/**
 * `wave fork` end to end with the built CLI, a real git repository and scripted agent processes:
 * a finished session is forked in the middle, the fork resumes with `wave resume` and completes,
 * its files replay byte for byte, its log starts with the copied events and records where it came
 * from, and the inspector links the two sessions. Bad input exits 2 and writes nothing.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../src/events.js';
import { InspectorSource } from '../../src/adapters/inspector/inspector-source.js';
import { makeRepo } from '../support/git-repo.js';
import { wave, writePlan } from '../support/wave-cli.js';

const PLAN = `session:
  type: feature
  intent: Add a greeting module
config:
  quality-gates:
    test: node -e "process.exit(0)"
waves:
  - role: Impl-Core
    tasks:
      - { id: m-1, task: Write greet, files: [src/greet.js] }
  - role: Quality
    tasks:
      - { id: m-2, task: Review greet, files: [src/greet.js] }
`;

const logsOf = (repo: string) =>
  readdirSync(join(repo, '.orchestrator/log'))
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => join(repo, '.orchestrator/log', f));
const linesOf = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

describe('wave fork', () => {
  it('forks a session mid-way; the fork resumes, completes, replays byte for byte, and is linked', async () => {
    const repo = makeRepo();
    writePlan(repo, PLAN);
    expect((await wave(['run', 'plan.yaml', '--allow-dirty', '--yes'], { cwd: repo })).code).toBe(
      0,
    );
    const [original] = logsOf(repo) as [string];
    const lines = linesOf(original);
    const at =
      lines.findIndex((l) => l.includes('"type":"wave.started"') && l.includes('"wave":2')) + 1;
    expect(at).toBeGreaterThan(1);

    const forked = await wave(['fork', original, '--at', String(at)], { cwd: repo });
    expect(forked.stderr).toBe('');
    expect(forked.code).toBe(0);
    const fork = logsOf(repo).find((f) => f !== original) as string;
    const head = linesOf(fork).map((l) => parseEvent(JSON.parse(l)));
    expect(head).toHaveLength(at + 1);
    const old = lines.slice(0, at).map((l) => parseEvent(JSON.parse(l)));
    const newId = head[0]?.session as string;
    expect(newId).not.toBe(old[0]?.session);
    for (let i = 0; i < at; i++) {
      const a = old[i] as {
        type: string;
        seq: number;
        session: string;
        data: Record<string, unknown>;
      };
      const b = head[i] as typeof a;
      expect(b.session).toBe(newId);
      expect({
        ...b,
        session: a.session,
        data: { ...b.data, semanticId: a.data.semanticId },
      }).toEqual(a);
    }
    const oldLabel = (old[0]?.data as { semanticId: string }).semanticId;
    expect((head[0]?.data as { semanticId: string }).semanticId).not.toBe(oldLabel);
    expect(head[at]).toMatchObject({
      seq: at + 1,
      type: 'session.forked',
      data: { fromSession: old[0]?.session, fromSemanticId: oldLabel, at, fromFile: original },
    });

    const resumed = await wave(['resume', '--yes'], { cwd: repo });
    expect(resumed.stderr).not.toContain('unexpected error');
    expect(resumed.code).toBe(0);
    const done = linesOf(fork);
    expect(done.at(-1)).toContain('"type":"session.completed"');
    expect(done.some((l) => l.includes('"type":"session.resumed"'))).toBe(true);
    const check = await wave(['replay', fork, '--check'], { cwd: repo });
    expect(check.stdout).toContain('every projection matches');
    expect(check.code).toBe(0);
    // STATE.md and the other whole files are the fork's now; the original keeps its ledger line.
    const sessions = linesOf(join(repo, '.orchestrator/metrics/sessions.jsonl'));
    expect(sessions).toHaveLength(2);

    const source = new InspectorSource({ log: original });
    await source.start();
    source.stop();
    expect((await source.forks()).into).toEqual([{ file: fork, session: newId, at }]);
    const child = new InspectorSource({ log: fork });
    await child.start();
    child.stop();
    expect((await child.forks()).from).toEqual({ file: original, session: old[0]?.session, at });
  });

  it('refuses bad input with exit 2 and writes nothing', async () => {
    const repo = makeRepo();
    writePlan(repo, PLAN);
    expect((await wave(['run', 'plan.yaml', '--allow-dirty', '--yes'], { cwd: repo })).code).toBe(
      0,
    );
    const [log] = logsOf(repo) as [string];
    const n = linesOf(log).length;
    const cases: [string[], RegExp][] = [
      [['fork', log, '--at', String(n + 5)], /past the last event/],
      [['fork', log, '--at', String(n)], /session\.completed\) ends the session/],
      [['fork', log, '--at', '0'], /--at must be a positive event seq/],
      [['fork', log, '--at', '10', '--plan', 'plan.yaml'], /the plan was approved at event \d+/],
      [['fork', join(repo, 'nope.jsonl'), '--at', '3'], /no such log file/],
    ];
    for (const [args, message] of cases) {
      const r = await wave(args, { cwd: repo });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toContain('    at ');
      expect(logsOf(repo)).toEqual([log]);
    }
  });
});
