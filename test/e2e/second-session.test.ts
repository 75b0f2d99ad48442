// Issue 7, "A second session keeps what the first learned": a second `wave run` on the same
// repository keeps the first session's What Not To Retry entries and Open Questions in STATE.md
// byte for byte and moves its Wave History under `## Previous Session` (the reference's Idle
// Reset). Built CLI, real git repository, scripted agent processes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePreviousState } from '../../src/runtime/previous-state.js';
import { makeRepo } from '../support/git-repo.js';
import { logFiles, wave, writePlan } from '../support/wave-cli.js';

const PLAN = `session: { type: feature, intent: Add a greeting module }
waves:
  - role: Impl-Core
    tasks:
      - { id: m-1, task: Write greet, files: [src/greet.js] }
      - { id: m-2, task: Write the parser, files: [src/parse.js] }
`;

function section(text: string, name: string): string {
  const start = text.indexOf(`## ${name}\n`);
  if (start < 0) return '';
  const rest = text.slice(start + name.length + 4);
  const end = rest.indexOf('\n## ');
  return (end < 0 ? rest : rest.slice(0, end)).trim();
}

describe('a second session keeps what the first learned', () => {
  it('What Not To Retry and Open Questions byte for byte, Wave History under Previous Session', async () => {
    const repo = makeRepo();
    writePlan(repo, PLAN);
    const first = await wave(['run', 'plan.yaml', '--allow-dirty', '--yes'], {
      cwd: repo,
      env: {
        SCRIPTED_AGENT_MODE_M_2: 'failed',
        SCRIPTED_AGENT_QUESTION:
          'Which date format? | context: the parser | candidates: ISO / RFC 2822',
      },
    });
    expect(first.code).toBe(1);
    const state1 = readFileSync(join(repo, '.claude/STATE.md'), 'utf8');
    const wntr1 = section(state1, 'What Not To Retry');
    const questions1 = section(state1, 'Open Questions');
    const history1 = section(state1, 'Wave History');
    expect(wntr1).toContain('- **');
    expect(questions1).toContain('Which date format?');
    expect(history1).toContain('### Wave 1');

    const second = await wave(['run', 'plan.yaml', '--allow-dirty', '--yes'], { cwd: repo });
    expect(second.code).toBe(0);
    expect(logFiles(repo)).toHaveLength(2);
    const state2 = readFileSync(join(repo, '.claude/STATE.md'), 'utf8');
    expect(state2).toContain('status: completed');
    expect(section(state2, 'What Not To Retry')).toBe(wntr1);
    expect(section(state2, 'Open Questions')).toBe(questions1);
    expect(section(state2, 'Previous Session')).toBe(history1);
    // The carried sections read back as they were written.
    const back = parsePreviousState(state2, 'STATE.md');
    expect(back.whatNotToRetry.join('\n')).toBe(wntr1);
    expect(back.openQuestions.join('\n')).toBe(questions1);
    // Replay rebuilds it byte for byte from the second log alone.
    const newest = logFiles(repo).find((f) =>
      readFileSync(f, 'utf8').includes('state.carried_over'),
    );
    expect(newest).toBeDefined();
    expect((await wave(['replay', newest as string, '--check'], { cwd: repo })).code).toBe(0);
    // `wave status` reads the new event type on its zod-free fast path.
    const status = await wave(['status'], { cwd: repo });
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^state: completed/m);
  }, 120_000);
});
