import { describe, expect, it } from 'vitest';
import { buildAgentPrompt, turnLimitLine } from '../../../src/actors/runners/prompt.builder.js';

const task = {
  id: 'm-2',
  task: 'Add a token-bucket middleware',
  files: ['src/middleware/rate-limit.ts', 'test/'],
  acceptance: 'test/rate-limit.test.ts passes',
};

describe('agent prompt', () => {
  const prompt = buildAgentPrompt({
    task,
    role: 'Impl-Core',
    wave: 2,
    maxTurns: 15,
    session: { type: 'feature', intent: 'Add rate limiting' },
    focus: 'focus on API endpoints',
  });
  const lines = prompt.split('\n');

  it('carries the task, its scope, acceptance and focus', () => {
    expect(lines[0]).toBe(
      'You are a coding agent in wave 2 (Impl-Core) of a feature session — intent: Add rate limiting.',
    );
    expect(lines).toContain('TASK (m-2): Add a token-bucket middleware');
    const scope = lines.indexOf('FILE-SCOPE — exactly these:');
    expect(lines.slice(scope + 1, scope + 3)).toEqual([
      '- src/middleware/rate-limit.ts',
      '- test/',
    ]);
    expect(lines).toContain('ACCEPTANCE: test/rate-limit.test.ts passes');
    expect(lines).toContain('PRIORITY FOCUS: focus on API endpoints');
  });

  it('carries the reference contract: TURN LIMIT, STATUS REPORTING, OPEN-QUESTIONS, no git', () => {
    expect(lines).toContain(
      'TURN LIMIT: You have a maximum of 15 turns. If you cannot complete within 15 turns, report PARTIAL with what you accomplished and what remains.',
    );
    const status = lines.indexOf(
      'STATUS REPORTING: When you finish, end your final message with exactly one of:',
    );
    expect(lines.slice(status + 1, status + 5)).toEqual([
      '- STATUS: done — <1-line summary of what was accomplished>',
      '- STATUS: partial — <what was accomplished> | REMAINING: <what still needs to be done>',
      '- STATUS: failed — <what went wrong>',
      'Do NOT omit the STATUS line. The coordinator uses it to track progress.',
    ]);
    expect(lines).toContain(
      'OPEN-QUESTIONS: <question> | context: <why it matters> | candidates: <A / B>',
    );
    expect(prompt).toMatch(/Do not commit, stash or push/);
    expect(prompt).not.toMatch(/no-tests-needed/);
    expect(prompt).not.toMatch(/CARRIED OVER|FIX TASK/);
  });

  it('carries REMAINING of a partial and the error context of a fix task', () => {
    const p = buildAgentPrompt({
      task,
      role: 'Impl-Polish',
      wave: 3,
      maxTurns: 8,
      carriedRemaining: 'wire into server.ts',
      fixContext: 'tsc: TS2304 Cannot find name rateLimit',
    });
    expect(p).toContain('REMAINING: wire into server.ts');
    expect(p).toContain(
      'FIX TASK: an earlier attempt at this task failed. Error context:\ntsc: TS2304 Cannot find name rateLimit',
    );
    expect(p).toContain(turnLimitLine(8));
  });

  it('Discovery is read-only; Quality may answer no-tests-needed', () => {
    expect(buildAgentPrompt({ task, role: 'Discovery', wave: 1, maxTurns: 15 })).toContain(
      'do not modify any file',
    );
    expect(
      buildAgentPrompt({ task: { ...task, files: [] }, role: 'Discovery', wave: 1, maxTurns: 15 }),
    ).toContain('Read-only');
    expect(buildAgentPrompt({ task, role: 'Quality', wave: 4, maxTurns: 15 })).toContain(
      '- STATUS: no-tests-needed —',
    );
  });

  it('leaves out empty sections', () => {
    const p = buildAgentPrompt({
      task: { id: 'm-9', task: 't', files: [], acceptance: '' },
      role: 'Impl-Core',
      wave: 1,
      maxTurns: 5,
    });
    expect(p).not.toMatch(/FILE-SCOPE|ACCEPTANCE|PRIORITY FOCUS/);
    expect(p.startsWith('You are a coding agent in wave 1 (Impl-Core).\n')).toBe(true);
  });
});
