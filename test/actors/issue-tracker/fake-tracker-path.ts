/** Puts the recording fake `gh` and `glab` (test/fixtures/bin/fake-tracker.mjs) first on a PATH. */
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

/** One recorded CLI call. */
export interface TrackerCall {
  cmd: string;
  args: string[];
  cwd: string;
}

/** A PATH with the fakes first, their call log, and a way to seed existing issues. */
export function fakeTrackerEnv(extra: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'wave-fake-tracker-'));
  const script = resolve('test/fixtures/bin/fake-tracker.mjs');
  for (const name of ['gh', 'glab']) symlinkSync(script, join(dir, name));
  const log = join(dir, 'calls.jsonl');
  const issues = join(dir, 'issues.json');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${dir}${delimiter}${process.env.PATH ?? ''}`,
    FAKE_TRACKER_LOG: log,
    FAKE_TRACKER_ISSUES: issues,
    ...extra,
  };
  writeFileSync(issues, '[]');
  return {
    env,
    calls: (): TrackerCall[] =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l) as TrackerCall)
        : [],
    seed: (list: { number: number; body: string }[]) => writeFileSync(issues, JSON.stringify(list)),
  };
}
