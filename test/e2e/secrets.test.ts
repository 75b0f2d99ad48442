// The bar of issue 7 / issue 8 item 9: secrets planted in a runner's env, in an agent's tool call
// and output, in gate output and in the coordinator's environment are found nowhere on disk after
// a whole real session (built CLI, scripted agent processes, a real failing gate), nor in the
// `--json` stream: not in the log, the blobs, STATE.md, sessions.jsonl, the diagnostics bundle or
// any other projection file.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCRIPTED_AGENT, makeRepo } from '../support/git-repo.js';
import { logFiles, wave } from '../support/wave-cli.js';

const ANTHROPIC = 'sk-ant-api03-PlantedKey0123456789abcdefXYZ_-9876543210zyxw';
const GITHUB = 'ghp_Planted0123456789abcdefghijklmnopqrs';
const RUNNER_ENV_VALUE = 'corp-runner-secret-4f9a8b7c6d';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYPLANTED001';
const PASSWORD = 'hunter2-planted-pw';
const DB_PASSWORD = 'dbPassPlanted99';
const SERVICE_TOKEN = 'svc-planted-value-123';

const SECRETS = {
  ANTHROPIC,
  GITHUB,
  RUNNER_ENV_VALUE,
  AWS_SECRET,
  PASSWORD,
  DB_PASSWORD,
  SERVICE_TOKEN,
};

/** Every file under dir except .git and the user's own plan file. */
function filesUnder(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const rel = relative(root, path);
    if (rel === '.git' || rel === 'plan.yaml') return [];
    return statSync(path).isDirectory() ? filesUnder(path, root) : [path];
  });
}

function leaks(text: string): string[] {
  return Object.entries(SECRETS)
    .filter(([, v]) => text.includes(v))
    .map(([k]) => k);
}

describe('secrets never reach the disk (built CLI, real processes)', () => {
  it('a planted key in runner env, tool call, agent output, gate output and environment is found nowhere', async () => {
    expect(AWS_SECRET).toHaveLength(40);
    const repo = makeRepo();
    // The key straddles the 256-character cut of a long tool input (the stream parsers truncate).
    const longCommand = `curl -H 'Authorization: Bearer ${GITHUB}' -d key=${ANTHROPIC} ${'-v '.repeat(70)}${ANTHROPIC} ${'--data x '.repeat(500)}`;
    const gate = [
      "console.log('# pass 1');",
      "console.log('# fail 1');",
      "console.log('password=' + process.env.PLANT_PW);",
      "console.log('postgres://app:' + process.env.PLANT_DB + '@db:5432/app');",
      "console.log('aws secret ' + process.env.PLANT_AWS);",
      "console.log('token ' + process.env.MY_SERVICE_TOKEN);",
      'process.exit(1);',
    ].join(' ');
    writeFileSync(
      join(repo, 'plan.yaml'),
      `session: { type: feature, intent: Keep secrets out of the log }
config:
  quality-gates:
    test: ${JSON.stringify(['node', '-e', gate])}
  verification-auto-fix: { enabled: false }
runners:
  default:
    kind: command
    argv: ${JSON.stringify([
      'node',
      SCRIPTED_AGENT,
      '--bash',
      longCommand,
      '--summary',
      `wrote it with ${RUNNER_ENV_VALUE} and ${ANTHROPIC}`,
    ])}
    format: claude-stream-json
    env: { ANTHROPIC_API_KEY: ${ANTHROPIC}, INTERNAL_API_TOKEN: ${RUNNER_ENV_VALUE} }
waves:
  - role: Impl-Core
    tasks: [{ id: m-1, task: Write the client, files: [src/client.js] }]
`,
    );
    const r = await wave(['run', 'plan.yaml', '--allow-dirty', '--json', '--yes'], {
      cwd: repo,
      env: {
        PLANT_PW: PASSWORD,
        PLANT_DB: DB_PASSWORD,
        PLANT_AWS: AWS_SECRET,
        MY_SERVICE_TOKEN: SERVICE_TOKEN,
      },
    });
    expect(r.code).toBe(3); // the gate fails and auto-fix is off: the session aborts
    const log = readFileSync(logFiles(repo)[0] as string, 'utf8');
    // The secrets did travel: the agent ran the command, the gate printed its output.
    expect(log).toContain('agent.tool_called');
    expect(log).toContain('"type":"gate.failed"');
    expect(log).toContain('Bearer ***GITHUB_PAT***');
    expect(log).toContain('password=***REDACTED***');
    expect(log).toContain('"ANTHROPIC_API_KEY":"***REDACTED***"');
    const files = filesUnder(repo);
    expect(files.some((f) => f.includes(join('log', 'blobs')))).toBe(true);
    expect(files.some((f) => f.includes('verification-failures'))).toBe(true);
    expect(files.some((f) => f.endsWith('STATE.md'))).toBe(true);
    for (const file of files) {
      expect({ file: relative(repo, file), leaks: leaks(readFileSync(file, 'latin1')) }).toEqual({
        file: relative(repo, file),
        leaks: [],
      });
    }
    expect(leaks(r.stdout)).toEqual([]);
    expect(leaks(r.stderr)).toEqual([]);
  });
});
