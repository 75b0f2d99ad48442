/**
 * A Claude runner gets the wave scope hook automatically (`--settings` with a PreToolUse hook
 * running the built `wave hook pre-tool-use`): a scripted Claude that honours its settings' hooks
 * as Claude Code does (test/fixtures/agents/hook-claude.mjs) writes in scope, is denied out of
 * scope and for a blocked command, in a real temporary directory.
 */
import { existsSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../../src/events.js';
import { runner } from './runner.helpers.js';
import { fixture } from './transcript.helpers.js';

const HOOK_CLAUDE = fixture('agents/hook-claude.mjs');

async function runHookClaude(cwd: string, env: Record<string, string>, args: string[] = []) {
  const events: NewEvent[] = [];
  const result = await runner.run(
    {
      sessionId: 's-1',
      wave: 2,
      taskId: 'm-2',
      agentId: 'w2-m-2-a1',
      prompt: 'Add a token bucket',
      cwd,
      runner: { kind: 'claude', bin: HOOK_CLAUDE, args, env },
      maxTurns: 15,
      signal: new AbortController().signal,
    },
    (e) => events.push(e),
  );
  return { result, events };
}

function repoWithManifest(): string {
  const cwd = realpathSync(mkdtempSync(join(tmpdir(), 'wave-hook-runner-')));
  mkdirSync(join(cwd, '.claude'));
  writeFileSync(
    join(cwd, '.claude/wave-scope.json'),
    JSON.stringify({
      wave: 2,
      role: 'Impl-Core',
      enforcement: 'strict',
      allowedPaths: ['src/rate-limit.ts'],
      blockedCommands: ['rm -rf'],
    }),
  );
  return cwd;
}

describe('claude runner: the scope hook is in force', () => {
  it('denies the out-of-scope write and the blocked command, lets the in-scope write through', async () => {
    const cwd = repoWithManifest();
    const { result, events } = await runHookClaude(cwd, {
      HOOK_CLAUDE_WRITES: 'src/rate-limit.ts,src/math.js',
      HOOK_CLAUDE_BASH: 'npm test --if-present && rm -rf src',
    });
    const started = events.find((e) => e.type === 'agent.started');
    expect(started?.type === 'agent.started' && started.data.argv.slice(-2)).toEqual([
      '--settings',
      expect.stringMatching(/wave-agent-[^/]+\/settings\.json$/),
    ]);
    expect(existsSync(join(cwd, 'src/rate-limit.ts'))).toBe(true);
    expect(existsSync(join(cwd, 'src/math.js'))).toBe(false);
    const failures = events.flatMap((e) => (e.type === 'agent.tool_failed' ? [e.data] : []));
    expect(failures.map((f) => [f.tool, f.error.split(' — ')[0]])).toEqual([
      ['Write', "Scope violation: 'src/math.js' not in allowed paths [src/rate-limit.ts]"],
      ['Bash', "Blocked command: 'rm -rf' found in command"],
    ]);
    expect(result.terminal.data).toMatchObject({ filesChanged: ['src/rate-limit.ts'] });
  });

  it('a runner whose args bring their own --settings is left alone', async () => {
    const cwd = repoWithManifest();
    const own = join(cwd, 'own-settings.json');
    writeFileSync(own, '{}');
    const { events } = await runHookClaude(cwd, { HOOK_CLAUDE_WRITES: 'src/math.js' }, [
      '--settings',
      own,
    ]);
    const started = events.find((e) => e.type === 'agent.started');
    expect(started?.type === 'agent.started' && started.data.argv.slice(-2)).toEqual([
      '--settings',
      own,
    ]);
    expect(existsSync(join(cwd, 'src/math.js'))).toBe(true);
  });
});
