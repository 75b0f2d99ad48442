/**
 * Which session `wave resume` continues when a repository holds more than one interrupted session:
 * an interrupted session and a fork of it (made with the real `wave fork`) both start with the same
 * `session.started`, so the fork — the most recently active — is taken, with a warning naming the
 * other; `--session` takes either by label or id; an unknown `--session` exits 2, names the
 * interrupted sessions and writes nothing.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resumeTarget } from '../../src/cli/resume-target.js';
import { PreconditionError } from '../../src/errors.js';
import { logPath } from '../replay/fixture-files.js';
import { wave } from '../support/wave-cli.js';

/** A repository whose log directory holds the crashed fixture session and a fork of it. */
async function repoWithFork() {
  const repo = mkdtempSync(join(tmpdir(), 'wave-resume-target-'));
  const logDir = join(repo, '.orchestrator', 'log');
  mkdirSync(logDir, { recursive: true });
  // Named to list before any fork's id: a pick by start time (equal here) would take it.
  const original = join(logDir, '0-crashed.jsonl');
  copyFileSync(logPath('crashed-mid-wave'), original);
  const forked = await wave(['fork', original, '--at', '12'], { cwd: repo });
  expect(forked.stderr).toBe('');
  expect(forked.code).toBe(0);
  const name = readdirSync(logDir).find((f) => f.endsWith('.jsonl') && !f.startsWith('0-crashed'));
  const fork = (name as string).slice(0, -'.jsonl'.length);
  const label = /into session (\S+)/.exec(forked.stdout)?.[1] as string;
  expect(forked.stdout).toContain(`--session ${label}`);
  return { repo, logDir, fork, label };
}

describe('wave resume: which interrupted session', () => {
  it('takes the most recently active (the fork), warning about the other; --session takes either', async () => {
    const { repo, fork, label } = await repoWithFork();
    const warnings: string[] = [];
    expect(await resumeTarget(repo, undefined, (m) => warnings.push(m))).toBe(fork);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('2 interrupted sessions');
    expect(warnings[0]).toContain(`resuming the most recently active, ${label} (${fork}`);
    expect(warnings[0]).toContain('pass --session');
    expect(warnings[0]).toContain('main-2026-11-24-feature-1 (0-crashed');
    const none = () => expect.unreachable('no warning when --session is given');
    expect(await resumeTarget(repo, 'main-2026-11-24-feature-1', none)).toBe('0-crashed');
    expect(await resumeTarget(repo, '0-crashed', none)).toBe('0-crashed');
    expect(await resumeTarget(repo, label, none)).toBe(fork);
  });

  it('an unknown --session exits 2 naming the interrupted sessions, and writes nothing', async () => {
    const { repo, logDir, label } = await repoWithFork();
    await expect(resumeTarget(repo, 'nope', () => {})).rejects.toBeInstanceOf(PreconditionError);
    const before = readdirSync(logDir).map((f) => [f, readFileSync(join(logDir, f), 'utf8')]);
    const r = await wave(['resume', '--repo', repo, '--session', 'nope', '--yes'], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--session nope: no interrupted session of');
    expect(r.stderr).toContain(label);
    expect(r.stderr).toContain('main-2026-11-24-feature-1');
    expect(r.stderr).not.toContain('    at ');
    expect(readdirSync(logDir).map((f) => [f, readFileSync(join(logDir, f), 'utf8')])).toEqual(
      before,
    );
  });
});
