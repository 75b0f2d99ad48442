/** Runs that show the agent cannot run here at all report an environment failure. */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from './transcript.helpers.js';
import { run } from './runner.helpers.js';

function script(body: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'wave-env-')), 'agent');
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('environment failures of a runner', () => {
  it('a missing program', async () => {
    const r = await run({ kind: 'claude', bin: '/nonexistent/claude', args: [], env: {} });
    expect(r.environmentFailure).toMatch(
      /^claude runner: program "\/nonexistent\/claude" not found \(spawn .*ENOENT\)$/,
    );
  });

  it.each([
    [41, 'authentication failed'],
    [42, 'bad input or flags'],
    [52, 'configuration error'],
    [55, 'the folder is not trusted'],
  ])('Gemini CLI exit code %i', async (code, meaning) => {
    const bin = script(`echo "fatal: details" >&2\nexit ${code}`);
    const r = await run({ kind: 'gemini', bin, args: [], env: {} });
    expect(r.environmentFailure).toContain(`exited ${code}: ${meaning}`);
    expect(r.environmentFailure).toContain('fatal: details');
  });

  it('Gemini exit 53 is a cut-off, 54 a failed run: neither is the environment', async () => {
    for (const code of [53, 54]) {
      const r = await run({ kind: 'gemini', bin: script(`exit ${code}`), args: [], env: {} });
      expect(r.environmentFailure).toBeUndefined();
    }
  });

  it('Claude Code with a refused key', async () => {
    const transcript = fixture('transcripts/vendor/claude-auth-failure.jsonl');
    const r = await run({
      kind: 'claude',
      bin: script(`cat '${transcript}'\nexit 1`),
      args: [],
      env: {},
    });
    expect(r.environmentFailure).toBe(
      'claude runner: Claude Code could not run: Invalid API key · Fix external API key',
    );
  });

  it('an ordinary failed run is not an environment failure', async () => {
    const transcript = fixture('transcripts/vendor/claude-error-result.jsonl');
    const r = await run({
      kind: 'claude',
      bin: script(`cat '${transcript}'\nexit 1`),
      args: [],
      env: {},
    });
    expect(r.terminal.data).toMatchObject({ status: 'failed' });
    expect(r.environmentFailure).toBeUndefined();
  });
});
