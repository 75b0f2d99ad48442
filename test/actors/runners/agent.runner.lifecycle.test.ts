import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAgentRunner } from '../../../src/actors/runners/agent.runner.js';
import type { NewEvent } from '../../../src/events.js';
import { isAlive, waitFor } from './process.helpers.js';
import { AGENT, run, runner, spec } from './runner.helpers.js';

describe('agent runner with scripted agents: lifecycle', () => {
  it('hang past the timeout: agent.timed_out, the whole group dead', async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'wave-hang-')), 'child.pid');
    const r = await run(
      spec('claude-stream-json', '--mode', 'hang', '--spawn-child', '--child-pid-file', pidFile),
      { timeoutMs: 1500 },
    );
    expect(r.terminal).toEqual({
      type: 'agent.timed_out',
      data: { agentId: 'w2-m-2-1', timeoutMs: 1500 },
    });
    const agentPid = r.events[0]?.type === 'agent.started' ? r.events[0].data.pid : null;
    const child = Number(readFileSync(pidFile, 'utf8'));
    await waitFor(() => !isAlive(child) && agentPid !== null && !isAlive(agentPid));
  });

  it('abort via the signal: agent.crashed, the process group dead', async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'wave-abort-')), 'child.pid');
    const ac = new AbortController();
    const cwd = mkdtempSync(join(tmpdir(), 'wave-runner-'));
    const events: NewEvent[] = [];
    const result = await runner.run(
      {
        sessionId: 's',
        wave: 1,
        taskId: 'm-1',
        agentId: 'a',
        prompt: 'p',
        cwd,
        runner: spec(
          'claude-stream-json',
          '--mode',
          'hang',
          '--spawn-child',
          '--child-pid-file',
          pidFile,
        ),
        maxTurns: 5,
        signal: ac.signal,
      },
      (e) => {
        events.push(e);
        if (e.type === 'agent.tool_called') ac.abort();
      },
    );
    expect(result.terminal).toMatchObject({
      type: 'agent.crashed',
      data: { agentId: 'a', signal: 'SIGTERM' },
    });
    expect(result.terminal.type === 'agent.crashed' && result.terminal.data.stderr).toMatch(
      /^aborted/,
    );
    await waitFor(() => existsSync(pidFile) && !isAlive(Number(readFileSync(pidFile, 'utf8'))));
  });

  it('many fast tool calls arrive complete and in order', async () => {
    const r = await run(
      spec('claude-stream-json', '--mode', 'done', '--tools', '400', '--no-edit'),
    );
    const calls = r.events.filter((e) => e.type === 'agent.tool_called');
    expect(calls).toHaveLength(400);
    expect(calls.map((e) => (e.data as { input: Record<string, unknown> }).input.command)).toEqual(
      Array.from({ length: 400 }, (_, i) => `echo step ${i}`),
    );
    expect(r.terminal.data).toMatchObject({ status: 'done', turns: 402 });
  });

  it('claude kind: starts `bin` with the vendor argv, the prompt on stdin, acceptEdits by default', async () => {
    const r = await run({
      kind: 'claude',
      bin: AGENT,
      args: ['--mode', 'done'],
      env: {},
      model: 'sonnet',
    });
    expect(r.events[0]?.data).toMatchObject({
      argv: [
        AGENT,
        '-p',
        '--output-format',
        'stream-json',
        '--verbose',
        '--max-turns',
        '15',
        '--permission-mode',
        'acceptEdits',
        '--model',
        'sonnet',
        '--mode',
        'done',
        '--settings',
        expect.stringMatching(/settings\.json$/),
      ],
    });
    expect(r.terminal.data).toMatchObject({ status: 'done', filesChanged: ['src/rate-limit.ts'] });
  });

  it('codex and gemini kinds speak their formats', async () => {
    const codex = await run({ kind: 'codex', bin: AGENT, args: ['--mode', 'partial'], env: {} });
    expect(codex.terminal.data).toMatchObject({
      status: 'partial',
      filesChanged: ['src/rate-limit.ts'],
    });
    const gemini = await run({
      kind: 'gemini',
      bin: AGENT,
      args: ['--mode', 'max-turns'],
      env: {},
    });
    expect(gemini.terminal.data).toMatchObject({ status: 'partial', reported: null, exitCode: 53 });
  });

  it('a missing executable is agent.crashed, not a rejection', async () => {
    const r = await run({ kind: 'claude', bin: '/nonexistent/claude', args: [], env: {} });
    expect(r.terminal).toMatchObject({
      type: 'agent.crashed',
      data: { exitCode: null, signal: null },
    });
    expect(r.terminal.type === 'agent.crashed' && r.terminal.data.stderr).toMatch(/ENOENT/);
  });

  it('long texts are cut inline and handed to the blob sink', async () => {
    const blobs: string[] = [];
    const small = createAgentRunner({
      inlineLimit: 20,
      blobSink: (c) => (blobs.push(c), `sha-${blobs.length}`),
    });
    const events: NewEvent[] = [];
    await small.run(
      {
        sessionId: 's',
        wave: 1,
        taskId: 'm-1',
        agentId: 'a',
        prompt: 'p',
        cwd: mkdtempSync(join(tmpdir(), 'wave-blob-')),
        runner: spec('claude-stream-json', '--no-edit', '--summary', 'a fairly long summary text'),
        maxTurns: 5,
        signal: new AbortController().signal,
      },
      (e) => events.push(e),
    );
    const out = events.find((e) => e.type === 'agent.output' && e.data.blob !== undefined);
    expect(out?.data).toMatchObject({
      text: 'Working on task m-1 … [truncated 10 chars]',
      blob: 'sha-1',
    });
    expect(blobs[0]).toBe('Working on task m-1 in wave 1.');
  });
});
