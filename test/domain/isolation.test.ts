import { describe, expect, it } from 'vitest';
import {
  resolveEnforcement,
  resolveIsolation,
  type IsolationInput,
} from '../../src/domain/isolation.js';

describe('resolveIsolation (§F1)', () => {
  const table: [Partial<IsolationInput>, string, string][] = [
    // config wins over everything
    [{ configIsolation: 'none', agentCount: 9, collisionRisk: 'high' }, 'none', 'config'],
    [{ configIsolation: 'worktree', agentCount: 1 }, 'worktree', 'config'],
    // collision risk high beats the agent count
    [{ agentCount: 1, collisionRisk: 'high' }, 'worktree', 'collision-risk-high'],
    [{ agentCount: 1, collisionRisk: 'medium' }, 'none', 'few-agents'],
    // agent count thresholds
    [{ agentCount: 1 }, 'none', 'few-agents'],
    [{ agentCount: 2, sessionType: 'deep' }, 'none', 'few-agents'],
    [{ agentCount: 3, sessionType: 'housekeeping' }, 'none', 'housekeeping-mid-size'],
    [{ agentCount: 4, sessionType: 'housekeeping' }, 'none', 'housekeeping-mid-size'],
    [{ agentCount: 3, sessionType: 'feature' }, 'worktree', 'mid-size'],
    [{ agentCount: 4, sessionType: 'deep' }, 'worktree', 'mid-size'],
    [{ agentCount: 5, sessionType: 'housekeeping' }, 'worktree', 'many-agents'],
    [{ agentCount: 18, sessionType: 'deep' }, 'worktree', 'many-agents'],
    // a new directory forces none under auto, even with high collision risk
    [{ agentCount: 6, collisionRisk: 'high', newDirectory: true }, 'none', 'new-directory'],
    [{ agentCount: 6, configIsolation: 'none', newDirectory: true }, 'none', 'config'],
  ];
  it.each(table)('%j → %s (%s)', (partial, isolation, reason) => {
    const decision = resolveIsolation({ agentCount: 1, sessionType: 'feature', ...partial });
    expect(decision).toEqual({ isolation, reason });
  });

  it('honours an explicit worktree with a new directory, with a warning', () => {
    const decision = resolveIsolation({
      agentCount: 2,
      sessionType: 'feature',
      configIsolation: 'worktree',
      newDirectory: true,
    });
    expect(decision.isolation).toBe('worktree');
    expect(decision.warning).toMatch(/merge-back may drop it/);
  });

  it('rejects invalid input with a TypeError naming the field', () => {
    expect(() => resolveIsolation({ agentCount: 0, sessionType: 'feature' })).toThrow(
      new TypeError('agentCount must be an integer >= 1, got 0'),
    );
    expect(() => resolveIsolation({ agentCount: 2.5, sessionType: 'feature' })).toThrow(TypeError);
    expect(() => resolveIsolation({ agentCount: 2, sessionType: 'huge' as never })).toThrow(
      new TypeError('sessionType must be one of housekeeping, feature, deep, got "huge"'),
    );
    expect(() =>
      resolveIsolation({ agentCount: 2, sessionType: 'deep', collisionRisk: 'extreme' as never }),
    ).toThrow(new TypeError('collisionRisk must be one of low, medium, high, got "extreme"'));
    expect(() =>
      resolveIsolation({ agentCount: 2, sessionType: 'deep', configIsolation: 'docker' as never }),
    ).toThrow(new TypeError('configIsolation must be one of auto, worktree, none, got "docker"'));
  });
});

describe('resolveEnforcement (§F1)', () => {
  const table = [
    ['worktree', 'strict', 'strict'],
    ['worktree', 'warn', 'warn'],
    ['worktree', 'off', 'off'],
    ['worktree', undefined, 'warn'],
    ['none', 'strict', 'strict'],
    ['none', 'warn', 'strict'],
    ['none', 'off', 'off'],
    ['none', undefined, 'strict'],
  ] as const;
  it.each(table)('isolation %s, config %s → %s', (isolation, configEnforcement, expected) => {
    expect(resolveEnforcement({ isolation, configEnforcement })).toBe(expected);
  });

  it('rejects unknown values', () => {
    expect(() => resolveEnforcement({ isolation: 'auto' as never })).toThrow(
      new TypeError('isolation must be one of worktree, none, got "auto"'),
    );
    expect(() =>
      resolveEnforcement({ isolation: 'none', configEnforcement: 'loose' as never }),
    ).toThrow(new TypeError('configEnforcement must be one of strict, warn, off, got "loose"'));
  });
});
