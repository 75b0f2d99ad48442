import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentRunRequest } from '../../../src/actors/ports.js';
import { createAgentRunner } from '../../../src/actors/runners/agent.runner.js';
import { buildAgentPrompt } from '../../../src/actors/runners/prompt.builder.js';
import type { RunnerSpec } from '../../../src/domain/plan.schema.js';
import type { NewEvent } from '../../../src/events.js';
import { validateEventData } from '../../../src/events.js';
import { isAlive, waitFor } from './process.helpers.js';
import { fixture } from './transcript.helpers.js';

const AGENT = fixture('agents/scripted-agent.mjs');
const runner = createAgentRunner({ killGraceMs: 300 });

function spec(format: RunnerSpec['format'], ...args: string[]): RunnerSpec {
  return { kind: 'command', argv: [process.execPath, AGENT, ...args], format, args: [], env: {} };
}

async function run(runnerSpec: RunnerSpec, extra: Partial<AgentRunRequest> = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'wave-runner-'));
  const prompt = buildAgentPrompt({
    task: {
      id: 'm-2',
      task: 'Add a token bucket',
      files: ['src/rate-limit.ts', 'src/'],
      acceptance: 'tests pass',
    },
    role: 'Impl-Core',
    wave: 2,
    maxTurns: 15,
  });
  const events: NewEvent[] = [];
  const result = await runner.run(
    {
      sessionId: 's-1',
      wave: 2,
      taskId: 'm-2',
      agentId: 'w2-m-2-1',
      prompt,
      cwd,
      runner: runnerSpec,
      maxTurns: 15,
      signal: new AbortController().signal,
      ...extra,
    },
    (e) => events.push(e),
  );
  for (const e of [...events, result.terminal]) validateEventData(e.type, e.data);
  return { ...result, events, cwd };
}

const types = (events: NewEvent[]) => events.map((e) => e.type);

