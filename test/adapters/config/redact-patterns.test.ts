import { describe, expect, it } from 'vitest';
import { parseSessionConfig } from '../../../src/adapters/config/session-config.parser.js';
import { REDACTED } from '../../../src/domain/redact.js';
import type { ResolvedPlan } from '../../../src/domain/plan.schema.js';
import { ResolvedPlanSchema } from '../../../src/domain/plan.schema.js';
import {
  createEventRedactor,
  planWithoutEnvValues,
  restoreRunnerEnv,
} from '../../../src/runtime/event-redaction.js';

const parse = (text: string) => parseSessionConfig(text, 'CLAUDE.md');

function plan(extra: Record<string, unknown> = {}): ResolvedPlan {
  return ResolvedPlanSchema.parse({
    session: { type: 'feature', intent: 'x' },
    config: extra,
    runners: {
      default: { kind: 'claude', env: { ANTHROPIC_API_KEY: 'sk-ant-x', MODE: 'fast' } },
    },
    waves: [],
  });
}

describe('redact-patterns in the Session Config', () => {
  it('reads a list block of regular expressions', () => {
    const r = parse(
      `## Session Config\n\nwaves: 5\nredact-patterns:\n  - ACME-[0-9]{6}\n  - "corp_[a-z0-9]{20} # not a comment"\nenforcement: warn\n`,
    );
    expect(r.issues).toEqual([]);
    expect(r.config.redactPatterns).toEqual(['ACME-[0-9]{6}', 'corp_[a-z0-9]{20} # not a comment']);
  });

  it('an invalid or empty-matching pattern is an issue at its position', () => {
    const r = parse(`## Session Config\n\nredact-patterns:\n  - (unclosed\n  - a*\n`);
    expect(r.issues).toMatchObject([
      {
        line: 4,
        column: 5,
        path: 'redact-patterns',
        message: expect.stringContaining('invalid regular expression') as string,
      },
      {
        line: 5,
        column: 5,
        path: 'redact-patterns',
        message: 'must not match empty text; got "a*"',
      },
    ]);
  });
});

describe('the event redaction of a session', () => {
  it('logs runner env names only, masks their values anywhere, applies the user patterns', () => {
    const p = plan({ redactPatterns: ['ACME-[0-9]{6}'] });
    const r = createEventRedactor(p, { MY_TOKEN: 'tok-from-env-1234' });
    const planned = r.event('session.planned', { plan: p, source: 'plan.yaml' }) as {
      plan: ResolvedPlan;
    };
    expect(planned.plan.runners.default?.env).toEqual({
      ANTHROPIC_API_KEY: REDACTED,
      MODE: REDACTED,
    });
    expect(
      r.event('agent.output', {
        agentId: 'a',
        text: 'k=sk-ant-x id ACME-123456 tok-from-env-1234',
      }),
    ).toEqual({
      agentId: 'a',
      text: `k=${REDACTED} id ${REDACTED} ${REDACTED}`,
    });
    // A short, non-secret value ("fast") is not masked everywhere.
    expect(r.text('a fast run')).toBe('a fast run');
  });

  it('resume restores env values from the plan file and drops the ones it cannot', () => {
    const logged = planWithoutEnvValues(plan());
    expect(restoreRunnerEnv(logged, plan()).runners.default?.env).toEqual({
      ANTHROPIC_API_KEY: 'sk-ant-x',
      MODE: 'fast',
    });
    expect(restoreRunnerEnv(logged, null).runners.default?.env).toEqual({});
  });
});
