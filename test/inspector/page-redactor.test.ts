/**
 * Secrets never reach the inspector page: what it sends passes the project's one redactor
 * (src/domain/redact.ts) with secret-named keys masked too; other text is left alone.
 */
import { describe, expect, it } from 'vitest';
import { pageRedactor } from '../../src/adapters/inspector/page-redactor.js';
import { REDACTED, isSecretKeyName } from '../../src/domain/redact.js';

const text = (s: string) => pageRedactor().text(s);

describe('the inspector page redactor', () => {
  it.each([
    ['sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789', '***ANTHROPIC_KEY***'],
    ['sk-proj-0123456789abcdefghijklmnop', '***OPENAI_KEY***'],
    ['ghp_0123456789abcdefghijABCDEFGHIJklmnop', '***GITHUB_PAT***'],
    ['github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuv', '***GITHUB_PAT***'],
    ['xoxb-1234567890-abcdefghijkl', '***SLACK_TOKEN***'],
    ['AKIAIOSFODNN7EXAMPLE', '***AWS_ACCESS_KEY***'],
    [
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      '***JWT***',
    ],
  ])('masks %s', (secret, placeholder) => {
    expect(text(`run with ${secret} please`)).toBe(`run with ${placeholder} please`);
  });

  it('masks bearer tokens, key=value pairs and private keys; keeps plain text and numbers', () => {
    expect(text('Authorization: Bearer abcdefghijklmnop123')).toBe(
      `Authorization: Bearer ${REDACTED}`,
    );
    expect(text('export API_KEY=hunter2hunter2')).toBe(`export API_KEY=${REDACTED}`);
    expect(text('"password": "correct-horse"')).not.toContain('correct-horse');
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----';
    expect(text(`key:\n${pem}`)).not.toContain('MIIEow');
    const plain = 'STATUS: done — edited src/greet.js; outputTokens: 123456';
    expect(text(plain)).toBe(plain);
  });

  it('masks every string of an event, and string values of secret-named keys', () => {
    const event = {
      seq: 3,
      data: {
        argv: ['claude', '--key', 'sk-ant-api03-ZZZZZZZZZZZZZZZZZZZZZZZZ'],
        env: { GITHUB_TOKEN: 'abc123xyz' },
        input: { apiKey: 'plain-looking', url: 'https://example.com', key: 'abc' },
        inputTokens: 900,
      },
    };
    const out = pageRedactor().deep(event);
    expect(JSON.stringify(out)).not.toContain('ZZZZZZZZZZZZ');
    expect(out.data.env.GITHUB_TOKEN).toBe(REDACTED);
    expect(out.data.input).toEqual({ apiKey: REDACTED, url: 'https://example.com', key: 'abc' });
    expect(out.data.inputTokens).toBe(900);
    expect(out.seq).toBe(3);
    // The input is not changed (the redactor copies what it masks).
    expect(event.data.env.GITHUB_TOKEN).toBe('abc123xyz');
  });

  it('names secret keys in the usual spellings, and not token counts or ordinary keys', () => {
    for (const k of [
      'GITHUB_TOKEN',
      'api_key',
      'apiKey',
      'accessToken',
      'password',
      'clientSecret',
    ])
      expect(isSecretKeyName(k), k).toBe(true);
    for (const k of ['inputTokens', 'tokens', 'keyboard', 'file_path', 'monkey', 'author'])
      expect(isSecretKeyName(k), k).toBe(false);
  });
});
