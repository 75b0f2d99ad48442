import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAgentProcess } from '../../../src/actors/runners/agent-process.js';
import { lineReader } from '../../../src/actors/runners/stdout-reader.js';
import { isAlive, waitFor } from './process.helpers.js';
import { fixture } from './transcript.helpers.js';

const node = process.execPath;
const never = new AbortController().signal;

describe('agent process', () => {
  it('splits stdout into lines across chunks (partial lines, CRLF, split UTF-8) ', async () => {
    const script = `
      const w = (b) => new Promise((r) => process.stdout.write(b, r));
      const pause = () => new Promise((r) => setTimeout(r, 5));
      const euro = Buffer.from('€');
      (async () => {
        await w('first li'); await pause();
        await w('ne\\r\\nsecond\\n'); await pause();
        await w(Buffer.concat([Buffer.from('price '), euro.subarray(0, 1)])); await pause();
        await w(Buffer.concat([euro.subarray(1), Buffer.from('\\nno newline at end')]));
      })();`;
    const lines: string[] = [];
    const exit = await runAgentProcess({
      argv: [node, '-e', script],
      cwd: tmpdir(),
      env: process.env,
      signal: never,
      stdout: lineReader((l) => lines.push(l)),
    });
    expect(lines).toEqual(['first line', 'second', 'price €', 'no newline at end']);
    expect(exit).toMatchObject({ exitCode: 0, signal: null, timedOut: false, aborted: false });
  });

  it('feeds stdin and keeps the stderr tail', async () => {
    const script = `let s='';process.stdin.on('data',(d)=>s+=d).on('end',()=>{console.log(s.toUpperCase());console.error('warn: x');process.exit(3)})`;
    const lines: string[] = [];
    const exit = await runAgentProcess({
      argv: [node, '-e', script],
      cwd: tmpdir(),
      env: process.env,
      stdin: 'hello prompt',
      signal: never,
      stdout: lineReader((l) => lines.push(l)),
    });
    expect(lines).toEqual(['HELLO PROMPT']);
    expect(exit.exitCode).toBe(3);
    expect(exit.stderrTail).toBe('warn: x\n');
  });

  it('survives an agent that never reads its stdin', async () => {
    const exit = await runAgentProcess({
      argv: [node, '-e', 'process.exit(0)'],
      cwd: tmpdir(),
      env: process.env,
      stdin: 'x'.repeat(1 << 20),
      signal: never,
      stdout: lineReader(() => {}),
    });
    expect(exit.exitCode).toBe(0);
  });

  it('reports a spawn failure', async () => {
    const exit = await runAgentProcess({
      argv: ['/nonexistent/agent-binary'],
      cwd: tmpdir(),
      env: process.env,
      signal: never,
      stdout: lineReader(() => {}),
    });
    expect(exit.spawnError).toMatch(/ENOENT/);
  });

  it('on timeout kills the whole process group, grandchildren included, even through SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wave-proc-'));
    const pidFile = join(dir, 'child.pid');
    let pid = 0;
    const exit = await runAgentProcess({
      argv: [
        node,
        fixture('agents/scripted-agent.mjs'),
        '--mode',
        'hang',
        '--spawn-child',
        '--child-pid-file',
        pidFile,
        '--ignore-sigterm',
      ],
      cwd: dir,
      env: process.env,
      signal: never,
      timeoutMs: 1500,
      killGraceMs: 300,
      onSpawn: (p) => (pid = p),
      stdout: lineReader(() => {}),
    });
    expect(exit.timedOut).toBe(true);
    expect(exit.signal).toBe('SIGKILL');
    expect(existsSync(pidFile)).toBe(true);
    const child = Number(readFileSync(pidFile, 'utf8'));
    await waitFor(() => !isAlive(child) && !isAlive(pid));
  });

  it('an abort signal terminates the group with SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wave-proc-'));
    const pidFile = join(dir, 'child.pid');
    const ac = new AbortController();
    const run = runAgentProcess({
      argv: [
        node,
        fixture('agents/scripted-agent.mjs'),
        '--mode',
        'hang',
        '--spawn-child',
        '--child-pid-file',
        pidFile,
      ],
      cwd: dir,
      env: process.env,
      signal: ac.signal,
      stdout: lineReader((line) => {
        if (line.includes('npm test')) ac.abort();
      }),
    });
    const exit = await run;
    expect(exit).toMatchObject({ aborted: true, timedOut: false, signal: 'SIGTERM' });
    const child = Number(readFileSync(pidFile, 'utf8'));
    await waitFor(() => !isAlive(child));
  });

  it('kills leftovers of an agent that exits normally', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wave-proc-'));
    const pidFile = join(dir, 'child.pid');
    const exit = await runAgentProcess({
      argv: [
        node,
        fixture('agents/scripted-agent.mjs'),
        '--spawn-child',
        '--child-pid-file',
        pidFile,
        '--no-edit',
      ],
      cwd: dir,
      env: process.env,
      signal: never,
      stdout: lineReader(() => {}),
    });
    expect(exit.exitCode).toBe(0);
    const child = Number(readFileSync(pidFile, 'utf8'));
    await waitFor(() => !isAlive(child));
  });

  it('does not start when already aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    let spawned = false;
    const exit = await runAgentProcess({
      argv: [node, '-e', '0'],
      cwd: tmpdir(),
      env: process.env,
      signal: ac.signal,
      onSpawn: () => (spawned = true),
      stdout: lineReader(() => {}),
    });
    expect(exit.aborted).toBe(true);
    expect(spawned).toBe(false);
  });

  it('pauses stdout while the engine queue is saturated and loses no line', async () => {
    // 20,000 lines written as fast as the pipe takes them; the queue says "full" after every
    // 2,000 lines it was given and drains 20 ms later.
    const script = `let i=0;function go(){while(i<20000){if(!process.stdout.write('line '+(i++)+'\\n'))return process.stdout.once('drain',go)}}go()`;
    const lines: string[] = [];
    let pauses = 0;
    let sinceDrain = 0;
    const exit = await runAgentProcess({
      argv: [node, '-e', script],
      cwd: tmpdir(),
      env: process.env,
      signal: never,
      stdout: lineReader((l) => {
        lines.push(l);
        sinceDrain += 1;
      }),
      backpressure: {
        saturated: () => sinceDrain >= 2000,
        drained: () => {
          pauses += 1;
          return new Promise((r) =>
            setTimeout(() => {
              sinceDrain = 0;
              r();
            }, 20),
          );
        },
      },
    });
    expect(exit.exitCode).toBe(0);
    expect(pauses).toBeGreaterThanOrEqual(5);
    expect(lines).toHaveLength(20000);
    expect(lines[0]).toBe('line 0');
    expect(lines[19999]).toBe('line 19999');
    expect(lines.every((l, i) => l === `line ${i}`)).toBe(true);
  });
});
