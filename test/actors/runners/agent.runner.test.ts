import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGENT, run, spec, types } from './runner.helpers.js';

describe('agent runner with scripted agents: outcomes', () => {
  it('claude format, done: edits real files, reports events in order', async () => {
    const r = await run(spec('claude-stream-json', '--mode', 'done'));
    expect(types(r.events)).toEqual([
      'agent.started',
      'agent.turn_started',
      'agent.output',
      'agent.turn_started',
      'agent.tool_called',
      'agent.turn_started',
      'agent.output',
      'agent.usage',
    ]);
    expect(r.events.filter((e) => e.type === 'agent.turn_started').map((e) => e.data)).toEqual(
      [1, 2, 3].map((turn) => ({ agentId: 'w2-m-2-1', turn })),
    );
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

  it.each([
    ['claude-stream-json', 6],
    ['codex-json', 1],
    ['gemini-stream-json', 5],
  ] as const)(
    '%s: every model turn of the stream is an agent.turn_started, numbered (%i)',
    async (format, expected) => {
      const r = await run(spec(format, '--mode', 'done', '--tools', '3'));
      const turns = r.events.filter((e) => e.type === 'agent.turn_started').map((e) => e.data);
      expect(turns).toEqual(
        Array.from({ length: expected }, (_, i) => ({ agentId: 'w2-m-2-1', turn: i + 1 })),
      );
      expect(r.terminal.data).toMatchObject({ turns: expected });
    },
  );

  it('turn limit hit: inferred partial', async () => {
    const r = await run(spec('claude-stream-json', '--mode', 'max-turns'));
    expect(r.terminal.data).toMatchObject({ status: 'partial', reported: null });
  });

  it.each(['claude-stream-json', 'codex-json', 'gemini-stream-json'] as const)(
    '%s: an error result without STATUS is inferred failed',
    async (format) => {
      const r = await run(spec(format, '--mode', 'error-result'));
      expect(r.terminal.data).toMatchObject({ status: 'failed', reported: null });
    },
  );

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
});
