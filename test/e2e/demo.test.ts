import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateSession } from '../../src/formats/validate-session.js';

describe('npm run demo', () => {
  it('runs the demo session to a green end and replays it byte for byte', () => {
    const r = spawnSync(process.execPath, ['examples/demo/run-demo.mjs'], {
      encoding: 'utf8',
      env: { ...process.env, DEMO_AGENT_DELAY_MS: '5' },
    });
    expect(r.stderr).not.toContain('unexpected error');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('every projection matches');
    const state = readFileSync('.demo/repo/.claude/STATE.md', 'utf8');
    expect(state).toContain('status: completed');
    expect(state).toMatch(/- m-4: completed/);
    const line = readFileSync('.demo/repo/.orchestrator/metrics/sessions.jsonl', 'utf8').trim();
    expect(validateSession(JSON.parse(line)).ok).toBe(true);
    expect(readFileSync('.demo/repo/README.md', 'utf8')).toContain('## Rate limiting');
  });
});
