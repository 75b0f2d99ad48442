import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSession } from '../../../src/formats/validate-session.js';

const REF = join(import.meta.dirname, '../../fixtures/reference');
const json = (p: string): unknown => JSON.parse(readFileSync(join(REF, p), 'utf8'));
const jsonl = (p: string): unknown[] =>
  readFileSync(join(REF, p), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as unknown);

describe('validateSession (reference port)', () => {
  const cases = json('generated/sessions/validateSession.invalid-cases.json') as Record<
    string,
    { record: unknown; error: string }
  >;
  for (const [name, c] of Object.entries(cases)) {
    it(`rejects "${name}" with the reference's exact message`, () => {
      expect(validateSession(c.record)).toEqual({ ok: false, error: c.error });
    });
  }

  it('accepts both generated valid lines unchanged (schema_version already 2)', () => {
    const lines = readFileSync(
      join(REF, 'generated/sessions/sessions.valid.generated.jsonl'),
      'utf8',
    )
      .split('\n')
      .filter(Boolean);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      const r = validateSession(JSON.parse(line));
      expect(r.ok).toBe(true);
      if (r.ok) expect(JSON.stringify(r.record)).toBe(line);
    }
  });

  it('stamps schema_version 2 as the last key when absent, without mutating the input', () => {
    const lines = readFileSync(
      join(REF, 'generated/sessions/sessions.valid.generated.jsonl'),
      'utf8',
    )
      .split('\n')
      .filter(Boolean);
    const second = lines[1] as string;
    const input = JSON.parse(second) as Record<string, unknown>;
    delete input.schema_version;
    const r = validateSession(input);
    expect(r.ok && JSON.stringify(r.record)).toBe(second);
    expect('schema_version' in input).toBe(false);
  });

  it('reproduces the fixtures README verdicts for the copied ledgers', () => {
    const verdict = (rec: unknown): string => {
      const r = validateSession(rec);
      return r.ok ? 'VALID' : r.error;
    };
    expect(jsonl('copied/sessions/sessions-invalid-golden.jsonl').map(verdict)).toEqual([
      'session missing required field: total_agents',
      'session missing required field: completed_at',
      'session missing required field: waves',
      'session missing required field: waves',
      'session missing required field: completed_at',
      'VALID',
      'VALID',
      'waves must be an array, got: number',
      'agent_summary missing required field: spiral',
      'waves[0].wave must be a number >= 1, got: undefined',
      'waves[0].wave must be a number >= 1, got: undefined',
      'waves[0].wave must be a number >= 1, got: 0',
      'VALID',
    ]);
    expect(jsonl('copied/sessions/vault-mirror-golden-sessions.jsonl').map(verdict)).toEqual(
      Array(7).fill('VALID'),
    );
    expect(jsonl('copied/sessions/session-schema-sample-sessions.jsonl').map(verdict)).toEqual([
      'VALID',
      'VALID',
      'session missing required field: total_waves',
      'VALID',
    ]);
    expect(jsonl('copied/sessions/eval-happy-sessions.jsonl').map(verdict)).toEqual(['VALID']);
    expect(jsonl('copied/sessions/harness-audit-clean-repo-sessions.jsonl').map(verdict)).toEqual([
      'session missing required field: waves',
      'session missing required field: waves',
    ]);
  });

  it('rejects non-objects and reports the first violation in reference order', () => {
    expect(validateSession(null)).toEqual({ ok: false, error: 'session must be an object' });
    expect(validateSession([])).toEqual({ ok: false, error: 'session must be an object' });
    expect(validateSession({ schema_version: 9 })).toEqual({
      ok: false,
      error: 'schema_version must be one of [0 (legacy), 1, 2, 3], got: 9',
    });
    expect(validateSession({})).toEqual({
      ok: false,
      error: 'session missing required field: session_id',
    });
  });
});
