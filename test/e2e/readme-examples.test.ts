/**
 * The README's examples run as written: its example plan with a `claude` on the PATH (a scripted
 * stand-in speaking Claude Code's stream-json, reading its prompt from stdin), and its library
 * example with a custom AgentRunner, which must run each agent exactly once.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeRepo, SCRIPTED_AGENT } from '../support/git-repo.js';
import { readLog, wave } from '../support/wave-cli.js';

const README = readFileSync(resolve('README.md'), 'utf8');

/** The first fenced block of a language after a heading. */
function block(heading: string, lang: string): string {
  const from = README.indexOf(heading);
  const start = README.indexOf(`\`\`\`${lang}\n`, from);
  const end = README.indexOf('\n```', start);
  if (from === -1 || start === -1) throw new Error(`README: no ${lang} block after ${heading}`);
  return README.slice(start + lang.length + 4, end + 1);
}

const PLAN = block('## The `wave` command', 'yaml');
const PACKAGE = JSON.stringify({ name: 'demo', private: true, scripts: { test: 'node -e ""' } });

describe('the README examples', () => {
  it('the example plan runs as written with claude on the PATH (prompt on stdin, acceptEdits)', async () => {
    const repo = makeRepo({ 'package.json': PACKAGE, 'plan.yaml': PLAN });
    const tools = join(repo, '..', `${repo.split('/').at(-1)}-bin`);
    mkdirSync(tools, { recursive: true });
    const claude = join(tools, 'claude');
    writeFileSync(
      claude,
      `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(SCRIPTED_AGENT)} "$@"\n`,
    );
    chmodSync(claude, 0o755);
    const r = await wave(['run', 'plan.yaml', '--yes'], {
      cwd: repo,
      env: { PATH: `${tools}:${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin` },
    });
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const log = readLog(repo);
    const started = log.filter((e) => e.type === 'agent.started');
    expect(started).toHaveLength(2);
    for (const e of started) {
      expect(e.data.argv).toContain('acceptEdits');
      expect((e.data.argv as string[]).join(' ')).not.toContain('TASK (');
    }
    expect(log.filter((e) => e.type === 'gate.passed')).not.toHaveLength(0);
  });

  it('the library example runs each agent once with a custom AgentRunner', async () => {
    const dist = pathToFileURL(resolve('dist/index.js')).href;
    const code = block('## The library', 'ts').replace("'wave-executor'", `'${dist}'`);
    const repo = makeRepo({ 'package.json': PACKAGE, 'plan.yaml': PLAN, 'example.mjs': code });
    const out = await new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      execFile(process.execPath, ['example.mjs'], { cwd: repo }, (error, stdout, stderr) =>
        done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('session.completed');
    const log = readLog(repo);
    const count = (type: string) => log.filter((e) => e.type === type).length;
    expect(count('agent.dispatched')).toBe(2);
    expect(count('agent.started')).toBe(2);
    expect(count('agent.finished')).toBe(2);
    expect(
      log.filter((e) => e.type === 'deviation.recorded' && /never started/.test(JSON.stringify(e))),
    ).toEqual([]);
    expect(log.at(-1)).toMatchObject({ type: 'session.completed', data: { outcome: 'success' } });
  });
});
