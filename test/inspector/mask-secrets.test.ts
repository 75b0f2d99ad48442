/** Secrets never reach the inspector page: token-shaped strings are masked, others left alone. */
import { describe, expect, it } from 'vitest';
import { maskDeep, maskSecrets } from '../../src/adapters/inspector/mask-secrets.js';

describe('maskSecrets', () => {
  it.each([
    ['sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789'],
    ['sk-proj-0123456789abcdefghijklmnop'],
    ['ghp_0123456789abcdefghijABCDEFGHIJklmn'],
    ['github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuv'],
    ['xoxb-1234567890-abcdefghijkl'],
    ['AKIAIOSFODNN7EXAMPLE'],
    [
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    ],
  ])('masks %s', (secret) => {
    const out = maskSecrets(`run with ${secret} please`);
    expect(out).not.toContain(secret);
    expect(out).toContain('[masked]');
    expect(out.startsWith('run with ')).toBe(true);
  });

  it('masks bearer tokens, key=value pairs and private keys; keeps plain text and numbers', () => {
    expect(maskSecrets('Authorization: Bearer abcdefghijklmnop123')).not.toContain(
      'abcdefghijklmnop123',
    );
    expect(maskSecrets('export API_KEY=hunter2hunter2')).not.toContain('hunter2hunter2');
    expect(maskSecrets('"password": "correct-horse"')).not.toContain('correct-horse');
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----';
    expect(maskSecrets(`key:\n${pem}`)).not.toContain('MIIEow');
    const plain = 'STATUS: done — edited src/greet.js; outputTokens: 123456';
    expect(maskSecrets(plain)).toBe(plain);
  });

  it('masks every string of an event, and string values of secret-named keys', () => {
    const event = {
      seq: 3,
      data: {
        argv: ['claude', '--key', 'sk-ant-api03-ZZZZZZZZZZZZZZZZZZZZZZZZ'],
        env: { GITHUB_TOKEN: 'abc123xyz' },
        inputTokens: 900,
      },
    };
    const out = maskDeep(event);
    expect(JSON.stringify(out)).not.toContain('ZZZZZZZZZZZZ');
    expect(JSON.stringify(out)).not.toContain('abc123xyz');
    expect(out.data.inputTokens).toBe(900);
    expect(out.seq).toBe(3);
  });
});
