import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGateCommand, runQualityGate } from '../../src/actors/quality-gate.js';

const dir = mkdtempSync(join(tmpdir(), 'wave-gate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const node = process.execPath;

/** Alive and not a zombie (a killed orphan may linger unreaped as state Z in a container). */
function isRunning(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return false;
  const state = readFileSync(stat, 'utf8').split(') ')[1]?.[0];
  return state !== 'Z' && state !== 'X';
}

/** A SIGKILLed process is gone a moment after the signal, later on a loaded machine. */
async function goneSoon(pid: number, withinMs = 3000): Promise<boolean> {
  const end = Date.now() + withinMs;
  while (isRunning(pid)) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

describe('runQualityGate', () => {
  it('passes when every gate exits 0 and sums recognised test counts', async () => {
    const outcome = await runQualityGate({
      cwd: dir,
      gates: [
        { name: 'lint', argv: [node, '-e', 'console.log("clean")'] },
        { name: 'test', argv: [node, '-e', 'console.log(" Tests  3 passed (3)")'] },
        { name: 'py', argv: [node, '-e', 'console.error("==== 2 passed in 0.10s ====")'] },
      ],
    });
    expect(outcome).toEqual({ ok: true, counts: { passed: 5, failed: 0, total: 5 } });
  });

  it('reads the counts of a real node --test run', async () => {
    const file = join(dir, 'ok.test.mjs');
    writeFileSync(
      file,
      'import test from "node:test";\ntest("a", () => {});\ntest("b", () => {});\n',
    );
    const outcome = await runQualityGate({
      cwd: dir,
      gates: [{ name: 'test', argv: [node, '--test', '--test-reporter=tap', file] }],
    });
    expect(outcome).toEqual({ ok: true, counts: { passed: 2, failed: 0, total: 2 } });
  });

  it('omits counts when nothing is recognisable', async () => {
    expect(
      await runQualityGate({ cwd: dir, gates: [{ name: 'typecheck', argv: ['true'] }] }),
    ).toEqual({ ok: true });
  });

  it('fails fast on the first red gate with its exit code, argv and output tail', async () => {
    const marker = join(dir, 'should-not-exist');
    const outcome = await runQualityGate({
      cwd: dir,
      gates: [
        { name: 'typecheck', argv: ['true'] },
        {
          name: 'lint',
          argv: ['sh', '-c', 'echo "src/a.ts:3:1 error no-unused-vars" >&2; exit 3'],
        },
        { name: 'test', argv: ['touch', marker] },
      ],
    });
    expect(outcome).toEqual({
      ok: false,
      gate: 'lint',
      command: ['sh', '-c', 'echo "src/a.ts:3:1 error no-unused-vars" >&2; exit 3'],
      exitCode: 3,
      output: 'src/a.ts:3:1 error no-unused-vars',
      timedOut: false,
      aborted: false,
    });
    expect(existsSync(marker)).toBe(false);
  });

  it('runs argv without a shell: metacharacters stay literal', async () => {
    const outcome = await runQualityGate({
      cwd: dir,
      gates: [
        {
          name: 'echo',
          argv: [node, '-e', 'console.log(process.argv[1]); process.exit(1)', '$(id) && `x`; | >f'],
        },
      ],
    });
    expect(outcome).toMatchObject({ ok: false, exitCode: 1, output: '$(id) && `x`; | >f' });
    expect(existsSync(join(dir, 'f'))).toBe(false);
  });

  it('keeps only the last 50 lines of combined stdout and stderr', async () => {
    // stdout and stderr are two pipes: their relative order is only defined once one has been
    // drained, so the last line comes after a pause.
    const script =
      'for (let i = 1; i < 120; i++) (i % 2 ? process.stdout : process.stderr).write("line " + i + "\\n"); setTimeout(() => { process.stderr.write("line 120\\n"); process.exitCode = 1; }, 300)';
    const outcome = await runQualityGate({
      cwd: dir,
      gates: [{ name: 't', argv: [node, '-e', script] }],
    });
    expect(outcome.ok).toBe(false);
    const lines = (outcome as { output: string }).output.split('\n');
    expect(lines).toHaveLength(50);
    expect(lines.at(-1)).toBe('line 120');
    expect(new Set(lines).size).toBe(50);
  });

  it('kills the whole process group of a hanging command on timeout', async () => {
    const pidFile = join(dir, 'grandchild.pid');
    const outcome = await runQualityGate({
      cwd: dir,
      timeoutMs: 300,
      killGraceMs: 200,
      gates: [
        { name: 'hang', argv: ['sh', '-c', `sleep 30 & echo $! > ${pidFile}; echo started; wait`] },
      ],
    });
    expect(outcome).toMatchObject({
      ok: false,
      gate: 'hang',
      exitCode: null,
      timedOut: true,
      aborted: false,
      output: 'started',
    });
    const grandchild = Number(readFileSync(pidFile, 'utf8').trim());
    expect(await goneSoon(grandchild)).toBe(true);
  });

  it('does not wait for a background process left behind by a passing command, and reaps it', async () => {
    const pidFile = join(dir, 'leftover.pid');
    const outcome = await runQualityGate({
      cwd: dir,
      gates: [{ name: 'leaky', argv: ['sh', '-c', `sleep 30 & echo $! > ${pidFile}; echo done`] }],
    });
    expect(outcome).toEqual({ ok: true });
    expect(await goneSoon(Number(readFileSync(pidFile, 'utf8').trim()))).toBe(true);
  });

  it('kills the running command on abort and reports aborted', async () => {
    const controller = new AbortController();
    const pending = runQualityGate({
      cwd: dir,
      signal: controller.signal,
      gates: [
        { name: 'slow', argv: [node, '-e', 'console.log("ready"); setTimeout(() => {}, 60000)'] },
        { name: 'never', argv: ['true'] },
      ],
    });
    setTimeout(() => controller.abort(), 200);
    expect(await pending).toMatchObject({
      ok: false,
      gate: 'slow',
      timedOut: false,
      aborted: true,
    });
  });

  it('does not start anything when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const marker = join(dir, 'aborted-marker');
    const outcome = await runQualityGate({
      cwd: dir,
      signal: controller.signal,
      gates: [{ name: 'touch', argv: ['touch', marker] }],
    });
    expect(outcome).toMatchObject({ ok: false, gate: 'touch', exitCode: null, aborted: true });
    expect(existsSync(marker)).toBe(false);
  });

  it('reports a command that cannot start', async () => {
    const outcome = await runQualityGate({
      cwd: dir,
      gates: [{ name: 'missing', argv: ['wave-no-such-binary-xyz', '--x'] }],
    });
    expect(outcome).toMatchObject({ ok: false, gate: 'missing', exitCode: null, timedOut: false });
    expect((outcome as { output: string }).output).toMatch(/ENOENT/);
  });

  it('passes extra environment variables and the working directory', async () => {
    const outcome = await runGateCommand(
      [node, '-e', 'console.log(process.env.WAVE_GATE_X + " " + process.cwd())'],
      { cwd: dir, timeoutMs: 10_000, env: { WAVE_GATE_X: 'yes' } },
    );
    expect(outcome.exitCode).toBe(0);
    expect(outcome.output).toMatch(/^yes .*wave-gate-/);
  });

  it('rejects an empty argv and a bad timeout', async () => {
    await expect(runQualityGate({ cwd: dir, gates: [{ name: 'x', argv: [] }] })).rejects.toThrow(
      'runQualityGate: gates[0] (x) has an empty argv',
    );
    await expect(runQualityGate({ cwd: dir, gates: [], timeoutMs: 0 })).rejects.toThrow(
      'runQualityGate: timeoutMs must be a positive number, got 0',
    );
  });
});
