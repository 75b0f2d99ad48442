import { describe, expect, it } from 'vitest';
import { REDACTED, createRedactor, secretEnvValues } from '../../src/domain/redact.js';

const ANTHROPIC = 'sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEfGh';
const OPENAI = 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGh';
const GOOGLE = 'AIzaSyA-1234567890abcdefghijklmnopqrstu';
const GHP = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
const GHO = 'gho_abcdefghijklmnopqrstuvwxyz0123456789';
const FINE = 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz';
const AWS_ID = 'AKIAIOSFODNN7EXAMPLE';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const KEY_BLOCK =
  '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----';

describe('createRedactor', () => {
  const r = createRedactor();

  it.each([
    ['provider key (Anthropic)', `key ${ANTHROPIC} used`, ANTHROPIC],
    ['provider key (OpenAI)', `OPENAI=${OPENAI}`, OPENAI],
    ['provider key (Google)', `k=${GOOGLE}&q=1`, GOOGLE],
    ['GitHub classic token', `token ${GHP}`, GHP],
    ['GitHub OAuth token', `x ${GHO} y`, GHO],
    ['GitHub fine-grained token', `x ${FINE}`, FINE],
    ['AWS access key id', `id ${AWS_ID}.`, AWS_ID],
    ['AWS secret key (bare)', `secret ${AWS_SECRET}\n`, AWS_SECRET],
    ['AWS secret key (assignment)', `aws_secret_access_key = ${AWS_SECRET}`, AWS_SECRET],
    ['password= pair', 'mysql -u root password=hunter2hunter', 'hunter2hunter'],
    ['JSON password', '{"password": "s3cr3t-Pa55"}', 's3cr3t-Pa55'],
    ['database URL', 'connect postgres://app:Sup3rS3cret@db:5432/app', 'Sup3rS3cret'],
    ['https credentials', 'git clone https://me:tok3nValue@github.com/x.git', 'tok3nValue'],
    ['bearer header', 'Authorization: Bearer abc.DEF-ghi_123456', 'abc.DEF-ghi_123456'],
    ['basic header', 'Authorization: Basic dXNlcjpwYXNzd29yZA==', 'dXNlcjpwYXNzd29yZA=='],
    [
      'private key block',
      `before\n${KEY_BLOCK}\nafter`,
      'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ',
    ],
    ['secret-named assignment', 'export STRIPE_SECRET=whsec_live_0123', 'whsec_live_0123'],
    [
      'key cut off at the end of a preview',
      `text … ${ANTHROPIC.slice(0, 16)}`,
      ANTHROPIC.slice(0, 16),
    ],
  ])('masks a %s', (_name, input, secret) => {
    const out = r.text(input);
    expect(out).not.toContain(secret);
    expect(out.length).toBeGreaterThan(0);
  });

  it('keeps what is not a secret: git SHAs, sha256 hashes, paths, prose, counts', () => {
    for (const text of [
      'commit 2a71c4c9d5924c80c8fef5e27e2d0f0b3a1c4d5e',
      'blob 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      'Edited src/middleware/rate-limit.ts (42 lines)',
      '{"input_tokens": 1200, "max_tokens": 4096}',
      'the password prompt appears once',
      'run the disk-usage-report-generator-v2 task-later',
      'see m-1 and ask-',
    ])
      expect(r.text(text)).toBe(text);
  });

  it('keeps the name of a pair and masks only its value', () => {
    expect(r.text('password=hunter2hunter')).toBe(`password=${REDACTED}`);
    expect(r.text('postgres://app:Sup3rS3cret@db/app')).toBe(`postgres://app:${REDACTED}@db/app`);
  });

  it('masks literal secrets and the values of secret-named environment variables', () => {
    const env = { MY_SERVICE_TOKEN: 'plainvalue42', HOME: '/root', PWD: '/work', LANG: 'C' };
    expect(secretEnvValues(env)).toEqual(['plainvalue42']);
    const lit = createRedactor({ env, secretValues: ['corp-internal-xyz'] });
    expect(lit.text('got plainvalue42 and corp-internal-xyz in /work')).toBe(
      `got ${REDACTED} and ${REDACTED} in /work`,
    );
  });

  it('applies the user patterns, groups and all', () => {
    const u = createRedactor({ patterns: ['ACME-(\\d{4})-[A-Z]{4}'] });
    expect(u.text('id ACME-1234-ABCD ok')).toBe(`id ${REDACTED} ok`);
    expect(() => createRedactor({ patterns: ['(unclosed'] })).toThrow(SyntaxError);
  });

  it('deep: copies only what changed', () => {
    const data = { a: { b: ['x', `k ${GHP}`] }, c: { d: 'same' }, n: 3 };
    const out = r.deep(data);
    expect(out.a.b[1]).toBe('k ***GITHUB_PAT***');
    expect(out.c).toBe(data.c);
    expect(data.a.b[1]).toContain(GHP);
    const clean = { x: ['a', 'b'] };
    expect(r.deep(clean)).toBe(clean);
  });
});
