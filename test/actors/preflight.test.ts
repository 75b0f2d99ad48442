import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  preflightTargets,
  runPreflight,
  runnerProgram,
} from '../../src/actors/preflight/preflight.js';
import { resolveProgram } from '../../src/actors/preflight/program-resolver.js';
import { ResolvedPlanSchema } from '../../src/domain/plan.schema.js';

function tool(dir: string, name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

const plan = (
  runners: Record<string, unknown>,
  gates: { name: string; argv: string[]; lite?: string[] }[],
) =>
  ResolvedPlanSchema.parse({
    session: { type: 'feature', intent: 'x' },
    config: { qualityGates: gates },
    runners,
    waves: [
      {
        wave: 1,
        role: 'Impl-Core',
        tasks: [
          { id: 'm-1', task: 't', runner: 'default' },
          { id: 'm-2', task: 't', runner: 'fast' },
        ],
      },
    ],
  });

describe('preflight', () => {
  it('lists the used runners (not host-served ones, not unused ones) and the gates', () => {
    const p = plan(
      {
        default: { kind: 'claude' },
        fast: { kind: 'command', argv: ['node', 'a.mjs'] },
        unused: { kind: 'gemini' },
      },
      [{ name: 'test', argv: ['npm', 'test'] }],
    );
    expect(preflightTargets(p)).toEqual([
      { kind: 'runner', name: 'default', program: 'claude', env: {} },
      { kind: 'runner', name: 'fast', program: 'node', env: {} },
      { kind: 'gate', name: 'test', program: 'npm' },
    ]);
    expect(preflightTargets(p, new Set(['default'])).map((t) => t.name)).toEqual(['fast', 'test']);
    expect(runnerProgram({ kind: 'codex', bin: './bin/codex', args: [], env: {} })).toBe(
      './bin/codex',
    );
  });

  it('resolves on the PATH and relative to the repository, records --version, misses the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wave-preflight-test-'));
    mkdirSync(join(dir, 'bin'));
    const claude = tool(join(dir, 'bin'), 'claude', 'echo "2.1.3 (Claude Code)"');
    tool(dir, 'local-agent', 'echo local 0.1');
    writeFileSync(join(dir, 'bin', 'not-executable'), 'x');
    const checks = await runPreflight(
      [
        { kind: 'runner', name: 'default', program: 'claude' },
        { kind: 'runner', name: 'local', program: './local-agent' },
        { kind: 'runner', name: 'ghost', program: 'not-executable' },
        { kind: 'gate', name: 'lint', program: 'no-such-linter-xyz' },
      ],
      { cwd: dir, env: { PATH: join(dir, 'bin') } },
    );
    expect(checks).toEqual([
      {
        kind: 'runner',
        name: 'default',
        program: 'claude',
        path: claude,
        version: '2.1.3 (Claude Code)',
      },
      {
        kind: 'runner',
        name: 'local',
        program: './local-agent',
        path: join(dir, 'local-agent'),
        version: 'local 0.1',
      },
      { kind: 'runner', name: 'ghost', program: 'not-executable', path: null, version: null },
      { kind: 'gate', name: 'lint', program: 'no-such-linter-xyz', path: null, version: null },
    ]);
  });

  it('a gate needs every program of its sh -c script and of its Quality-Lite command', () => {
    const p = plan({ default: { kind: 'claude' } }, [
      {
        name: 'lint',
        argv: ['sh', '-c', 'CI=1 eslintx . && prettier --check "a;b" | tee out.txt; echo done'],
        lite: ['eslintx', '{changed:ts}'],
      },
      { name: 'test', argv: ['npm', 'test'], lite: ['vitest', 'related', '{changed}'] },
    ]);
    expect(preflightTargets(p).filter((t) => t.kind === 'gate')).toEqual([
      { kind: 'gate', name: 'lint', program: 'sh' },
      { kind: 'gate', name: 'lint', program: 'eslintx' },
      { kind: 'gate', name: 'lint', program: 'prettier' },
      { kind: 'gate', name: 'lint', program: 'tee' },
      { kind: 'gate', name: 'test', program: 'npm' },
      { kind: 'gate', name: 'test', program: 'vitest', lite: true },
    ]);
  });

  it("a runner's own PATH wins", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wave-preflight-test-'));
    const own = tool(dir, 'gemini', 'echo 0.31.0');
    const [check] = await runPreflight(
      [{ kind: 'runner', name: 'g', program: 'gemini', env: { PATH: dir } }],
      { cwd: dir, env: { PATH: '/nonexistent' } },
    );
    expect(check).toMatchObject({ path: own, version: '0.31.0' });
    expect(await resolveProgram('gemini', dir, '/nonexistent')).toBeNull();
  });
});