describe('agent runner with scripted agents', () => {
  it('claude format, done: edits real files, reports events in order', async () => {
    const r = await run(spec('claude-stream-json', '--mode', 'done'));
    expect(types(r.events)).toEqual([
      'agent.started',
      'agent.output',
      'agent.tool_called',
      'agent.output',
      'agent.usage',
    ]);
    expect(r.events[0]?.data).toMatchObject({
      agentId: 'w2-m-2-1',
      argv: [process.execPath, AGENT, '--mode', 'done'],
    });
    expect(r.terminal).toEqual({
      type: 'agent.finished',
      data: {
        agentId: 'w2-m-2-1',
        status: 'done',
        reported: 'done',
        summary: 'done m-2',
        filesChanged: ['src/rate-limit.ts'],
        turns: 3,
        exitCode: 0,
        openQuestions: [],
      },
    });
    expect(readFileSync(join(r.cwd, 'src/rate-limit.ts'), 'utf8')).toContain(
      'written by scripted agent m-2',
    );
  });

  it('codex format, partial with REMAINING and open questions', async () => {
    const r = await run(
      spec(
        'codex-json',
        '--mode',
        'partial',
        '--remaining',
        'edge cases',
        '--question',
        'Bucket size? | context: hard-coded | candidates: 60 / 120',
      ),
    );
    expect(r.terminal.data).toMatchObject({
      status: 'partial',
      reported: 'partial',
      remaining: 'edge cases',
      filesChanged: ['src/rate-limit.ts'],
      openQuestions: [
        { question: 'Bucket size?', context: 'hard-coded', candidates: ['60', '120'] },
      ],
    });
  });

  it('gemini format, failed with a failing tool call', async () => {
    const r = await run(spec('gemini-stream-json', '--mode', 'failed'));
    expect(r.events.filter((e) => e.type === 'agent.tool_failed').map((e) => e.data)).toEqual([
      {
        agentId: 'w2-m-2-1',
        tool: 'run_shell_command',
        error: 'Error: 2 tests failed',
        callId: 'run_shell_command-2',
      },
    ]);
    expect(r.terminal.data).toMatchObject({ status: 'failed', reported: 'failed' });
  });

  it('text format: the prompt arrives on stdin and in $WAVE_PROMPT_FILE with the WAVE_* variables', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wave-env-'));
    const dump = join(dir, 'env.json');
    const script = `const fs=require('fs');const stdin=fs.readFileSync(0,'utf8');fs.writeFileSync(${JSON.stringify(dump)},JSON.stringify({stdin,file:fs.readFileSync(process.env.WAVE_PROMPT_FILE,'utf8'),s:process.env.WAVE_SESSION_ID,w:process.env.WAVE_WAVE,t:process.env.WAVE_TASK_ID,x:process.env.EXTRA}));console.log('STATUS: done — env ok')`;
    const r = await run({
      kind: 'command',
      argv: [process.execPath, '-e', script],
      format: 'text',
      args: [],
      env: { EXTRA: 'yes' },
    });
    const seen = JSON.parse(readFileSync(dump, 'utf8')) as Record<string, string>;
    expect(seen.stdin).toContain('TASK (m-2): Add a token bucket');
    expect(seen.file).toBe(seen.stdin);
    expect({ s: seen.s, w: seen.w, t: seen.t, x: seen.x }).toEqual({
      s: 's-1',
      w: '2',
      t: 'm-2',
      x: 'yes',
    });
    expect(r.terminal.data).toMatchObject({ status: 'done', summary: 'env ok' });
  });

  it('no STATUS line: inferred done from the changes', async () => {
    const r = await run(spec('claude-stream-json', '--mode', 'no-status'));
    expect(r.terminal.data).toMatchObject({
      status: 'done',
      reported: null,
      filesChanged: ['src/rate-limit.ts'],
    });
  });

  it('turn limit hit: inferred partial', async () => {
    const r = await run(spec('claude-stream-json', '--mode', 'max-turns'));
    expect(r.terminal.data).toMatchObject({ status: 'partial', reported: null });
  });

  it('a crash (exit 1 without result) is agent.crashed with the stderr tail', async () => {
    const r = await run(spec('claude-stream-json', '--mode', 'crash'));
    expect(r.terminal).toEqual({
      type: 'agent.crashed',
      data: {
        agentId: 'w2-m-2-1',
        exitCode: 1,
        signal: null,
        stderr: 'fatal: agent process died (scripted crash)\n',
      },
    });
  });

  it('spiral: the same file edited 4 times overrides done', async () => {
    const r = await run(spec('claude-stream-json', '--mode', 'spiral'));
    expect(r.terminal.data).toMatchObject({ status: 'spiral', reported: 'done' });
    expect(r.findings).toEqual([
      { pattern: 'edit-spiral', file: 'src/rate-limit.ts', occurrences: 4 },
    ]);
  });

  it('pagination: stagnant with a finding', async () => {
    const r = await run(spec('claude-stream-json', '--mode', 'paginate'));
    expect(r.terminal.data).toMatchObject({ status: 'stagnant' });
    expect(r.findings).toEqual([
      { pattern: 'pagination-spiral', file: 'src/rate-limit.ts', occurrences: 4 },
    ]);
  });

  it('error echo: failed with its error class', async () => {
    const claude = await run(spec('claude-stream-json', '--mode', 'error-echo'));
    expect(claude.terminal.data).toMatchObject({ status: 'failed', reported: 'done' });
    expect(claude.findings).toEqual([
      {
        pattern: 'error-echo',
        errorClass: 'edit-format-friction',
        file: 'src/rate-limit.ts',
        occurrences: 3,
      },
    ]);
    const codex = await run(spec('codex-json', '--mode', 'error-echo'));
    expect(codex.findings).toEqual([
      { pattern: 'error-echo', errorClass: 'other', file: 'src/rate-limit.ts', occurrences: 3 },
    ]);
  });

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

  it('claude kind: starts `bin` with the vendor argv, prompt as -p argument', async () => {
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
        '<prompt>',
        '--output-format',
        'stream-json',
        '--verbose',
        '--max-turns',
        '15',
        '--model',
        'sonnet',
        '--mode',
        'done',
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
