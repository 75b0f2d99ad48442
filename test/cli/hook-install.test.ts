/** `wave hook install` as a user runs it (the built CLI) on real `.claude/settings.json` files. */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCOPE_HOOK_MATCHER, scopeHookCommand } from '../../src/adapters/claude-settings.js';
import { wave } from '../support/wave-cli.js';

const settingsOf = (repo: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(repo, '.claude/settings.json'), 'utf8')) as Record<string, unknown>;

function repo(settings?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'wave-hook-install-'));
  if (settings !== undefined) {
    mkdirSync(join(dir, '.claude'));
    writeFileSync(join(dir, '.claude/settings.json'), settings);
  }
  return dir;
}

const ours = { type: 'command', command: scopeHookCommand() };

describe('wave hook install', () => {
  it('creates the settings file with the hook, then is idempotent', async () => {
    const dir = repo();
    const first = await wave(['hook', 'install', '--repo', dir], { cwd: dir });
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/added the PreToolUse scope hook/);
    const written = readFileSync(join(dir, '.claude/settings.json'), 'utf8');
    expect(settingsOf(dir)).toEqual({
      hooks: { PreToolUse: [{ matcher: SCOPE_HOOK_MATCHER, hooks: [ours] }] },
    });
    const second = await wave(['hook', 'install', '--repo', dir], { cwd: dir });
    expect(second.stdout).toMatch(/already in/);
    expect(readFileSync(join(dir, '.claude/settings.json'), 'utf8')).toBe(written);
    expect(readdirSync(join(dir, '.claude'))).toEqual(['settings.json']);
  });

  it('keeps every other setting and hook', async () => {
    const existing = {
      model: 'sonnet',
      permissions: { allow: ['Bash(npm test:*)'] },
      hooks: {
        PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'guard.sh' }] }],
        PostToolUse: [{ matcher: 'Write', hooks: [{ type: 'command', command: 'fmt.sh' }] }],
      },
    };
    const dir = repo(JSON.stringify(existing, null, 2));
    expect((await wave(['hook', 'install', '--repo', dir], { cwd: dir })).code).toBe(0);
    expect(settingsOf(dir)).toEqual({
      ...existing,
      hooks: {
        PreToolUse: [...existing.hooks.PreToolUse, { matcher: SCOPE_HOOK_MATCHER, hooks: [ours] }],
        PostToolUse: existing.hooks.PostToolUse,
      },
    });
  });

  it('a malformed settings file: exit 2 naming file, line and column; the file is untouched', async () => {
    const text = '{\n  "model": "sonnet",\n  "hooks": {\n    "PreToolUse": [,]\n  }\n}\n';
    const dir = repo(text);
    const r = await wave(['hook', 'install', '--repo', dir], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, '.claude/settings.json')}:4:20:`);
    expect(r.stderr).toMatch(/invalid JSON: unexpected ",", expected a value/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(dir, '.claude/settings.json'), 'utf8')).toBe(text);
  });

  it('a settings file of the wrong shape names the key', async () => {
    const dir = repo('{"hooks": {"PreToolUse": {"matcher": "Bash"}}}');
    const r = await wave(['hook', 'install', '--repo', dir], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/settings\.json: hooks\.PreToolUse: "PreToolUse" must be an array/);
  });
});
