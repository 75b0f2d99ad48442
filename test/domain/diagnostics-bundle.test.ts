import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildDiagnosticsBundle,
  diagnosticsBundleFileName,
  formatArgv,
  redactText,
  type DiagnosticsBundleInput,
} from '../../src/domain/diagnostics-bundle.js';

const fixture = JSON.parse(
  readFileSync(
    new URL(
      '../fixtures/reference/generated/diagnostics/verification-failure-bundle.example.json',
      import.meta.url,
    ),
    'utf8',
  ),
) as Record<string, unknown>;

const pat = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
const lintCommand = `echo "src/a.ts:3:1 error no-unused-vars (token ${pat})"; exit 1`;
const lintFailure = (attempt: number) => ({
  gate: 'lint',
  exitCode: 1,
  output: `src/a.ts:3:1 error no-unused-vars (token ${pat})`,
  timedOut: false,
  command: lintCommand,
  attempt,
});

/** The inputs of the reference run that produced the fixture (maxRetries 1, lint failing twice). */
const referenceRun: DiagnosticsBundleInput = {
  timestamp: '2026-11-24T09:12:47.541Z',
  wave: 'W2',
  gate: 'lint',
  retryAttempts: 2,
  maxRetries: 1,
  failures: [lintFailure(1), lintFailure(2)],
  changedFiles: [],
  correctiveContext: [],
  commands: { lint: lintCommand, typecheck: 'echo ok', test: 'echo "Tests  3 passed (3)"' },
  repoRoot: '<repoRoot>',
};

describe('buildDiagnosticsBundle (§B8)', () => {
  it('reproduces the reference bundle byte for byte, PAT redacted', () => {
    const bundle = buildDiagnosticsBundle(referenceRun);
    expect(JSON.stringify(bundle, null, 2)).toBe(JSON.stringify(fixture, null, 2));
    expect(Object.keys(bundle)).toEqual(Object.keys(fixture));
  });

  it('does not mutate its input', () => {
    const input = structuredClone(referenceRun);
    buildDiagnosticsBundle(input);
    expect(input).toEqual(referenceRun);
  });

  it('formats argv commands, keeps the last 5 corrective-context entries, null finalError when no failure', () => {
    const bundle = buildDiagnosticsBundle({
      ...referenceRun,
      failures: [],
      commands: { test: ['npx', 'vitest', 'run', "it's here"] },
      correctiveContext: [1, 2, 3, 4, 5, 6, 7].map((n) => ({ tool_name: 'Bash', exit_code: n })),
    });
    expect(bundle.finalError).toBeNull();
    expect(bundle.commands).toEqual({ test: `npx vitest run 'it'\\''s here'` });
    expect(bundle.correctiveContext).toEqual(
      [3, 4, 5, 6, 7].map((n) => ({ tool_name: 'Bash', exit_code: n })),
    );
  });

  it('redacts secret env values, literal secrets, the home dir and user paths everywhere', () => {
    const bundle = buildDiagnosticsBundle({
      ...referenceRun,
      repoRoot: '/home/alice/work/repo',
      changedFiles: ['src/x.ts'],
      failures: [
        {
          gate: 'test',
          exitCode: 1,
          output: 'auth failed with hunter2-very-secret at /Users/bob/x and /srv/me/home/cfg',
          timedOut: false,
          command: ['curl', '-H', 'Authorization: Bearer abcdefghij123456', 'https://x'],
          attempt: 1,
        },
      ],
      correctiveContext: [{ error_summary: 'token sk-ant-api03-abcdefghijklmnopqrstuv leaked' }],
      redact: {
        env: { MY_API_TOKEN: 'hunter2-very-secret', PATH: '/usr/bin', HOME: '/srv/me/home' },
        homeDir: '/srv/me/home',
        secretValues: ['abc'],
      },
    });
    const text = JSON.stringify(bundle);
    expect(text).not.toMatch(/hunter2|alice|bob|sk-ant-api03|abcdefghij123456|\/srv\/me/);
    expect(bundle.failures[0]?.output).toBe(
      'auth failed with ***REDACTED*** at /Users/<redacted>/x and ~/cfg',
    );
    expect(bundle.failures[0]?.command).toBe(
      "curl -H 'Authorization: Bearer ***REDACTED***' https://x",
    );
    expect(bundle.repoRoot).toBe('/home/<redacted>/work/repo');
    expect(bundle.correctiveContext).toEqual([
      { error_summary: 'token ***ANTHROPIC_KEY*** leaked' },
    ]);
    // Values shorter than 4 characters and non-secret env names are left alone.
    expect(bundle.changedFiles).toEqual(['src/x.ts']);
  });
});

describe('redaction helpers', () => {
  it.each([
    [`x ${pat} y`, 'x ***GITHUB_PAT*** y'],
    ['github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', '***GITHUB_PAT***'],
    ['gho_abcdefghijklmnopqrstuvwxyz0123456789', '***GITHUB_TOKEN***'],
    ['glpat-abcdefghij0123456789', '***GITLAB_PAT***'],
    ['AKIAABCDEFGHIJKLMNOP', '***AWS_ACCESS_KEY***'],
    ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig_nature', '***JWT***'],
    ['plain text stays', 'plain text stays'],
  ])('redactText(%s)', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('formatArgv quotes only what needs quoting', () => {
    expect(formatArgv(['npm', 'run', 'lint'])).toBe('npm run lint');
    expect(formatArgv(['sh', '-c', 'exit 3'])).toBe("sh -c 'exit 3'");
  });

  it('names bundle files after the timestamp without colons', () => {
    expect(diagnosticsBundleFileName('2026-11-24T09:12:47.541Z')).toBe(
      '2026-11-24T09-12-47.541Z.json',
    );
  });
});
