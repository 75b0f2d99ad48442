/** The baseline, Quality-Lite and Full Gate entry point, with real commands in a temp dir. */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBaseline, runGate } from '../../src/actors/gate-run.js';

const dir = mkdtempSync(join(tmpdir(), 'wave-gate-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const node = process.execPath;
/** A command that prints its arguments as JSON, then exits `code`. */
const echo = (code = 0) => [
  node,
  '-e',
  `console.log(JSON.stringify(process.argv.slice(1))); process.exit(${code})`,
];
/** A command that leaves `file` behind (to see whether it ran). */
const touch = (file: string) => [
  node,
  '-e',
  `require('fs').writeFileSync(${JSON.stringify(file)}, '')`,
];

describe('runGate', () => {
  it('baseline: every gate runs even after a red one; each gate recorded with its counts', async () => {
    const suite = join(dir, 'red.test.mjs');
    writeFileSync(
      suite,
      'import test from "node:test";\nimport assert from "node:assert";\ntest("a", () => {});\ntest("b", () => assert.equal(1, 2));\n',
    );
    const result = await runGate({
      kind: 'baseline',
      cwd: dir,
      gates: [
        { name: 'lint', argv: [node, '-e', 'console.error("3 problems"); process.exit(1)'] },
        { name: 'typecheck', argv: [node, '-e', '0'] },
        { name: 'test', argv: [node, '--test', '--test-reporter=tap', suite] },
      ],
    });
    expect(result.kind).toBe('baseline');
    if (result.kind !== 'baseline') return;
    expect(result.green).toBe(false);
    expect(result.aborted).toBe(false);
    expect(result.gates.map((g) => [g.name, g.ok, g.exitCode])).toEqual([
      ['lint', false, 1],
      ['typecheck', true, 0],
      ['test', false, 1],
    ]);
    expect(result.gates[0]?.output).toBe('3 problems');
    expect(result.gates[1]).not.toHaveProperty('output');
    expect(result.gates[2]?.counts).toEqual({ passed: 1, failed: 1, total: 2 });
  });

  it('Quality-Lite gives {changed} the changed files that still exist; full runs the full command', async () => {
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'src/a.ts'), '');
    writeFileSync(join(dir, 'src/b.md'), '');
    const gates = [{ name: 'lint', argv: [...echo(), 'all'], lite: [...echo(1), '{changed:ts}'] }];
    const changed = ['src/a.ts', 'src/b.md', 'src/deleted.ts'];
    const lite = await runGate({ kind: 'lite', cwd: dir, gates, changedFiles: changed });
    expect(lite).toMatchObject({ ok: false, kind: 'lite', gate: 'lint', skipped: [] });
    expect(lite).toMatchObject({ command: [...echo(1), 'src/a.ts'], output: '["src/a.ts"]' });
    const full = await runGate({ kind: 'full', cwd: dir, gates, changedFiles: changed });
    expect(full).toEqual({ ok: true, kind: 'full', skipped: [] });
  });

  it('Quality-Lite skips a gate with nothing to check and still runs the others', async () => {
    const marker = join(dir, 'typecheck-ran');
    const result = await runGate({
      kind: 'lite',
      cwd: dir,
      changedFiles: ['README.md'],
      gates: [
        { name: 'lint', argv: echo(1), lite: [...echo(1), '{changed:ts}'] },
        { name: 'typecheck', argv: touch(marker) },
      ],
    });
    expect(result).toEqual({ ok: true, kind: 'lite', skipped: ['lint'] });
    expect(existsSync(marker)).toBe(true);
  });

  it('Full Gate: lint → typecheck → test, stopping at the first failure', async () => {
    const later = join(dir, 'test-ran');
    const result = await runGate({
      kind: 'full',
      cwd: dir,
      gates: [
        { name: 'lint', argv: [node, '-e', '0'] },
        { name: 'typecheck', argv: [node, '-e', 'console.log("TS2322"); process.exit(2)'] },
        { name: 'test', argv: touch(later) },
      ],
    });
    expect(result).toMatchObject({
      ok: false,
      kind: 'full',
      gate: 'typecheck',
      exitCode: 2,
      output: 'TS2322',
    });
    expect(existsSync(later)).toBe(false);
  });

  it('a hanging baseline gate is killed at its timeout and recorded as timed out; the next still runs', async () => {
    const started = Date.now();
    const result = await runBaseline({
      cwd: dir,
      timeoutMs: 2_000,
      killGraceMs: 100,
      gates: [
        { name: 'test', argv: [node, '-e', 'setInterval(() => {}, 1000)'] },
        { name: 'lint', argv: [node, '-e', '0'] },
      ],
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.gates.map((g) => [g.name, g.ok, g.timedOut])).toEqual([
      ['test', false, true],
      ['lint', true, false],
    ]);
  });

  it('an abort stops the baseline: the gates not run are absent and it is not green', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 200);
    const result = await runBaseline(
      {
        cwd: dir,
        gates: [
          { name: 'test', argv: [node, '-e', 'setInterval(() => {}, 1000)'] },
          { name: 'lint', argv: [node, '-e', '0'] },
        ],
      },
      ac.signal,
    );
    expect(result).toEqual({ kind: 'baseline', green: false, gates: [], aborted: true });
  });
});
