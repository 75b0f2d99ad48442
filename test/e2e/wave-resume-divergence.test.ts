/**
 * Given an interrupted session whose log holds a decision this code would not take (here: wave 1
 * logged with warn enforcement where the machines decide strict), when `wave resume` runs, then
 * it exits 2 naming the first divergent event and appends nothing; with --accept-divergence it
 * goes on, and the acceptance is logged as a decision before `session.resumed`.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo } from '../support/git-repo.js';
import { wave } from '../support/wave-cli.js';
import { logPath } from '../replay/fixture-files.js';

function repoWithDivergentLog(): { repo: string; log: string; seq: number } {
  const repo = makeRepo();
  const log = join(repo, '.orchestrator/log/fx-crashed-mid-wave.jsonl');
  mkdirSync(join(repo, '.orchestrator/log'), { recursive: true });
  copyFileSync(logPath('crashed-mid-wave'), log);
  const lines = readFileSync(log, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes('"type":"wave.started"'));
  lines[i] = (lines[i] as string).replace(/"enforcement":"[a-z]+"/, '"enforcement":"off"');
  writeFileSync(log, lines.join('\n'));
  return { repo, log, seq: i + 1 };
}

describe('wave resume over a log the code diverges from', () => {
  it('refuses with exit 2, names the first divergent event, appends nothing', async () => {
    const { repo, log, seq } = repoWithDivergentLog();
    const before = readFileSync(log, 'utf8');
    const r = await wave(['resume', '--yes'], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`seq ${seq}: wave.started was logged with other data`);
    expect(r.stderr).toContain('--accept-divergence');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(log, 'utf8')).toBe(before);
  });

  it('goes on with --accept-divergence and logs the acceptance first', async () => {
    const { repo, log } = repoWithDivergentLog();
    const before = readFileSync(log, 'utf8').split('\n').filter(Boolean).length;
    const r = await wave(['resume', '--yes', '--accept-divergence'], { cwd: repo });
    expect(r.code).not.toBe(2);
    const after = readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .slice(before)
      .map((l) => JSON.parse(l) as { type: string; data: { id?: string } });
    const accepted = after.findIndex(
      (e) => e.type === 'decision.made' && e.data.id === 'accept-divergence',
    );
    const resumed = after.findIndex((e) => e.type === 'session.resumed');
    expect(accepted).toBeGreaterThanOrEqual(0);
    expect(resumed).toBeGreaterThan(accepted);
  });
});
