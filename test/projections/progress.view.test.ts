import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/events.js';
import { evolveProgress, foldProgress } from '../../src/projections/progress.view.js';
import { initProgress } from '../../src/projections/progress.types.js';
import { toolLabel } from '../../src/projections/tool-label.js';
import {
  REPO,
  buildProgressLog,
  dispatch,
  finish,
  opening,
  wave2Started,
} from '../cli/progress-log.fixture.js';
import { createStamper } from './event-stamper.js';

function tsOf(events: DomainEvent[], pred: (e: DomainEvent) => boolean): string {
  const e = events.find(pred);
  if (!e) throw new Error('event not in fixture');
  return e.ts;
}

describe('progress view', () => {
  const log = buildProgressLog();

  it('folds the session, its waves and agents', () => {
    const v = foldProgress(log);
    expect(v.state).toBe('completed');
    expect(v.outcome).toBe('carryover');
    expect(v.semanticId).toBe('main-2026-08-22-deep-1');
    expect(v.repo).toBe(REPO);
    expect(v.lastSeq).toBe(log.length);
    expect([...v.waves.values()].map((w) => [w.wave, w.role, w.state])).toEqual([
      [1, 'Discovery', 'skipped'],
      [2, 'Impl-Core', 'completed'],
      [3, 'Quality', 'completed'],
    ]);
    const w2 = v.waves.get(2)!;
    expect(w2.agentIds).toEqual(['w2-m-1-a1', 'w2-m-2-a1', 'w2-m-3-a1', 'w2-m-1-a2']);
    expect(w2.suite).toEqual({ passed: 12, failed: 0, platform: 'linux' });
    expect(w2.filesChanged).toEqual(['src/app.ts', 'src/rate-limit.ts']);
    expect(w2.filesChangedCount).toBe(2);
    expect(w2.deviations.map((d) => d.kind)).toEqual(['D6']);
    expect(w2.gates.map((g) => [g.attempt, g.result, g.failedGate, g.fixAgentId])).toEqual([
      [1, 'failed', 'test', 'w2-m-1-a2'],
      [2, 'passed', null, null],
    ]);
    expect(w2.gates[1]!.counts).toEqual({ passed: 12, failed: 0, total: 12 });
  });

  it('keeps per agent: status, turns, last tool, start/end from the envelopes', () => {
    const v = foldProgress(log);
    const a = v.agents.get('w2-m-1-a1')!;
    expect(a).toMatchObject({
      taskId: 'm-1',
      wave: 2,
      description: 'Add token bucket',
      status: 'done',
      turns: 5,
      toolCalls: 2,
      lastTool: 'Edit src/rate-limit.ts',
      summary: 'Token bucket in src/rate-limit.ts',
      filesChanged: ['src/rate-limit.ts'],
    });
    const started = (e: DomainEvent) =>
      e.type === 'agent.started' && e.data.agentId === 'w2-m-1-a1';
    const ended = (e: DomainEvent) => e.type === 'agent.finished' && e.data.agentId === 'w2-m-1-a1';
    expect(a.startedAt).toBe(tsOf(log, started));
    expect(a.endedAt).toBe(tsOf(log, ended));
    expect(v.agents.get('w2-m-2-a1')).toMatchObject({
      status: 'partial',
      remaining: 'the admin route',
      lastTool: 'Bash npm test',
    });
    expect(v.agents.get('w2-m-3-a1')).toMatchObject({
      status: 'crashed',
      summary: 'exit 1: Error: boom',
      turns: 0,
    });
    expect(v.agents.get('w2-m-1-a2')).toMatchObject({ reason: 'fix', attempt: 2, status: 'done' });
  });

  it('shows each prefix of the log: running, then gating, then running the fix agent', () => {
    const states: string[] = [];
    const view = initProgress();
    for (const e of log) {
      evolveProgress(view, e);
      const state = view.waves.get(2)?.state ?? 'absent';
      if (states[states.length - 1] !== state) states.push(state);
    }
    expect(states).toEqual([
      'absent',
      'pending',
      'running',
      'gating',
      'running',
      'gating',
      'completed',
    ]);
  });

  it('counts live turns as max(tool calls, usage turns); agent.finished is authoritative', () => {
    const s = createStamper();
    const view = foldProgress([...opening(s), wave2Started(s), dispatch(s, 2, 'm-1', 'x')]);
    const id = 'w2-m-1-a1';
    const call = (tool: string) => s('agent.tool_called', { agentId: id, tool, input: {} });
    evolveProgress(view, s('agent.started', { agentId: id, pid: 1, argv: [] }));
    expect(view.agents.get(id)!.status).toBe('running');
    evolveProgress(view, call('Read'));
    evolveProgress(view, call('Glob'));
    expect(view.agents.get(id)!.turns).toBe(2);
    evolveProgress(view, s('agent.usage', { agentId: id, turns: 5 }));
    evolveProgress(view, call('Write'));
    expect(view.agents.get(id)!).toMatchObject({ turns: 5, toolCalls: 3, lastTool: 'Write' });
    evolveProgress(view, finish(s, id, 'done', 'ok', 4));
    expect(view.agents.get(id)!.turns).toBe(4);
  });

  it('marks the running wave blocked when the session aborts, and after gate exhaustion', () => {
    const s = createStamper();
    const aborted = foldProgress([
      ...opening(s),
      wave2Started(s),
      s('session.aborted', { cause: 'user-abort', reason: 'interrupted' }),
    ]);
    expect(aborted.waves.get(2)!.state).toBe('blocked');
    expect(aborted.waves.get(3)!.state).toBe('pending');
    expect(aborted).toMatchObject({ state: 'aborted', abortCause: 'user-abort' });

    const t = createStamper();
    const exhausted = foldProgress([
      ...opening(t),
      wave2Started(t),
      t('gate.started', { wave: 2, attempt: 1, gates: ['test'] }),
      t('gate.exhausted', { wave: 2, attempts: 1, maxRetries: 0, gate: 'test' }),
    ]);
    expect(exhausted.waves.get(2)!.state).toBe('blocked');
    expect(exhausted.waves.get(2)!.warnings).toEqual([
      'gate test still failing after 1 attempt(s) (max-retries 0)',
    ]);
  });

  it('reports agents in flight at a resume as lost (redispatch) or crashed (report-lost)', () => {
    for (const policy of ['redispatch', 'report-lost'] as const) {
      const s = createStamper();
      const v = foldProgress([
        ...opening(s),
        wave2Started(s),
        dispatch(s, 2, 'm-1', 'x'),
        s('agent.started', { agentId: 'w2-m-1-a1', pid: 1, argv: [] }),
        s('session.resumed', { pid: 2, host: 'h', inFlight: ['w2-m-1-a1'], policy }),
        dispatch(s, 2, 'm-1', 'x', { attempt: 2, reason: 'redispatch' }),
      ]);
      expect(v.agents.get('w2-m-1-a1')!.status).toBe(policy === 'redispatch' ? 'lost' : 'crashed');
      expect(v.agents.get('w2-m-1-a2')!.status).toBe('queued');
      expect(v.waves.get(2)!.agentIds).toEqual(['w2-m-1-a1', 'w2-m-1-a2']);
      expect(v.warnings).toEqual(['resumed by pid 2 on h']);
    }
  });

  it('records stagnation, dispatch gaps, session deviations, questions and decisions', () => {
    const s = createStamper();
    const v = foldProgress([
      ...opening(s),
      wave2Started(s),
      dispatch(s, 2, 'm-1', 'x'),
      s('wave.dispatched', { wave: 2, planned: 2, started: 1, missing: ['m-2'] }),
      s('stagnation.detected', {
        wave: 2,
        agentId: 'w2-m-1-a1',
        agent: 'x',
        pattern: 'edit-spiral',
        file: 'src/a.ts',
        occurrences: 3,
      }),
      s('deviation.recorded', {
        wave: null,
        kind: 'D1',
        code: 'text',
        params: { text: 'reduced' },
      }),
      s('question.asked', { question: 'Q1?', source: 'w2' }),
      s('question.asked', { question: 'Q2?', source: 'w2' }),
      s('question.answered', { question: 'Q1?', answer: 'yes' }),
      s('decision.requested', {
        id: 'd-1',
        kind: 'escalation',
        prompt: 'Go on?',
        options: ['proceed', 'abort'],
        default: 'proceed',
      }),
    ]);
    expect(v.waves.get(2)!.warnings).toEqual([
      'dispatch: 1 of 2 agents started; missing m-2',
      'w2-m-1-a1: edit-spiral on src/a.ts (3×)',
    ]);
    expect(v.agents.get('w2-m-1-a1')!.stagnation).toEqual(['edit-spiral']);
    expect(v.warnings).toEqual(['D1: reduced']);
    expect([...v.openQuestions]).toEqual(['Q2?']);
    expect(v.pendingDecision).toEqual({ id: 'd-1', prompt: 'Go on?', default: 'proceed' });
    evolveProgress(v, s('decision.made', { id: 'd-1', answer: 'proceed', by: 'policy' }));
    expect(v.pendingDecision).toBeNull();
  });

  it('ignores stream events of agents it never saw dispatched', () => {
    const s = createStamper();
    const v = foldProgress([
      ...opening(s),
      s('agent.tool_called', { agentId: 'ghost', tool: 'Read', input: {} }),
      s('agent.finished', {
        agentId: 'ghost',
        status: 'done',
        reported: 'done',
        summary: '',
        filesChanged: [],
        turns: 1,
        exitCode: 0,
      }),
    ]);
    expect(v.agents.size).toBe(0);
  });
});

describe('toolLabel', () => {
  it('shows the primary argument, repository-relative and cut short', () => {
    expect(toolLabel('Edit', { file_path: '/r/src/a.ts' }, '/r')).toBe('Edit src/a.ts');
    expect(toolLabel('Read', { file_path: '/elsewhere/a.ts' }, '/r')).toBe('Read /elsewhere/a.ts');
    expect(toolLabel('Grep', { pattern: 'retry', path: 'src' }, null)).toBe('Grep src');
    expect(toolLabel('Bash', { command: 'npm   run\n lint' }, null)).toBe('Bash npm run lint');
    expect(toolLabel('shell', { command: ['git', 'status'] }, null)).toBe('shell git status');
    expect(toolLabel('TodoWrite', { todos: [] }, null)).toBe('TodoWrite');
    const long = toolLabel('Bash', { command: 'x'.repeat(100) }, null);
    expect(long).toBe(`Bash ${'x'.repeat(47)}…`);
  });
});
